// Push events of AWS::Serverless::Function (SNS, S3, Cognito, EventBridge, schedules, APIs, IoT, logs, Alexa): what SAM generates for each.
import {asArray, get, isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import type {Locator, PropPath} from '../types.js'
import {addApiPath, apiStageName, coveredByDefaultRoute, executeApiArn, refText} from './api-events.js'
import {logicalIdHash} from './domain.js'
import {deadLetterArn, expandScheduleV2, renameRulePath} from './event-targets.js'
import {type Expansion, generated, identity, type Props, samLocator, stripUndefined} from './expansion.js'
import type {FunctionContext} from './function.js'
import {expandPullEvent} from './pull-events.js'
import {SAM_MANAGED_POLICIES} from './roles.js'

/** SAM's permission id: `{Event}Permission{suffix}`, with a suffix that is not alphanumeric hashed. */
function permissionId(prefix: string, suffix: string): string {
  return /^[\p{L}\p{N}]+$/u.test(suffix) ? `${prefix}Permission${suffix}` : `${prefix}Permission${logicalIdHash(suffix)}`
}

export function expandFunctionEvent(expansion: Expansion, context: FunctionContext, eventName: string, event: unknown): void {
  const {out} = expansion
  const {decl} = context
  if (!isRecord(event)) return
  const id = decl.id
  const type = typeof event.Type === 'string' ? event.Type : ''
  const p = isRecord(event.Properties) ? event.Properties : {}
  const generatedId = `${id}${eventName}`
  const fn = context.target
  const eventPrefix: PropPath = ['Events', eventName, 'Properties']
  const eventLocate = samLocator(expansion, decl, undefined, identity, eventPrefix)
  const at = (path: PropPath): Locator => samLocator(expansion, decl, undefined, () => path, eventPrefix)
  const permission = (permissionId: string, principal: string, sourceArn: unknown, extra: Props = {}): void => {
    out.push(generated(decl, permissionId, 'AWS::Lambda::Permission', {Action: 'lambda:InvokeFunction', FunctionName: fn.ref, Principal: principal, SourceArn: sourceArn, ...extra}, at([]), true))
  }
  switch (type) {
    case 'SQS':
    case 'Kinesis':
    case 'DynamoDB':
    case 'MSK':
    case 'MQ':
    case 'DocumentDB':
    case 'SelfManagedKafka':
      expandPullEvent(expansion, context, eventName, type, p)
      return
    case 'SNS': {
      const subscription: Props = {
        Protocol: 'lambda',
        Endpoint: fn.arn,
        TopicArn: p.Topic,
        Region: p.Region,
        FilterPolicy: p.FilterPolicy,
        FilterPolicyScope: p.FilterPolicyScope,
        RedrivePolicy: p.RedrivePolicy,
      }
      const rename = (path: PropPath): PropPath => (path[0] === 'TopicArn' ? ['Topic'] : path[0] === 'Endpoint' || path[0] === 'Protocol' ? [] : path)
      const sqs = p.SqsSubscription
      if (sqs === true || isRecord(sqs)) {
        // SAM puts a queue between the topic and the function; the function then polls that queue.
        const sqsLocate = at(['SqsSubscription'])
        const options = isRecord(sqs) ? sqs : {}
        let queueArn = options.QueueArn
        let queueUrl = options.QueueUrl
        if (queueArn === undefined) {
          const queueId = `${generatedId}Queue`
          out.push(generated(decl, queueId, 'AWS::SQS::Queue', {}, sqsLocate))
          queueArn = {'Fn::GetAtt': [queueId, 'Arn']}
          queueUrl = {Ref: queueId}
        }
        const policyId = typeof options.QueuePolicyLogicalId === 'string' ? options.QueuePolicyLogicalId : `${generatedId}QueuePolicy`
        out.push(
          generated(
            decl,
            policyId,
            'AWS::SQS::QueuePolicy',
            {
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{Action: 'sqs:SendMessage', Effect: 'Allow', Principal: '*', Resource: queueArn, Condition: {ArnEquals: {'aws:SourceArn': p.Topic}}}],
              },
              Queues: [queueUrl],
            },
            sqsLocate,
            true,
          ),
        )
        out.push(
          generated(
            decl,
            `${generatedId}EventSourceMapping`,
            'AWS::Lambda::EventSourceMapping',
            {BatchSize: options.BatchSize ?? 10, Enabled: options.Enabled ?? true, EventSourceArn: queueArn, FunctionName: fn.ref},
            samLocator(expansion, decl, undefined, (path) => (path[0] === 'BatchSize' || path[0] === 'Enabled' ? path : []), [...eventPrefix, 'SqsSubscription']),
          ),
        )
        context.addManagedPolicy(SAM_MANAGED_POLICIES.sqs)
        out.push(generated(decl, generatedId, 'AWS::SNS::Subscription', {...subscription, Protocol: 'sqs', Endpoint: queueArn}, samLocator(expansion, decl, undefined, rename, eventPrefix)))
        return
      }
      out.push(generated(decl, generatedId, 'AWS::SNS::Subscription', subscription, samLocator(expansion, decl, undefined, rename, eventPrefix)))
      permission(`${generatedId}Permission`, 'sns.amazonaws.com', p.Topic)
      return
    }
    case 'S3': {
      permission(`${generatedId}Permission`, 's3.amazonaws.com', undefined, {SourceAccount: {Ref: 'AWS::AccountId'}})
      const bucket = get(p, 'Bucket', 'Ref')
      if (typeof bucket === 'string') {
        const configurations = asArray(p.Events).map((s3Event) => stripUndefined({Event: s3Event, Function: fn.arn, Filter: p.Filter}))
        expansion.patches.push({target: bucket, apply: (target) => addBucketNotifications(target, configurations, eventLocate)})
      }
      return
    }
    case 'Cognito': {
      permission(`${id}CognitoPermission`, 'cognito-idp.amazonaws.com', {'Fn::GetAtt': [get(p, 'UserPool', 'Ref') ?? p.UserPool, 'Arn']})
      const pool = get(p, 'UserPool', 'Ref')
      if (typeof pool === 'string') {
        expansion.patches.push({
          target: pool,
          apply: (target) => {
            const lambdaConfig: Props = isRecord(target.props.LambdaConfig) ? {...target.props.LambdaConfig} : {}
            for (const trigger of asArray(p.Trigger)) if (typeof trigger === 'string') lambdaConfig[trigger] = fn.arn
            target.props = {...target.props, LambdaConfig: lambdaConfig}
          },
        })
      }
      return
    }
    case 'EventBridgeRule':
    case 'CloudWatchEvent':
    case 'Schedule': {
      const dlqLocate = at(['DeadLetterConfig'])
      const deadLetter = deadLetterArn(expansion, decl, generatedId, p.DeadLetterConfig, dlqLocate, {principal: 'events.amazonaws.com', sourceArn: {'Fn::GetAtt': [generatedId, 'Arn']}})
      const target = stripUndefined({
        Arn: fn.arn,
        Id: get(p, 'Target', 'Id') ?? `${generatedId}LambdaTarget`,
        Input: p.Input,
        InputPath: p.InputPath,
        InputTransformer: p.InputTransformer,
        DeadLetterConfig: deadLetter === undefined ? undefined : {Arn: deadLetter},
        RetryPolicy: p.RetryPolicy,
      })
      const ruleProps: Props =
        type === 'Schedule'
          ? {
              ScheduleExpression: p.Schedule,
              State: p.State ?? (p.Enabled === undefined ? undefined : p.Enabled === false ? 'DISABLED' : 'ENABLED'),
              Name: p.Name,
              Description: p.Description,
              Targets: [target],
            }
          : {EventPattern: p.Pattern, EventBusName: p.EventBusName, State: p.State, Name: p.RuleName, Targets: [target]}
      out.push(generated(decl, generatedId, 'AWS::Events::Rule', ruleProps, samLocator(expansion, decl, undefined, renameRulePath, eventPrefix)))
      permission(`${generatedId}Permission`, 'events.amazonaws.com', {'Fn::GetAtt': [generatedId, 'Arn']})
      return
    }
    case 'ScheduleV2':
      expandScheduleV2(expansion, decl, eventName, p, {arn: fn.arn, roleAction: 'lambda:InvokeFunction', roleResource: fn.arn, policySuffix: 'LambdaPolicy'})
      return
    case 'Api':
      addApiPath(expansion, decl, eventName, p, {
        kind: 'rest',
        integration: {
          httpMethod: 'POST',
          type: 'aws_proxy',
          uri: {'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${refText(fn.arn)}}/invocations`},
        },
      })
      permission(permissionId(generatedId, apiStageName(expansion, p.RestApiId)), 'apigateway.amazonaws.com', executeApiArn(p.RestApiId ?? {Ref: 'ServerlessRestApi'}, p.Method, p.Path, 'rest'))
      return
    case 'HttpApi':
      addApiPath(expansion, decl, eventName, p, {
        kind: 'http',
        integration: {
          httpMethod: 'POST',
          type: 'aws_proxy',
          uri: {'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${refText(fn.arn)}}/invocations`},
          payloadFormatVersion: p.PayloadFormatVersion ?? '2.0',
          timeoutInMillis: p.TimeoutInMillis,
        },
      })
      if (!coveredByDefaultRoute(expansion, id, isRecord(context.props.Events) ? context.props.Events : {}, p)) {
        permission(`${generatedId}Permission`, 'apigateway.amazonaws.com', executeApiArn(p.ApiId ?? {Ref: 'ServerlessHttpApi'}, p.Method, p.Path))
      }
      return
    case 'IoTRule':
      out.push(
        generated(
          decl,
          generatedId,
          'AWS::IoT::TopicRule',
          {TopicRulePayload: stripUndefined({Sql: p.Sql, AwsIotSqlVersion: p.AwsIotSqlVersion, RuleDisabled: false, Actions: [{Lambda: {FunctionArn: fn.arn}}]})},
          eventLocate,
        ),
      )
      // SAM writes the partition of the region it runs in, as a literal (the aws partition assumed here, as for managed policies).
      permission(
        `${generatedId}Permission`,
        'iot.amazonaws.com',
        {'Fn::Sub': ['arn:aws:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}', {RuleName: {Ref: generatedId}}]},
        {
          SourceAccount: {'Fn::Sub': '${AWS::AccountId}'},
        },
      )
      return
    case 'CloudWatchLogs':
      out.push(generated(decl, generatedId, 'AWS::Logs::SubscriptionFilter', {LogGroupName: p.LogGroupName, FilterPattern: p.FilterPattern, DestinationArn: fn.arn}, eventLocate))
      permission(`${generatedId}Permission`, 'logs.amazonaws.com', {
        'Fn::Sub': ['arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:${__LogGroupName__}:*', {__LogGroupName__: p.LogGroupName}],
      })
      return
    case 'AlexaSkill':
      permission(`${generatedId}Permission`, 'alexa-appkit.amazon.com', undefined, {EventSourceToken: p.SkillId})
      return
    default:
      return
  }
}

/** Adds S3 → Lambda notifications to a bucket the way SAM does for S3 events; the added entries point at the event. */
function addBucketNotifications(bucket: ResourceDecl, configurations: Props[], eventLocate: Locator): void {
  const notification: Props = isRecord(bucket.props.NotificationConfiguration) ? {...bucket.props.NotificationConfiguration} : {}
  const existing = asArray(notification.LambdaConfigurations)
  const start = existing.length
  notification.LambdaConfigurations = [...existing, ...configurations]
  bucket.props = {...bucket.props, NotificationConfiguration: notification}
  const base = bucket.locate
  bucket.locate = (path, scope = 'properties') => {
    if (scope === 'properties' && path[0] === 'NotificationConfiguration' && path[1] === 'LambdaConfigurations' && typeof path[2] === 'number' && path[2] >= start && path[2] < start + configurations.length) {
      return eventLocate([])
    }
    return base(path, scope)
  }
}

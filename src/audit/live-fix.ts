// How to fix a live resource: in the template of the stack that owns it when there is one, else with the AWS CLI command that changes it (the console link travels beside it).
import type {GraphNode} from '../model/types.js'

/** A shell word: quoted only when it needs to be. */
function word(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

const last = (arn: string, separator: string): string => arn.split(separator).pop() ?? arn

interface Names {
  region: string
  /** The resource's own name (function, queue, role, rule…). */
  name: string
  arn: string
  queueUrl?: string
  /** Event source mapping UUID. */
  uuid?: string
  apiId?: string
  stage?: string
  bus?: string
}

function namesOf(node: GraphNode): Names {
  const arn = node.origin.arn ?? node.id
  const props = node.props
  const resource = arn.split(':').slice(5).join(':')
  return {
    region: node.origin.region ?? '',
    name:
      [props.FunctionName, props.QueueName, props.RoleName, props.Name, props.StateMachineName, props.AlarmName].find((value): value is string => typeof value === 'string') ??
      last(resource.replace(/^function:/, ''), '/'),
    arn,
    queueUrl: node.aliases?.find((alias) => alias.startsWith('https://')),
    uuid: node.type === 'AWS::Lambda::EventSourceMapping' ? last(arn, ':') : undefined,
    apiId: typeof props.RestApiId === 'string' ? props.RestApiId : typeof props.ApiId === 'string' ? props.ApiId : undefined,
    stage: typeof props.StageName === 'string' ? props.StageName : undefined,
    bus: typeof props.EventBusName === 'string' ? props.EventBusName : undefined,
  }
}

/** An alarm that tells someone (`put-metric-alarm`): the practice behind every missing-alarm rule. */
function alarm(names: Names, namespace: string, metric: string, dimension: string, value: string, statistic = 'Sum'): string {
  return `aws cloudwatch put-metric-alarm --alarm-name ${word(`${names.name}-${metric}`)} --namespace ${namespace} --metric-name ${metric} --dimensions Name=${dimension},Value=${word(value)} --statistic ${statistic} --period 60 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions <topic-arn>`
}

/** The command for the rules that find the most common gaps; the values in <angle brackets> are the user's to choose. */
const BY_RULE: Record<string, (names: Names) => string | undefined> = {
  SQS001: (n) => n.queueUrl && `aws sqs set-queue-attributes --queue-url ${n.queueUrl} --attributes '{"RedrivePolicy":"{\\"deadLetterTargetArn\\":\\"<dlq-arn>\\",\\"maxReceiveCount\\":\\"5\\"}"}'`,
  SQS002: (n) => alarm(n, 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', n.name, 'Maximum'),
  CWA001: (n) => alarm(n, 'AWS/Lambda', 'Errors', 'FunctionName', n.name),
  CWA004: (n) => alarm(n, 'AWS/States', 'ExecutionsFailed', 'StateMachineArn', n.arn),
  LMB001: (n) => `aws lambda update-function-configuration --function-name ${word(n.name)} --tracing-config Mode=Active`,
  LMB002: (n) => `aws lambda put-function-event-invoke-config --function-name ${word(n.name)} --maximum-retry-attempts 2 --destination-config '{"OnFailure":{"Destination":"<queue-or-topic-arn>"}}'`,
  LMB003: (n) => n.uuid && `aws lambda update-event-source-mapping --uuid ${n.uuid} --function-response-types ReportBatchItemFailures`,
  LMB009: (n) =>
    n.uuid && `aws lambda update-event-source-mapping --uuid ${n.uuid} --maximum-retry-attempts 10 --bisect-batch-on-function-error --destination-config '{"OnFailure":{"Destination":"<queue-or-topic-arn>"}}'`,
  SNS001: (n) => `aws sns set-subscription-attributes --subscription-arn ${n.arn} --attribute-name RedrivePolicy --attribute-value '{"deadLetterTargetArn":"<dlq-arn>"}'`,
  EVB001: (n) =>
    `aws events put-targets --rule ${word(n.name)} --event-bus-name ${word(n.bus ?? 'default')} --targets '[{"Id":"<target-id>","Arn":"<target-arn>","DeadLetterConfig":{"Arn":"<dlq-arn>"},"RetryPolicy":{"MaximumRetryAttempts":8}}]' (repeat the target as it is, adding DeadLetterConfig)`,
  SFN001: (n) => `aws stepfunctions update-state-machine --state-machine-arn ${n.arn} --tracing-configuration enabled=true`,
  APG003: (n) => n.apiId && n.stage && `aws apigateway update-stage --rest-api-id ${n.apiId} --stage-name ${word(n.stage)} --patch-operations op=replace,path=/tracingEnabled,value=true`,
  IAM003: (n) => `aws iam detach-role-policy --role-name ${word(n.name)} --policy-arn arn:aws:iam::aws:policy/AdministratorAccess (then attach only what the function needs)`,
}

/** The command that changes a resource of each type, for rules without their own. */
const BY_TYPE: Record<string, (names: Names) => string | undefined> = {
  'AWS::Lambda::Function': (n) => `aws lambda update-function-configuration --function-name ${word(n.name)} <setting>`,
  'AWS::Lambda::EventSourceMapping': (n) => n.uuid && `aws lambda update-event-source-mapping --uuid ${n.uuid} <setting>`,
  'AWS::Lambda::EventInvokeConfig': (n) => `aws lambda put-function-event-invoke-config --function-name ${word(n.name)} <setting>`,
  'AWS::SQS::Queue': (n) => n.queueUrl && `aws sqs set-queue-attributes --queue-url ${n.queueUrl} --attributes <Name>=<value>`,
  'AWS::SNS::Topic': (n) => `aws sns set-topic-attributes --topic-arn ${n.arn} --attribute-name <name> --attribute-value <value>`,
  'AWS::SNS::Subscription': (n) => `aws sns set-subscription-attributes --subscription-arn ${n.arn} --attribute-name <name> --attribute-value <value>`,
  'AWS::Events::Rule': (n) => `aws events put-targets --rule ${word(n.name)} --event-bus-name ${word(n.bus ?? 'default')} --targets <targets>`,
  'AWS::StepFunctions::StateMachine': (n) => `aws stepfunctions update-state-machine --state-machine-arn ${n.arn} <setting>`,
  'AWS::ApiGateway::Stage': (n) => n.apiId && n.stage && `aws apigateway update-stage --rest-api-id ${n.apiId} --stage-name ${word(n.stage)} --patch-operations op=replace,path=<path>,value=<value>`,
  'AWS::ApiGatewayV2::Stage': (n) => n.apiId && n.stage && `aws apigatewayv2 update-stage --api-id ${n.apiId} --stage-name ${word(n.stage)} <setting>`,
  'AWS::IAM::Role': (n) => `aws iam put-role-policy --role-name ${word(n.name)} --policy-name <name> --policy-document file://policy.json`,
}

/** The `aws` command that fixes a live finding, with its region; undefined when no command is known for the resource. */
export function liveFixCommand(ruleId: string, node: GraphNode): string | undefined {
  const names = namesOf(node)
  const command = BY_RULE[ruleId]?.(names) || BY_TYPE[node.type]?.(names)
  if (!command) return undefined
  const region = names.region && names.region !== 'global' && !command.startsWith('aws iam') ? ` --region ${names.region}` : ''
  // The region goes with the command, before any note in parentheses.
  const note = / \(([^()]*)\)$/.exec(command)
  return note ? `${command.slice(0, note.index)}${region} (${note[1]})` : `${command}${region}`
}

/**
 * The fix of a live finding: a resource a CloudFormation stack owns (tag aws:cloudformation:stack-name)
 * is fixed in that stack's template, since a direct change is drift the next deployment undoes;
 * otherwise the `aws` command, next to the console link the finding carries.
 */
export function liveFix(ruleId: string, node: GraphNode, templateFix: string | undefined): string | undefined {
  const command = liveFixCommand(ruleId, node)
  const stack = node.origin.stack
  if (stack) {
    // In the stack's template the resource is its logical id, not the name or ARN it was deployed with.
    const logicalId = node.origin.logicalId
    const physical = [node.origin.arn, node.id, ...(node.aliases ?? []), namesOf(node).name].filter((name): name is string => Boolean(name) && name !== logicalId).sort((a, b) => b.length - a.length)
    const advice = templateFix && logicalId ? physical.reduce((text, name) => text.split(name).join(logicalId), templateFix) : templateFix
    const what = advice ? ` (${advice.replace(/\.$/, '')})` : ''
    return `Owned by CloudFormation stack ${stack}${logicalId ? ` as ${logicalId}` : ''}: fix it in that stack's template and deploy${what}; a change made in the console or with the CLI is drift the next deployment undoes.${command ? ` Directly: ${command}` : ''}`
  }
  // Advice written for templates (`!Ref`, `Fn::`, SAM properties) means nothing for a resource made by hand.
  const advice = templateFix && !/!(Ref|GetAtt|Sub)\b|Fn::|SAM/.test(templateFix) ? templateFix : undefined
  if (command) return advice ? `${command} — ${advice}` : command
  return advice ?? 'Change it in the console (link beside this finding), or in the tool that created it.'
}

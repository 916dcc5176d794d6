// LMB002: a function invoked asynchronously needs somewhere for events that keep failing to go.
import {dlqDepthAlarm} from '../sqs/queues.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {asyncFailureTarget, invocationsOf, labels} from './queries.js'

export default defineRule({
  meta: {
    id: 'LMB002',
    name: 'lambda-async-without-failure-destination',
    title: 'Asynchronously invoked function without on-failure destination or dead-letter queue',
    severity: 'error',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-4', 'P-DES-6'],
    messages: {
      noFailureTarget:
        'Function {{function}} is invoked asynchronously by {{sources}} but has neither an on-failure destination nor a dead-letter queue: an event that still fails after the retries is dropped.',
      conditionalFailureTarget:
        'Function {{function}} is invoked asynchronously by {{sources}} and has an on-failure destination or dead-letter queue only on one branch of an Fn::If: where it is left out, an event that still fails after the retries is dropped.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'Events that still fail after the retries go to the new on-failure queue instead of being dropped: someone must watch it (the fix adds its depth alarm).',
    cdkFix: 'onFailure: new destinations.SqsDestination(queue)',
    equivalents: {
      'serverless-rules': ['ES1007'],
      'cdk-nag': ['Serverless-LambdaAsyncFailureDestination', 'Serverless-LambdaDLQ'],
      checkov: ['CKV_AWS_116'],
    },
    docs: {
      what: 'Finds functions that something invokes asynchronously — an SNS subscription, an S3 notification, an EventBridge rule or schedule, an EventBridge Scheduler schedule, an IoT rule, a CloudWatch Logs subscription, or a `AWS::Lambda::Permission` for one of those service principals (SAM `Events` included) — and that have neither a `DeadLetterConfig` (SAM: `DeadLetterQueue`) nor an `AWS::Lambda::EventInvokeConfig` (SAM: `EventInvokeConfig`) with `DestinationConfig.OnFailure`, for any qualifier. A dead-letter queue or destination set on only one branch of an `Fn::If` (production only, say) is reported as info, never as an error.',
      why: 'Lambda retries a failing asynchronous event twice and then discards it. Without a dead-letter queue or an on-failure destination nobody can see, replay or even count the lost events. A DLQ on the EventBridge target or the SNS subscription only catches delivery failures, not errors thrown by the function.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Orders:\n          Type: SNS\n          Properties:\n            Topic: !Ref OrdersTopic',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      EventInvokeConfig:\n        MaximumRetryAttempts: 2\n        MaximumEventAgeInSeconds: 3600\n        DestinationConfig:\n          OnFailure:\n            Type: SQS\n            Destination: !GetAtt WorkerFailures.Arn\n      Events:\n        Orders:\n          Type: SNS\n          Properties:\n            Topic: !Ref OrdersTopic\n  WorkerFailures:\n    Type: AWS::SQS::Queue',
      whenNotToUse: 'Functions whose events are safe to lose (e.g. a cache warmer on a schedule); suppress the rule on that function with a reason.',
      references: [
        'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html',
        'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/failure-management.html',
      ],
      limitations: 'Invocations made by code (an `InvokeFunction` call with `InvocationType: Event`) are not visible in a template; only service integrations are.',
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      const asyncInvocations = invocationsOf(graph, fn).filter((invocation) => invocation.async)
      if (asyncInvocations.length === 0) continue
      const target = asyncFailureTarget(graph, fn)
      if (target === 'set') continue
      report({
        node: fn,
        path: [],
        messageId: target === 'conditional' ? 'conditionalFailureTarget' : 'noFailureTarget',
        data: {function: displayName(fn), sources: labels(asyncInvocations)},
        // Set on one branch of an Fn::If: a deliberate choice per environment, worth a note, not an error.
        ...(target === 'conditional' ? {maxSeverity: 'info' as const} : {}),
        fix: 'Add an AWS::Lambda::EventInvokeConfig (SAM: EventInvokeConfig) with DestinationConfig.OnFailure pointing at an SQS queue, SNS topic or bus, or a DeadLetterConfig (SAM: DeadLetterQueue).',
        // SAM creates the queue and grants the function's role to send to it; a CloudFormation role would need a new statement, so only SAM functions are fixed.
        autofix: (fixer) => {
          const written = fixer.written(fn)
          if (!written?.sam || target === 'conditional') return undefined
          const queue = `${written.id}EventInvokeConfigOnFailureQueue`
          const alarm = fixer.newResourceId(`${queue}DepthAlarm`)
          const alarmTarget = fixer.alarmTarget()
          const config = {MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21_600, DestinationConfig: {OnFailure: {Type: 'SQS'}}}
          return fixer.propose(
            `Send failed asynchronous events to an on-failure queue SAM creates (${queue}), with its depth alarm`,
            [
              fixer.setProperty(fn, [], undefined, {path: ['EventInvokeConfig'], value: config, globals: 'Function'}),
              fixer.addResourceAfter(written.id, alarm, fixer.alarm(dlqDepthAlarm(queue), queue, alarmTarget.action)),
              alarmTarget.edits,
            ],
            alarmTarget.unsafe,
          )
        },
      })
    }
  },
})

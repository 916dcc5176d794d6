// SFN005: tasks that wait for a job, a callback or an activity should have a timeout.
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {definitionOf, reportPath, statesOf, taskPattern} from './definition.js'

const PATTERN_NAMES = {callback: 'a callback (.waitForTaskToken)', sync: 'a job to finish (.sync)', activity: 'an activity worker'} as const

export default defineRule({
  meta: {
    id: 'SFN005',
    name: 'stepfunctions-task-without-timeout',
    title: 'Step Functions task that waits has no timeout',
    severity: 'warning',
    service: 'stepfunctions',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-10', 'P-ANTI-4'],
    messages: {
      noTimeout: 'Task {{state}} of state machine {{stateMachine}} waits for {{waitsFor}} without TimeoutSeconds: if the answer never comes, the execution hangs for up to a year.',
    },
    equivalents: {},
    docs: {
      what: 'Finds Task states that wait — callbacks (`.waitForTaskToken`), jobs (`.sync`, `.sync:2`) and activities — with neither `TimeoutSeconds` nor `TimeoutSecondsPath`, in a state machine without a top-level `TimeoutSeconds`.',
      why: 'Without a timeout Step Functions waits for the worker or the callback indefinitely (up to the one-year execution limit). A lost task token or a crashed worker then leaves executions stuck, holding whatever they had reserved.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Tracing: {Enabled: true}\n      Definition:\n        StartAt: Approve\n        States:\n          Approve:\n            Type: Task\n            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken\n            Parameters:\n              QueueUrl: !Ref Approvals\n              MessageBody: {token.$: $$.Task.Token}\n            End: true\n      Policies:\n        - SQSSendMessagePolicy: {QueueName: !GetAtt Approvals.QueueName}\n  Approvals:\n    Type: AWS::SQS::Queue',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Tracing: {Enabled: true}\n      Definition:\n        StartAt: Approve\n        States:\n          Approve:\n            Type: Task\n            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken\n            TimeoutSeconds: 86400\n            HeartbeatSeconds: 3600\n            Parameters:\n              QueueUrl: !Ref Approvals\n              MessageBody: {token.$: $$.Task.Token}\n            End: true\n      Policies:\n        - SQSSendMessagePolicy: {QueueName: !GetAtt Approvals.QueueName}\n  Approvals:\n    Type: AWS::SQS::Queue',
      whenNotToUse: 'Tasks that are meant to wait for a human for an unbounded time; a top-level TimeoutSeconds is still advisable.',
      references: ['https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html#use-timeouts-to-avoid-stuck-executions', 'https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html'],
      limitations: 'Request-response tasks (a Lambda invoke, an SDK call) are bounded by the service they call and are not reported.',
    },
  },
  check({graph, report}) {
    for (const machine of graph.ofKind('stateMachine')) {
      const definition = definitionOf(machine)
      // A timeout on the whole execution bounds every task in it.
      if (!definition || definition.value.TimeoutSeconds !== undefined) continue
      for (const {name, state, path} of statesOf(definition)) {
        if (state.Type !== 'Task') continue
        const pattern = taskPattern(state)
        if (pattern === 'request' || pattern === 'unknown') continue
        if (state.TimeoutSeconds !== undefined || state.TimeoutSecondsPath !== undefined) continue
        report({
          node: machine,
          path: reportPath(definition, path),
          messageId: 'noTimeout',
          data: {state: name, stateMachine: displayName(machine), waitsFor: PATTERN_NAMES[pattern]},
          fix: `Set TimeoutSeconds on Task ${name} to the longest time the answer may reasonably take.`,
        })
      }
    }
  },
})

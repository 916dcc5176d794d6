// SFN006: callback and activity tasks should send heartbeats, so a dead worker is noticed before the task timeout.
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {definitionOf, reportPath, statesOf, taskPattern} from './definition.js'

export default defineRule({
  meta: {
    id: 'SFN006',
    name: 'stepfunctions-callback-without-heartbeat',
    title: 'Step Functions callback or activity task without a heartbeat',
    severity: 'info',
    service: 'stepfunctions',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-ANTI-4', 'P-ERR-10'],
    messages: {
      noHeartbeat: 'Task {{state}} of state machine {{stateMachine}} waits for {{waitsFor}} without HeartbeatSeconds: a worker that dies is only noticed when the whole task times out.',
    },
    equivalents: {},
    docs: {
      what: 'Finds callback tasks (`.waitForTaskToken`) and activity tasks without `HeartbeatSeconds` or `HeartbeatSecondsPath`.',
      why: 'Long-running workers that call SendTaskHeartbeat let Step Functions fail the task (States.HeartbeatTimeout) soon after the worker stops, and retry or compensate, instead of waiting for the full task timeout.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Tracing: {Enabled: true}\n      Definition:\n        StartAt: Approve\n        States:\n          Approve:\n            Type: Task\n            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken\n            TimeoutSeconds: 86400\n            Parameters:\n              QueueUrl: !Ref Approvals\n              MessageBody: {token.$: $$.Task.Token}\n            End: true\n      Policies:\n        - SQSSendMessagePolicy: {QueueName: !GetAtt Approvals.QueueName}\n  Approvals:\n    Type: AWS::SQS::Queue',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Tracing: {Enabled: true}\n      Definition:\n        StartAt: Approve\n        States:\n          Approve:\n            Type: Task\n            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken\n            TimeoutSeconds: 86400\n            HeartbeatSeconds: 600\n            Parameters:\n              QueueUrl: !Ref Approvals\n              MessageBody: {token.$: $$.Task.Token}\n            End: true\n      Policies:\n        - SQSSendMessagePolicy: {QueueName: !GetAtt Approvals.QueueName}\n  Approvals:\n    Type: AWS::SQS::Queue',
      whenNotToUse: 'Callbacks answered by a person or an external system that cannot send heartbeats; the task timeout is then the only bound.',
      references: ['https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token', 'https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html'],
      limitations:
        'The anti-pattern this guards against from the other side — a Lambda function that polls a slow job in a loop with sleeps (P-ANTI-4) — lives in function code and is not checked statically; replace such loops with a callback task or a Wait/Choice loop in the state machine.',
    },
  },
  check({graph, report}) {
    for (const machine of graph.ofKind('stateMachine')) {
      const definition = definitionOf(machine)
      if (!definition) continue
      for (const {name, state, path} of statesOf(definition)) {
        if (state.Type !== 'Task') continue
        const pattern = taskPattern(state)
        if (pattern !== 'callback' && pattern !== 'activity') continue
        if (state.HeartbeatSeconds !== undefined || state.HeartbeatSecondsPath !== undefined) continue
        report({
          node: machine,
          path: reportPath(definition, path),
          messageId: 'noHeartbeat',
          data: {state: name, stateMachine: displayName(machine), waitsFor: pattern === 'callback' ? 'a callback (.waitForTaskToken)' : 'an activity worker'},
          fix: `Set HeartbeatSeconds on Task ${name} and have the worker call SendTaskHeartbeat more often than that.`,
        })
      }
    }
  },
})

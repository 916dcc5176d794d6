// LMB018: functions should not call each other synchronously; orchestrate with Step Functions or hand over with events.
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {invokeTargets} from './queries.js'

export default defineRule({
  meta: {
    id: 'LMB018',
    name: 'lambda-function-chaining',
    title: 'Lambda function invokes another function',
    severity: 'warning',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ANTI-3', 'P-DES-4'],
    messages: {
      chains:
        'Function {{function}} may invoke function {{target}} (its role allows lambda:InvokeFunction on it): the caller waits and pays while the callee runs, and errors and retries compound. Use a Step Functions state machine or an event.',
    },
    equivalents: {},
    docs: {
      what: 'Finds functions whose execution role allows `lambda:InvokeFunction` on another function of the template (statements, `invokes` edges, SAM `LambdaInvokePolicy`). Self-invocation is reported by LMB017.',
      why: 'With Lambda chaining the caller is billed while it waits, timeouts must nest, errors surface as opaque function errors, and retries multiply across the chain. A state machine gives retries, catches and visibility per step; a queue or event decouples the two sides.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Policies:\n        - LambdaInvokePolicy:\n            FunctionName: !Ref Billing\n  Billing:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: checkout.asl.json\n      DefinitionSubstitutions:\n        OrdersArn: !GetAtt Orders.Arn\n        BillingArn: !GetAtt Billing.Arn\n      Policies:\n        - LambdaInvokePolicy:\n            FunctionName: !Ref Orders\n        - LambdaInvokePolicy:\n            FunctionName: !Ref Billing\n  Billing:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n  Orders:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      whenNotToUse: 'Asynchronous fire-and-forget invocations (`InvocationType: Event`) used as a handover, and authorizers or router functions by design; suppress with a reason.',
      references: ['https://docs.aws.amazon.com/lambda/latest/operatorguide/functions-calling-functions.html', 'https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html'],
      limitations: 'The role tells what a function may invoke, not whether it does so synchronously.',
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      for (const target of invokeTargets(graph, fn)) {
        if (target === fn) continue
        report({
          node: fn,
          path: [],
          messageId: 'chains',
          data: {function: displayName(fn), target: displayName(target)},
          fix: `Replace the call to ${displayName(target)} with a Step Functions task or an event (SQS, SNS, EventBridge), and remove lambda:InvokeFunction from the role.`,
        })
      }
    }
  },
})

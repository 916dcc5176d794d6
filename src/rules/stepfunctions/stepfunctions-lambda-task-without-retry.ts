// SFN003: Task states that invoke Lambda should retry the transient Lambda service errors.
import {asArray, isRecord, literalNumber} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {definitionOf, isLambdaTask, isUnresolved, reportPath, statesOf} from './definition.js'

/** Errors the Lambda service raises for reasons that have nothing to do with the function's code. */
export const TRANSIENT_LAMBDA_ERRORS = ['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'Lambda.SdkClientException'] as const

/** Wildcards that match every Lambda error (States.TaskFailed matches all but States.Timeout). */
const WILDCARDS = new Set(['States.ALL', 'States.TaskFailed'])

export default defineRule({
  meta: {
    id: 'SFN003',
    name: 'stepfunctions-lambda-task-without-retry',
    title: 'Step Functions Lambda task does not retry transient Lambda errors',
    severity: 'warning',
    service: 'stepfunctions',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-10', 'P-ERR-9'],
    messages: {
      noRetry: 'Task {{state}} of state machine {{stateMachine}} invokes Lambda without a Retry for {{missing}}; a throttle or service hiccup fails the whole execution.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: "The task's function runs again after a transient error: a function that is not idempotent repeats its side effects.",
    cdkFix:
      "addRetry({errors: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'], interval: cdk.Duration.seconds(1), maxAttempts: 3, backoffRate: 2}) (or retryOnServiceExceptions: true on LambdaInvoke)",
    equivalents: {},
    docs: {
      what: 'Finds Task states that invoke a Lambda function (the `arn:aws:states:::lambda:invoke` integration or a function ARN as `Resource`) whose `Retry` does not cover `Lambda.ServiceException`, `Lambda.TooManyRequestsException` and `Lambda.SdkClientException` (by name, `States.TaskFailed` or `States.ALL`, with `MaxAttempts` above 0). Parallel branches and Map processors are walked too.',
      why: 'These errors come from the Lambda service (throttling, a transient fault), not from your code, and they go away when retried. Without a retrier one of them fails the execution and leaves its work half done.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Tracing: {Enabled: true}\n      Definition:\n        StartAt: Charge\n        States:\n          Charge:\n            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Parameters: {FunctionName: !GetAtt ChargeFn.Arn, Payload.$: $}\n            End: true\n      Policies:\n        - LambdaInvokePolicy: {FunctionName: !Ref ChargeFn}\n  ChargeFn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Tracing: {Enabled: true}\n      Definition:\n        StartAt: Charge\n        States:\n          Charge:\n            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Parameters: {FunctionName: !GetAtt ChargeFn.Arn, Payload.$: $}\n            Retry:\n              - ErrorEquals: [Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.TooManyRequestsException]\n                IntervalSeconds: 1\n                MaxAttempts: 3\n                BackoffRate: 2\n                JitterStrategy: FULL\n            End: true\n      Policies:\n        - LambdaInvokePolicy: {FunctionName: !Ref ChargeFn}\n  ChargeFn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      whenNotToUse: 'Tasks whose function is not idempotent and must never run twice; make it idempotent instead where you can.',
      references: ['https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html', 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html'],
      limitations: 'Definitions stored in S3 (`DefinitionS3Location`, SAM `DefinitionUri`) are not read.',
    },
  },
  check({graph, report}) {
    for (const machine of graph.ofKind('stateMachine')) {
      const definition = definitionOf(machine)
      if (!definition) continue
      for (const {name, state, path} of statesOf(definition)) {
        if (!isLambdaTask(graph, machine, definition, state)) continue
        const retry = state.Retry
        if (retry !== undefined && !Array.isArray(retry)) continue
        const covered = new Set<string>()
        let unresolved = false
        for (const retrier of asArray(retry)) {
          if (!isRecord(retrier)) continue
          const attempts = retrier.MaxAttempts === undefined ? 3 : literalNumber(retrier.MaxAttempts)
          if (attempts === undefined) unresolved = true
          if (attempts === 0) continue
          for (const error of asArray(retrier.ErrorEquals)) {
            if (typeof error !== 'string' || isUnresolved(error)) {
              unresolved = true
              continue
            }
            covered.add(error)
          }
        }
        if (unresolved) continue
        if ([...covered].some((error) => WILDCARDS.has(error))) continue
        const missing = TRANSIENT_LAMBDA_ERRORS.filter((error) => !covered.has(error))
        if (missing.length === 0) continue
        report({
          node: machine,
          path: reportPath(definition, retry === undefined ? path : [...path, 'Retry']),
          messageId: 'noRetry',
          data: {state: name, stateMachine: displayName(machine), missing: missing.join(', ')},
          fix: `Add a Retry with ErrorEquals [${missing.join(', ')}], IntervalSeconds 1, MaxAttempts 3, BackoffRate 2 to Task ${name}.`,
          // Only a definition written as a mapping can be edited in place; a JSON string is one scalar to the file.
          autofix: (fixer) => {
            if (!definition.locatable) return undefined
            const retrier = {ErrorEquals: missing, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2}
            const statePath = path as Array<string | number>
            if (retry === undefined) {
              return fixer.propose(`Retry transient Lambda errors in ${name}`, [
                fixer.setProperty(machine, [...statePath, 'Retry'], [retrier], {path: [...statePath, 'Retry'], value: [retrier], resource: 'StateMachine'}),
              ])
            }
            const written = fixer.written(machine)
            if (!written) return undefined
            return fixer.propose(`Retry transient Lambda errors in ${name}`, [fixer.source.append(['Resources', written.id, 'Properties', ...statePath, 'Retry'], retrier)])
          },
        })
      }
    }
  },
})

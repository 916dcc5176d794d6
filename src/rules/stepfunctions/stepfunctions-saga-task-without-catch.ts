// SFN004: in a saga, every task after the first compensated one needs a Catch that leads to compensation.
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {catchTargets, definitionOf, normalTransitions, reachable, reportPath, scopesOf} from './definition.js'

export default defineRule({
  meta: {
    id: 'SFN004',
    name: 'stepfunctions-saga-task-without-catch',
    title: 'Step Functions saga task without a Catch to compensation',
    severity: 'warning',
    service: 'stepfunctions',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-10'],
    messages: {
      noCatch: 'Task {{state}} of state machine {{stateMachine}} runs after {{compensated}}, whose failures are compensated, but has no Catch: if it fails, the work already done is never undone.',
    },
    equivalents: {},
    docs: {
      what: 'Treats a state machine (or a Parallel branch, or a Map processor) as a saga when one of its Task states has a `Catch` whose `Next` is a state other than `Fail` or `Succeed` — a compensation. Every Task state reachable from such a task through `Next`, `Choice` and `Default` transitions, outside the compensation paths themselves (states reachable from a Catch target), must have a `Catch` too.',
      why: 'A saga undoes completed steps when a later step fails. A step without a Catch fails the execution directly: the reservations, charges or records made before it stay in place and the system is left inconsistent.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Tracing: {Enabled: true}\n      Definition:\n        StartAt: ReserveStock\n        States:\n          ReserveStock:\n            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Catch:\n              - ErrorEquals: [States.ALL]\n                Next: Failed\n            Next: Charge\n          Charge:\n            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Catch:\n              - ErrorEquals: [States.ALL]\n                Next: ReleaseStock\n            Next: Ship\n          Ship:\n            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            End: true\n          ReleaseStock:\n            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Next: Failed\n          Failed:\n            Type: Fail',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Tracing: {Enabled: true}\n      Definition:\n        StartAt: ReserveStock\n        States:\n          ReserveStock:\n            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Catch:\n              - ErrorEquals: [States.ALL]\n                Next: Failed\n            Next: Charge\n          Charge:\n            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Catch:\n              - ErrorEquals: [States.ALL]\n                Next: ReleaseStock\n            Next: Ship\n          Ship:\n            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Catch:\n              - ErrorEquals: [States.ALL]\n                ResultPath: $.error\n                Next: Refund\n            End: true\n          Refund:\n            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Next: ReleaseStock\n          ReleaseStock:\n            Type: Task\n            Resource: arn:aws:states:::lambda:invoke\n            Next: Failed\n          Failed:\n            Type: Fail',
      whenNotToUse: 'Steps whose failure leaves nothing to undo (e.g. a best-effort notification at the very end); suppress with a reason naming the step.',
      references: ['https://docs.aws.amazon.com/prescriptive-guidance/latest/cloud-design-patterns/saga-orchestration.html', 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html'],
      limitations:
        'Whether a step modifies state cannot be seen statically; the rule relies on the Catch-to-compensation shape. A Catch that leads straight to Fail or Succeed is not a compensation. Transitions are followed within one scope (branches and Map processors are checked on their own).',
    },
  },
  check({graph, report}) {
    for (const machine of graph.ofKind('stateMachine')) {
      const definition = definitionOf(machine)
      if (!definition) continue
      for (const scope of scopesOf(definition)) {
        const isCompensation = (target: unknown): boolean => {
          if (typeof target !== 'string') return false
          const type = scope.states[target]?.Type
          return type !== undefined && type !== 'Fail' && type !== 'Succeed'
        }
        const compensated = Object.entries(scope.states).filter(([, state]) => state.Type === 'Task' && catchTargets(state).some(isCompensation))
        if (compensated.length === 0) continue
        const compensationStarts = Object.values(scope.states).flatMap((state) => catchTargets(state))
        const compensationStates = reachable(scope, compensationStarts, (state) => [...normalTransitions(state), ...catchTargets(state)])
        const startOrder = reachable(scope, [scope.value.StartAt], normalTransitions)
        // The first compensated task on the happy path names the finding; any one will do if the graph is odd.
        const first = compensated.find(([name]) => startOrder.has(name) && !compensationStates.has(name)) ?? compensated[0]!
        const forward = reachable(
          scope,
          compensated.filter(([name]) => !compensationStates.has(name)).flatMap(([, state]) => normalTransitions(state)),
          normalTransitions,
        )
        for (const name of forward) {
          const state = scope.states[name]!
          if (state.Type !== 'Task' || compensationStates.has(name)) continue
          if (state.Catch !== undefined) continue
          report({
            node: machine,
            path: reportPath(definition, [...scope.path, 'States', name]),
            messageId: 'noCatch',
            data: {state: name, stateMachine: displayName(machine), compensated: first[0]},
            fix: `Add a Catch to Task ${name} (ErrorEquals [States.ALL], ResultPath $.error) whose Next undoes the steps completed before it, in reverse order.`,
          })
        }
      }
    }
  },
})

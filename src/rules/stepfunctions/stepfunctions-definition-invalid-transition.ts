// SFN007: a definition whose StartAt or transitions name missing states, or with states nothing reaches, fails to deploy.
import {asArray, isRecord} from '../../model/intrinsics.js'
import type {PropPath} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {catchTargets, definitionOf, isUnresolved, normalTransitions, reachable, reportPath, scopesOf} from './definition.js'

export default defineRule({
  meta: {
    id: 'SFN007',
    name: 'stepfunctions-definition-invalid-transition',
    title: 'Step Functions definition with a missing start, a transition to an unknown state, or an unreachable state',
    severity: 'error',
    service: 'stepfunctions',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-10'],
    messages: {
      noStartAt: 'State machine {{stateMachine}} has a States list without StartAt{{where}}.',
      unknownStartAt: 'State machine {{stateMachine}} starts at {{target}}{{where}}, which is not one of its states ({{states}}).',
      unknownNext: 'State {{state}} of state machine {{stateMachine}} goes to {{target}} ({{field}}), which is not a state of its scope ({{states}}).',
      unreachable: 'State {{state}} of state machine {{stateMachine}} cannot be reached from StartAt {{start}}; Step Functions rejects definitions with unreachable states.',
    },
    equivalents: {'cfn-lint': ['E3601']},
    docs: {
      what: 'Checks every scope of a definition (the top level, Parallel branches, Map processors): `StartAt` exists and names a state; every `Next`, `Default`, Choice rule `Next` and Catch `Next` names a state of the same scope; every state is reachable from `StartAt`.',
      why: 'Step Functions refuses such definitions at deployment time (MISSING_TRANSITION_TARGET, UNREACHABLE_STATE); finding them in the pull request saves a failed, rolled-back deployment.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Tracing: {Enabled: true}\n      Definition:\n        StartAt: Validate\n        States:\n          Validate:\n            Type: Pass\n            Next: Charge\n          Charge:\n            Type: Pass\n            Next: Shipp\n          Ship:\n            Type: Succeed',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Tracing: {Enabled: true}\n      Definition:\n        StartAt: Validate\n        States:\n          Validate:\n            Type: Pass\n            Next: Charge\n          Charge:\n            Type: Pass\n            Next: Ship\n          Ship:\n            Type: Succeed',
      whenNotToUse: 'Never: such a definition does not deploy.',
      references: [
        'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-amazon-states-language.html',
        'https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html',
      ],
      limitations: 'Names built from `${…}` substitutions are not checked, and a scope with such a transition is not checked for unreachable states.',
    },
  },
  check({graph, report}) {
    for (const machine of graph.ofKind('stateMachine')) {
      const definition = definitionOf(machine)
      if (!definition) continue
      const stateMachine = displayName(machine)
      for (const scope of scopesOf(definition)) {
        const names = Object.keys(scope.states)
        if (names.length === 0 && !isRecord(scope.value.States)) continue
        const listed = names.join(', ')
        const where = scope.path.length > definition.path.length ? ` (in ${scope.path.slice(definition.path.length).join('.')})` : ''
        const start = scope.value.StartAt
        let checkable = true
        if (start === undefined) {
          report({node: machine, path: reportPath(definition, scope.path), messageId: 'noStartAt', data: {stateMachine, where}, fix: `Add StartAt naming the first state (one of ${listed}).`})
          checkable = false
        } else if (typeof start !== 'string' || isUnresolved(start)) {
          checkable = false
        } else if (!(start in scope.states)) {
          report({
            node: machine,
            path: reportPath(definition, [...scope.path, 'StartAt']),
            messageId: 'unknownStartAt',
            data: {stateMachine, target: start, where, states: listed},
            fix: `Set StartAt to one of ${listed}.`,
          })
          checkable = false
        }
        for (const [name, state] of Object.entries(scope.states)) {
          for (const {target, field} of transitionsWithFields(state)) {
            if (typeof target !== 'string' || isUnresolved(target)) {
              checkable = false
              continue
            }
            if (target in scope.states) continue
            report({
              node: machine,
              path: reportPath(definition, [...scope.path, 'States', name, ...field]),
              messageId: 'unknownNext',
              data: {state: name, stateMachine, target, field: field.join('.'), states: listed},
              fix: `Point ${field.join('.')} of ${name} at one of ${listed}, or add a state named ${target}.`,
            })
          }
        }
        if (!checkable) continue
        const seen = reachable(scope, [start], (state) => [...normalTransitions(state), ...catchTargets(state)])
        for (const name of names) {
          if (seen.has(name)) continue
          report({
            node: machine,
            path: reportPath(definition, [...scope.path, 'States', name]),
            messageId: 'unreachable',
            data: {state: name, stateMachine, start: start as string},
            fix: `Remove state ${name} or add a Next, Default or Choice rule that leads to it.`,
          })
        }
      }
    }
  },
})

function transitionsWithFields(state: Record<string, unknown>): Array<{target: unknown; field: PropPath}> {
  const result: Array<{target: unknown; field: PropPath}> = []
  if (state.Next !== undefined) result.push({target: state.Next, field: ['Next']})
  if (state.Type === 'Choice') {
    asArray(state.Choices).forEach((choice, index) => {
      if (isRecord(choice) && choice.Next !== undefined) result.push({target: choice.Next, field: ['Choices', index, 'Next']})
    })
    if (state.Default !== undefined) result.push({target: state.Default, field: ['Default']})
  }
  asArray(state.Catch).forEach((clause, index) => {
    if (isRecord(clause) && clause.Next !== undefined) result.push({target: clause.Next, field: ['Catch', index, 'Next']})
  })
  return result
}

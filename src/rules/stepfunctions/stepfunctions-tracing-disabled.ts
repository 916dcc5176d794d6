// SFN001: state machines should have X-Ray tracing enabled.
import {get, literal, literalBoolean, textOf} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'SFN001',
    name: 'stepfunctions-tracing-disabled',
    title: 'Step Functions state machine without X-Ray tracing',
    severity: 'warning',
    service: 'stepfunctions',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-1'],
    messages: {
      notEnabled: 'State machine {{stateMachine}} has tracing {{value}}; set TracingConfiguration.Enabled (SAM: Tracing.Enabled) to true to trace executions across services.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'X-Ray traces are billed, and the state machine role needs the X-Ray write permissions (SAM adds them; plain CloudFormation roles may not have them).',
    cdkFix: 'tracingEnabled: true',
    equivalents: {'serverless-rules': ['WS5000'], 'cdk-nag': ['Serverless-StepFunctionStateMachineXray', 'AwsSolutions-SF2']},
    docs: {
      what: 'Finds state machines whose `TracingConfiguration.Enabled` (SAM: `Tracing.Enabled`) is not `true`. Tracing is off when the property is missing.',
      why: 'A state machine ties functions, queues and services together; without X-Ray the service map stops at its edge and nobody can see which step made an execution slow or failed.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Definition:\n        StartAt: Done\n        States:\n          Done: {Type: Succeed}',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Checkout:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Tracing:\n        Enabled: true\n      Definition:\n        StartAt: Done\n        States:\n          Done: {Type: Succeed}',
      whenNotToUse: 'State machines traced by another tool, or very high-volume Express workflows where the tracing cost is not justified; suppress with a reason.',
      references: ['https://docs.aws.amazon.com/step-functions/latest/dg/concepts-xray-tracing.html', 'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/distributed-tracing.html'],
    },
  },
  check({graph, report}) {
    for (const machine of graph.ofKind('stateMachine')) {
      const config = machine.props.TracingConfiguration
      const enabled = get(config, 'Enabled')
      if (literalBoolean(enabled) === true) continue
      // An intrinsic (a parameter, a condition) may well enable it: never a finding.
      if (enabled !== undefined && literal(enabled) === undefined) continue
      report({
        node: machine,
        path: enabled !== undefined ? ['TracingConfiguration', 'Enabled'] : config !== undefined ? ['TracingConfiguration'] : [],
        messageId: 'notEnabled',
        data: {stateMachine: displayName(machine), value: enabled === undefined ? 'off (not configured)' : `Enabled: ${textOf(enabled)}`},
        fix: 'Set TracingConfiguration.Enabled: true (SAM: Tracing: {Enabled: true}).',
        autofix: (fixer) =>
          fixer.propose('Turn on X-Ray tracing', [fixer.setProperty(machine, ['TracingConfiguration', 'Enabled'], true, {path: ['Tracing', 'Enabled'], value: true, resource: 'StateMachine'})]),
      })
    }
  },
})

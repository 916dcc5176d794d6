// LMB001: functions should have active X-Ray tracing.
import {get, literal, textOf} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'LMB001',
    name: 'lambda-tracing-disabled',
    title: 'Lambda function without active X-Ray tracing',
    severity: 'warning',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-1'],
    messages: {
      notActive: 'Function {{function}} has tracing mode {{mode}}; set it to Active to trace requests across services.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'X-Ray traces are billed per trace recorded and scanned, and the function role needs xray:PutTraceSegments (SAM adds it; plain CloudFormation roles may not have it).',
    cdkFix: 'tracing: lambda.Tracing.ACTIVE',
    equivalents: {'serverless-rules': ['WS1000'], 'cdk-nag': ['Serverless-LambdaTracing'], 'security-hub': ['Lambda.7']},
    docs: {
      what: 'Finds functions whose `TracingConfig.Mode` (SAM: `Tracing`, directly or through `Globals`) is not `Active`.',
      why: 'In an event-driven system a request crosses queues, buses and functions; without traces nobody can tell where it slowed down or failed.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler',
      fixed: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Tracing: Active',
      whenNotToUse: 'Functions that are traced by another tool (e.g. OpenTelemetry exporting elsewhere).',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html'],
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      const mode = get(fn.props, 'TracingConfig', 'Mode')
      if (mode === 'Active') continue
      if (mode !== undefined && literal(mode) === undefined) continue
      report({
        node: fn,
        path: mode === undefined ? [] : ['TracingConfig', 'Mode'],
        messageId: 'notActive',
        data: {function: displayName(fn), mode: mode === undefined ? 'PassThrough (the default)' : textOf(mode)},
        fix: 'Set TracingConfig.Mode (SAM: Tracing) to Active.',
        autofix: (fixer) => fixer.propose('Set tracing to Active', [fixer.setProperty(fn, ['TracingConfig', 'Mode'], 'Active', {path: ['Tracing'], value: 'Active', globals: 'Function'})]),
      })
    }
  },
})

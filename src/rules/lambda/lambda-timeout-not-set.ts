// LMB005: the default 3-second timeout fails many real workloads, so the timeout should be chosen explicitly.
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'LMB005',
    name: 'lambda-timeout-not-set',
    title: 'Lambda function without an explicit Timeout',
    severity: 'warning',
    service: 'lambda',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-PERF-1'],
    messages: {
      notSet: 'Function {{function}} does not set Timeout and gets the default of 3 seconds; set a timeout that fits its work and its callers (API Gateway waits at most 29 s).',
    },
    fixable: 'safe',
    cdkFix: 'timeout: cdk.Duration.seconds(3)',
    equivalents: {'serverless-rules': ['ES1006'], 'cdk-nag': ['Serverless-LambdaDefaultTimeout']},
    docs: {
      what: 'Finds functions without `Timeout` (SAM: on the function or in `Globals.Function`).',
      why: 'Three seconds is too short for many calls to databases and other services, and the timeout drives other settings (SQS visibility timeout, retries). Choosing it explicitly avoids time-outs in production and makes those settings consistent.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Timeout: 10',
      whenNotToUse: 'Templates where a platform layer sets timeouts for every function after synthesis.',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html'],
      limitations: 'Only templates: a deployed function always has a timeout, so the rule cannot tell a default from a choice there.',
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      if (fn.props.Timeout !== undefined) continue
      report({
        node: fn,
        path: [],
        messageId: 'notSet',
        data: {function: displayName(fn)},
        fix: 'Set Timeout in seconds (SAM: on the function or in Globals.Function), e.g. 10.',
        autofix: (fixer) => fixer.propose('Set Timeout to the current default, 3 seconds', [fixer.setProperty(fn, ['Timeout'], 3, {path: ['Timeout'], value: 3, globals: 'Function'})]),
      })
    }
  },
})

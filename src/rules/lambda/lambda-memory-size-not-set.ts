// LMB004: memory size decides CPU and cost, so it should be chosen, not inherited from the default.
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'LMB004',
    name: 'lambda-memory-size-not-set',
    title: 'Lambda function without an explicit MemorySize',
    severity: 'warning',
    service: 'lambda',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-PERF-1'],
    messages: {
      notSet: 'Function {{function}} does not set MemorySize and gets the default of 128 MB (and the CPU share that goes with it); choose a value, ideally measured with `sls-eda tune`.',
    },
    fixable: 'safe',
    cdkFix: 'memorySize: 128',
    equivalents: {'serverless-rules': ['ES1005'], 'cdk-nag': ['Serverless-LambdaDefaultMemorySize']},
    docs: {
      what: 'Finds functions without `MemorySize` (SAM: on the function or in `Globals.Function`).',
      why: 'Lambda allocates CPU in proportion to memory. The 128 MB default is rarely the cheapest or fastest setting; an explicit, measured value makes the choice visible in review.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      MemorySize: 512',
      whenNotToUse: 'Templates where a platform layer sets memory for every function after synthesis.',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html', 'https://docs.aws.amazon.com/lambda/latest/operatorguide/computing-power.html'],
      limitations: 'Only templates: a deployed function always has a memory size, so the rule cannot tell a default from a choice there.',
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      if (fn.props.MemorySize !== undefined) continue
      report({
        node: fn,
        path: [],
        messageId: 'notSet',
        data: {function: displayName(fn)},
        fix: 'Set MemorySize (SAM: on the function or in Globals.Function), e.g. 512, and tune it with measurements.',
        // The default written down: nothing changes until someone tunes it, and the choice is now visible in review.
        autofix: (fixer) => fixer.propose('Set MemorySize to the current default, 128', [fixer.setProperty(fn, ['MemorySize'], 128, {path: ['MemorySize'], value: 128, globals: 'Function'})]),
      })
    }
  },
})

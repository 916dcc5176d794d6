// LMB026: arm64 (Graviton) functions cost less per millisecond and are often faster.
import {asArray, literal} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

/** Runtimes that never had an arm64 variant. */
const X86_ONLY_RUNTIMES = new Set([
  'go1.x',
  'java8',
  'provided',
  'nodejs',
  'nodejs4.3',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'python2.7',
  'python3.6',
  'python3.7',
  'ruby2.5',
  'ruby2.7',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet5.0',
])

export default defineRule({
  meta: {
    id: 'LMB026',
    name: 'lambda-x86-architecture',
    title: 'Lambda function on x86_64 where arm64 would do',
    severity: 'info',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-PERF-3'],
    messages: {
      x86: 'Function {{function}} runs on x86_64{{how}}; arm64 (Graviton) costs about 20% less per GB-second and is often faster, if its dependencies have arm64 builds.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'Code with native dependencies or binaries built for x86_64 fails on arm64 until it is rebuilt for it.',
    cdkFix: 'architecture: lambda.Architecture.ARM_64',
    equivalents: {},
    docs: {
      what: 'Finds zip-packaged functions whose `Architectures` is unset (x86_64 by default) or `[x86_64]`, on runtimes that support arm64.',
      why: 'Graviton functions are billed about 20% less per GB-second, and most interpreted code (Node.js, Python, Ruby, Java) runs unchanged on them.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Architectures:\n        - arm64',
      whenNotToUse: 'Functions with native dependencies or layers that exist only for x86_64.',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/foundation-arch.html', 'https://aws.amazon.com/lambda/pricing/'],
      limitations: 'Whether dependencies and layers have arm64 builds cannot be seen in a template; container images are skipped because their architecture is set when they are built.',
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      if (literal(fn.props.PackageType) === 'Image') continue
      const runtime = literal(fn.props.Runtime)
      if (typeof runtime === 'string' && X86_ONLY_RUNTIMES.has(runtime)) continue
      const architectures = fn.props.Architectures
      if (architectures !== undefined && !Array.isArray(architectures)) continue
      const values = asArray(architectures).map(literal)
      if (values.some((value) => value !== 'x86_64')) continue
      report({
        node: fn,
        path: architectures === undefined ? [] : ['Architectures'],
        messageId: 'x86',
        data: {function: displayName(fn), how: architectures === undefined ? ' (the default)' : ''},
        fix: 'Set Architectures: [arm64] and run the tests on arm64.',
        autofix: (fixer) => fixer.propose('Run on arm64', [fixer.setProperty(fn, ['Architectures'], ['arm64'], {path: ['Architectures'], value: ['arm64'], globals: 'Function'})]),
      })
    }
  },
})

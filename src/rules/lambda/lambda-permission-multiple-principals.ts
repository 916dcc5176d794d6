// LMB024: a function invoked by several services usually does several jobs; one principal per function keeps it focused.
import {literal} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {resolveFunction} from './queries.js'

export default defineRule({
  meta: {
    id: 'LMB024',
    name: 'lambda-permission-multiple-principals',
    title: 'Lambda function granted to several principals',
    severity: 'info',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-DES-1', 'P-SEC-1'],
    messages: {
      several: 'Function {{function}} can be invoked by {{count}} principals ({{principals}}): it probably serves several purposes; split it into one function per trigger.',
    },
    equivalents: {'serverless-rules': ['WS1002']},
    docs: {
      what: 'Finds functions that `AWS::Lambda::Permission` resources (SAM `Events` included) grant to more than one distinct principal.',
      why: 'A function that serves an API, a topic and a bucket has to tell its events apart, mixes error handling, and its permissions and scaling can no longer fit any one of its callers.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Events:\n        Api:\n          Type: HttpApi\n        Uploads:\n          Type: S3\n          Properties:\n            Bucket: !Ref Uploads\n            Events: s3:ObjectCreated:*',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: api.handler\n      CodeUri: src/\n      Events:\n        Api:\n          Type: HttpApi\n  UploadProcessor:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: uploads.handler\n      CodeUri: src/\n      Events:\n        Uploads:\n          Type: S3\n          Properties:\n            Bucket: !Ref Uploads\n            Events: s3:ObjectCreated:*',
      whenNotToUse: 'Functions that legitimately share one job across triggers (e.g. the same event handled from a schedule and from a topic).',
      references: [
        'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
        'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/general-design-principles.html',
      ],
    },
  },
  check({graph, report}) {
    const byFunction = new Map<string, Set<string>>()
    for (const permission of graph.ofKind('permission')) {
      const principal = literal(permission.props.Principal)
      const fn = resolveFunction(graph, permission.props.FunctionName)
      if (typeof principal !== 'string' || !fn) continue
      const set = byFunction.get(fn.id) ?? new Set()
      set.add(principal)
      byFunction.set(fn.id, set)
    }
    for (const [id, principals] of byFunction) {
      if (principals.size < 2) continue
      const fn = graph.get(id)!
      report({
        node: fn,
        path: [],
        messageId: 'several',
        data: {function: displayName(fn), count: principals.size, principals: [...principals].sort().join(', ')},
        fix: 'Give each trigger its own function, sharing code through a library or layer.',
      })
    }
  },
})

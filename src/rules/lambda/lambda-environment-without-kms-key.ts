// LMB016: environment variables can be encrypted with a customer managed key for control over who decrypts them.
import {get, isRecord} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'LMB016',
    name: 'lambda-environment-without-kms-key',
    title: 'Lambda environment variables without a customer managed KMS key',
    severity: 'info',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-SEC-3'],
    messages: {
      noKey: 'Function {{function}} has {{count}} environment variables encrypted with the AWS managed key; set KmsKeyArn to a customer managed key to control and audit who can decrypt them.',
    },
    equivalents: {checkov: ['CKV_AWS_173']},
    docs: {
      what: 'Finds functions with environment variables and no `KmsKeyArn`.',
      why: 'Lambda always encrypts environment variables at rest, with an AWS managed key by default. A customer managed key adds a key policy and CloudTrail records of each decryption — useful when the variables hold sensitive configuration (secrets should not be there at all, see LMB015).',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Environment:\n        Variables:\n          TABLE: !Ref Table',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      KmsKeyArn: !GetAtt ConfigKey.Arn\n      Environment:\n        Variables:\n          TABLE: !Ref Table',
      whenNotToUse: 'Most functions: their variables hold resource names, and a customer managed key adds cost and an availability dependency. Turn it on for regulated workloads.',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html'],
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      const variables = get(fn.props, 'Environment', 'Variables')
      if (!isRecord(variables) || Object.keys(variables).length === 0) continue
      if (fn.props.KmsKeyArn !== undefined) continue
      report({
        node: fn,
        path: ['Environment'],
        messageId: 'noKey',
        data: {function: displayName(fn), count: Object.keys(variables).length},
        fix: 'Set KmsKeyArn to the ARN of a customer managed KMS key and allow the execution role kms:Decrypt on it.',
      })
    }
  },
})

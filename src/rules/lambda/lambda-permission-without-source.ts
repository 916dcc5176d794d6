// LMB023: a permission for a service principal must say which resource of which account may use it.
import {literal} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {resolveFunction} from './queries.js'

export default defineRule({
  meta: {
    id: 'LMB023',
    name: 'lambda-permission-without-source',
    title: 'Service-principal permission without SourceArn or SourceAccount',
    severity: 'warning',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-5'],
    messages: {
      unscoped: 'Permission {{permission}} lets {{principal}} invoke function {{function}} on behalf of any resource in any account; add SourceArn (and SourceAccount) to prevent the confused deputy problem.',
    },
    equivalents: {checkov: ['CKV_AWS_364'], 'cfn-lint': ['W3663']},
    docs: {
      what: 'Finds `AWS::Lambda::Permission` resources for an AWS service principal (`*.amazonaws.com`) with neither `SourceArn` nor `SourceAccount`. Permissions SAM generates from `Events` are exempt.',
      why: 'Without a source condition, any bucket, topic or rule of any account that can name your function can make the service invoke it (the confused deputy problem).',
      failing: 'Resources:\n  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !Ref Worker\n      Principal: s3.amazonaws.com',
      fixed:
        'Resources:\n  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !Ref Worker\n      Principal: s3.amazonaws.com\n      SourceArn: !GetAtt Uploads.Arn\n      SourceAccount: !Ref AWS::AccountId',
      whenNotToUse: 'Services that do not send a source (rare); suppress with the service named.',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html'],
    },
  },
  check({graph, report}) {
    for (const permission of graph.ofKind('permission')) {
      if (permission.managed) continue
      const principal = literal(permission.props.Principal)
      if (typeof principal !== 'string' || !/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal)) continue
      if (permission.props.SourceArn !== undefined || permission.props.SourceAccount !== undefined) continue
      const fn = resolveFunction(graph, permission.props.FunctionName)
      report({
        node: permission,
        path: ['Principal'],
        messageId: 'unscoped',
        data: {permission: displayName(permission), principal, function: fn ? displayName(fn) : String(literal(permission.props.FunctionName) ?? 'unknown')},
        fix: 'Add SourceArn with the ARN of the bucket, topic, rule or API that invokes the function, and SourceAccount: !Ref AWS::AccountId.',
      })
    }
  },
})

// LMB022: a resource-based permission for principal "*" lets any AWS account invoke the function.
import {literal} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {resolveFunction} from './queries.js'

export default defineRule({
  meta: {
    id: 'LMB022',
    name: 'lambda-permission-public',
    title: 'Lambda permission granted to any principal',
    severity: 'error',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-5'],
    messages: {
      public: 'Permission {{permission}} allows principal "*" to {{action}} function {{function}}: any AWS account (or anyone, for a URL) can invoke it.',
    },
    equivalents: {
      cfn_nag: ['F13'],
      'cdk-nag': ['NIST.800.53.R5-LambdaFunctionPublicAccessProhibited', 'HIPAA.Security-LambdaFunctionPublicAccessProhibited', 'PCI.DSS.321-LambdaFunctionPublicAccessProhibited'],
    },
    docs: {
      what: 'Finds `AWS::Lambda::Permission` resources whose `Principal` is `*` without a `PrincipalOrgID`. Permissions that serve a public function URL (`FunctionUrlAuthType: NONE`, `InvokedViaFunctionUrl`) are left to LMB021 when the function has such a URL: in the template, or, on a live account, among the URLs read for functions whose policy admits URL callers.',
      why: 'A wildcard principal opens the function to every AWS account; only a condition you did not write stands between it and the internet.',
      failing: 'Resources:\n  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !Ref Worker\n      Principal: "*"',
      fixed:
        'Resources:\n  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n      Action: lambda:InvokeFunction\n      FunctionName: !Ref Worker\n      Principal: sns.amazonaws.com\n      SourceArn: !Ref OrdersTopic',
      whenNotToUse: 'Never for functions; share across accounts with an account principal or PrincipalOrgID instead.',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1'],
    },
  },
  check({graph, report}) {
    const publicUrlFunctions = new Set(
      graph
        .ofKind('functionUrl')
        .filter((url) => literal(url.props.AuthType) === 'NONE')
        .map((url) => resolveFunction(graph, url.props.TargetFunctionArn)?.id),
    )
    for (const permission of graph.ofKind('permission')) {
      if (literal(permission.props.Principal) !== '*') continue
      if (permission.props.PrincipalOrgID !== undefined) continue
      const fn = resolveFunction(graph, permission.props.FunctionName)
      // The permissions a public URL needs are reported with the URL.
      const forUrl = literal(permission.props.FunctionUrlAuthType) === 'NONE' || literal(permission.props.InvokedViaFunctionUrl) === true
      if (forUrl && (permission.managed || (fn && publicUrlFunctions.has(fn.id)))) continue
      report({
        node: permission,
        path: ['Principal'],
        messageId: 'public',
        data: {permission: displayName(permission), action: String(literal(permission.props.Action) ?? 'invoke'), function: fn ? displayName(fn) : String(literal(permission.props.FunctionName) ?? 'unknown')},
        fix: 'Set Principal to the service or account that invokes the function, scoped with SourceArn/SourceAccount, or add PrincipalOrgID.',
      })
    }
  },
})

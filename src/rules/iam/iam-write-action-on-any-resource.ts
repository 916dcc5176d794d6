// IAM002: write actions should be granted on the resources they touch, not on `Resource: "*"`.
import {defineRule} from '../types.js'
import {actionMatches, conditionKeys, elements, holderName, isAllow, isWildcardAction, policyName, starResource, writtenStatements} from './policy.js'
import {isReadOnlyAction, isWildcardOnlyAction} from './wildcard-only-actions.js'

/**
 * Condition keys that narrow a `*` resource to specific resources (ABAC on tags, ARNs, or the
 * service's own resource keys). Global keys about the request (aws:SecureTransport, aws:RequestedRegion…) do not.
 */
function scopesResources(key: string): boolean {
  if (!key.startsWith('aws:')) return true
  return ['aws:resourcetag/', 'aws:resourcearn', 'aws:resourceaccount', 'aws:resourceorgid', 'aws:resourceorgpaths', 'aws:sourcearn'].some((prefix) => key.startsWith(prefix))
}

export default defineRule({
  meta: {
    id: 'IAM002',
    name: 'iam-write-action-on-any-resource',
    title: 'IAM policy allows a write action on every resource',
    severity: 'error',
    service: 'iam',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1'],
    messages: {
      writeOnStar: 'Policy {{policy}} of {{holder}} allows {{actions}} on Resource "*", so it can change every such resource in the account. Name the ARNs instead.',
    },
    equivalents: {'cdk-nag': ['AwsSolutions-IAM5'], cfn_nag: ['W11', 'W12', 'W13']},
    docs: {
      what:
        'Finds `Allow` statements written in the template (or attached live) whose `Resource` contains `"*"` and whose actions include a write action — anything but Get/List/Describe/Query/Scan-style reads. Actions that IAM only authorises on `"*"` (X-Ray segments, `cloudwatch:PutMetricData`, the ENI actions of VPC functions, log delivery…) are kept as data with their AWS source and are not reported. Statements SAM expands from its policy templates and the AWS managed policies SAM attaches by itself are not the user\'s and are not checked. `*`/`service:*` actions are IAM001\'s, `iam:PassRole` is IAM004\'s.',
      why: '`sqs:SendMessage` on `*` lets a function write into every queue of the account, including other teams\' queues and DLQs; `logs:CreateLogGroup` on `*` lets it create log groups anywhere. A bug or an injected payload then reaches far beyond the function\'s own resources.',
      failing:
        'Resources:\n  WorkerRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}\n      Policies:\n        - PolicyName: send\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: sqs:SendMessage\n                Resource: "*"',
      fixed:
        'Resources:\n  WorkerRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}\n      Policies:\n        - PolicyName: send\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: sqs:SendMessage\n                Resource: !GetAtt Orders.Arn',
      whenNotToUse: 'Tooling roles that manage resources created at run time whose names cannot be known; scope them with a resource-tag condition, which this rule accepts.',
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
      ],
      limitations:
        'Read and write are told apart by the action\'s verb, not by the full Service Authorization Reference. A statement with a condition on resource tags, resource ARNs or a service-specific key is taken as scoped. Only the bare `"*"` resource is considered, not broad ARN patterns.',
    },
  },
  check({graph, report}) {
    for (const ref of writtenStatements(graph)) {
      if (!isAllow(ref.statement)) continue
      const star = starResource(ref)
      if (!star) continue
      if (conditionKeys(ref.statement).some(scopesResources)) continue
      const writes = elements(ref, 'Action')
        .map((action) => action.value.trim())
        .filter((action) => !isWildcardAction(action) && !actionMatches(action, 'iam:PassRole') && !isReadOnlyAction(action) && !isWildcardOnlyAction(action))
      if (writes.length === 0) continue
      report({
        node: ref.holder,
        path: star.path,
        messageId: 'writeOnStar',
        data: {actions: writes.join(', '), holder: holderName(ref.holder), policy: policyName(ref)},
        fix: `Replace Resource "*" with the ARNs ${writes.join(', ')} must act on (e.g. !GetAtt Queue.Arn), or split the statement so only actions that require "*" keep it.`,
      })
    }
  },
})

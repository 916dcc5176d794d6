// Write actions that IAM only authorises on `Resource: "*"`, so a `*` resource for them is not over-granting.
//
// Source: the Service Authorization Reference — an action whose "Resource types" column is empty
// "does not support resource-level permissions" and must be granted on "*"
// (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html),
// and the AWS managed policies Lambda and SAM document for these needs. Read-only actions
// (Get/List/Describe…) are never reported and are therefore not listed. Lower-case, `service:action`.

export interface WildcardOnlyAction {
  action: string
  /** Where AWS says the action takes only "*". */
  source: string
}

const XRAY = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html'
const CLOUDWATCH = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html'
const LAMBDA_VPC = 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions'
const LOG_DELIVERY = 'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy'
const LOGS = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html'
const LAMBDA = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html'
const KMS = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html'
const EVENTS = 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html'

export const WILDCARD_ONLY_ACTIONS: readonly WildcardOnlyAction[] = [
  // X-Ray daemon and SDKs (AWSXrayWriteOnlyAccess grants these on "*").
  {action: 'xray:puttracesegments', source: XRAY},
  {action: 'xray:puttelemetryrecords', source: XRAY},
  // Custom metrics; scoping is done with the cloudwatch:namespace condition key.
  {action: 'cloudwatch:putmetricdata', source: CLOUDWATCH},
  // Hyperplane ENIs of functions in a VPC (AWSLambdaVPCAccessExecutionRole grants these on "*").
  {action: 'ec2:createnetworkinterface', source: LAMBDA_VPC},
  {action: 'ec2:deletenetworkinterface', source: LAMBDA_VPC},
  {action: 'ec2:assignprivateipaddresses', source: LAMBDA_VPC},
  {action: 'ec2:unassignprivateipaddresses', source: LAMBDA_VPC},
  {action: 'ec2:detachnetworkinterface', source: LAMBDA_VPC},
  // Vended log delivery for Step Functions, EventBridge Pipes and API Gateway logging.
  {action: 'logs:createlogdelivery', source: LOG_DELIVERY},
  {action: 'logs:updatelogdelivery', source: LOG_DELIVERY},
  {action: 'logs:deletelogdelivery', source: LOG_DELIVERY},
  {action: 'logs:putresourcepolicy', source: LOGS},
  {action: 'logs:deleteresourcepolicy', source: LOGS},
  // Event source mappings are authorised on the function through the lambda:FunctionArn condition key.
  {action: 'lambda:createeventsourcemapping', source: LAMBDA},
  {action: 'kms:generaterandom', source: KMS},
  {action: 'kms:createkey', source: KMS},
  {action: 'events:putpartnerevents', source: EVENTS},
]

const BY_ACTION = new Set(WILDCARD_ONLY_ACTIONS.map((entry) => entry.action))

/** True when the action (exactly, not a pattern) can only be granted on "*". */
export function isWildcardOnlyAction(action: string): boolean {
  return BY_ACTION.has(action.trim().toLowerCase())
}

/** Verbs of read-only actions (access levels List and Read): on "*" they are not write grants. */
const READ_VERBS = ['get', 'list', 'describe', 'batchget', 'head', 'query', 'scan', 'search', 'lookup', 'view', 'select', 'filter']

/** True for an action, or an action pattern, whose name starts with a read-only verb (`dynamodb:Get*`, `logs:DescribeLogGroups`). */
export function isReadOnlyAction(action: string): boolean {
  const name = action.split(':')[1]
  if (name === undefined) return false
  const lower = name.trim().toLowerCase()
  return READ_VERBS.some((verb) => lower.startsWith(verb))
}

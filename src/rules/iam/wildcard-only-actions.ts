// Write actions that AWS itself grants on `Resource: "*"` although IAM lists resource types for them, so a `*` resource for them is not over-granting.
//
// Actions without any resource type (X-Ray segments, `logs:CreateLogDelivery`, `kms:CreateKey`…) need no
// entry here: the Service Authorization Reference data says they take only "*" (src/model/iam-data.ts).
// The entries below do list resource types, but the AWS managed policies Lambda and CloudWatch document
// for these needs grant them on "*", and the resources (a function's ENIs, a metric) are not known
// when the template is written. Lower-case, `service:action`.

export interface WildcardOnlyAction {
  action: string
  /** Where AWS grants the action on "*". */
  source: string
}

const CLOUDWATCH = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html'
const LAMBDA_VPC = 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions'

export const WILDCARD_ONLY_ACTIONS: readonly WildcardOnlyAction[] = [
  // Custom metrics; the `dataset` resource type is optional and scoping is done with the cloudwatch:namespace condition key.
  {action: 'cloudwatch:putmetricdata', source: CLOUDWATCH},
  // Hyperplane ENIs of functions in a VPC (AWSLambdaVPCAccessExecutionRole grants these on "*").
  {action: 'ec2:createnetworkinterface', source: LAMBDA_VPC},
  {action: 'ec2:deletenetworkinterface', source: LAMBDA_VPC},
  {action: 'ec2:assignprivateipaddresses', source: LAMBDA_VPC},
  {action: 'ec2:unassignprivateipaddresses', source: LAMBDA_VPC},
  {action: 'ec2:detachnetworkinterface', source: LAMBDA_VPC},
]

const BY_ACTION = new Set(WILDCARD_ONLY_ACTIONS.map((entry) => entry.action))

/** True when AWS documents granting the action (exactly, not a pattern) on "*". */
export function isWildcardOnlyAction(action: string): boolean {
  return BY_ACTION.has(action.trim().toLowerCase())
}

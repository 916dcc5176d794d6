// LMB020: a function whose role cannot write CloudWatch Logs fails silently.
import {roleStatements} from '../../model/edges.js'
import {asArray, get, subArguments} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {actionMatches, resolveResource, roleOf} from './queries.js'

/** AWS managed policies that allow logs:CreateLogStream and logs:PutLogEvents. */
const LOGGING_MANAGED_POLICIES = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
  'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaKinesisExecutionRole',
  'AWSLambdaDynamoDBExecutionRole',
  'AWSLambdaMSKExecutionRole',
  'AWSLambdaExecute',
  'AWSLambdaBasicDurableExecutionRolePolicy',
  'CloudWatchLogsFullAccess',
  'AdministratorAccess',
  'PowerUserAccess',
])

/** A managed policy ARN as text, with `${AWS::Partition}`-style pseudo parameters left in; undefined when it depends on anything else. */
function policyArnText(arn: unknown): string | undefined {
  if (typeof arn === 'string') return arn
  const [text] = subArguments(get(arn, 'Fn::Sub'))
  if (typeof text === 'string') return text
  const join = get(arn, 'Fn::Join')
  if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) return undefined
  const parts = join[1].map((part) =>
    typeof part === 'string' ? part : typeof get(part, 'Ref') === 'string' && String(get(part, 'Ref')).startsWith('AWS::') ? '${' + String(get(part, 'Ref')) + '}' : undefined,
  )
  return parts.every((part) => part !== undefined) ? parts.join(join[0]) : undefined
}

export default defineRule({
  meta: {
    id: 'LMB020',
    name: 'lambda-role-cannot-write-logs',
    title: 'Lambda execution role cannot write CloudWatch Logs',
    severity: 'warning',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-2'],
    messages: {
      noLogs: "Role {{role}} of function {{function}} does not allow logs:CreateLogStream and logs:PutLogEvents: the function's output and errors are lost.",
    },
    equivalents: {cfn_nag: ['W58']},
    docs: {
      what: 'Finds functions whose execution role (a role in the template) neither attaches a managed policy known to grant logging (e.g. `AWSLambdaBasicExecutionRole`) nor has a statement allowing both `logs:CreateLogStream` and `logs:PutLogEvents`.',
      why: "Without these permissions Lambda cannot deliver the function's logs: errors and timeouts leave no trace, and metric filters and subscriptions on the log group see nothing.",
      failing:
        "Resources:\n  WorkerRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRole\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: !GetAtt WorkerRole.Arn\n      Code: {ZipFile: 'exports.handler = async () => {}'}",
      fixed:
        "Resources:\n  WorkerRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRole\n      ManagedPolicyArns:\n        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: !GetAtt WorkerRole.Arn\n      Code: {ZipFile: 'exports.handler = async () => {}'}",
      whenNotToUse: 'Functions that deliberately send no logs to CloudWatch (e.g. logs shipped by an extension elsewhere).',
      references: [
        'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html#monitoring-cloudwatchlogs-prereqs',
        'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html',
      ],
      limitations: 'Customer managed policies outside the template and permission boundaries cannot be read; the rule stays silent when a role attaches one.',
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      const role = roleOf(graph, fn)
      if (!role) continue
      let unknownPolicy = false
      let managedLogging = false
      for (const arn of asArray(role.props.ManagedPolicyArns)) {
        if (resolveResource(graph, arn)) continue
        const text = policyArnText(arn)
        const name = text?.match(/:iam::aws:policy\/(?:.*\/)?([^/]+)$/)?.[1]
        if (name && LOGGING_MANAGED_POLICIES.has(name)) managedLogging = true
        else if (!name || !text?.includes(':iam::aws:policy/')) unknownPolicy = true
      }
      if (managedLogging || unknownPolicy) continue
      const allowed = (action: string): boolean =>
        roleStatements(graph, role).some(({statement}) => statement.Effect === 'Allow' && asArray(statement.Action).some((pattern) => typeof pattern === 'string' && actionMatches(pattern, action)))
      if (allowed('logs:CreateLogStream') && allowed('logs:PutLogEvents')) continue
      report({
        node: role,
        path: [],
        messageId: 'noLogs',
        data: {role: displayName(role), function: displayName(fn)},
        fix: "Attach the AWSLambdaBasicExecutionRole managed policy, or allow logs:CreateLogStream and logs:PutLogEvents on the function's log group.",
      })
    }
  },
})

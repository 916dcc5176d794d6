// EVB005: names of queues, topics, buses, tables, functions and state machines should be generated, not hard-coded.
import {get, isRecord, subArguments, subReferences} from '../../model/intrinsics.js'
import {defineRule} from '../types.js'

/** The name property of each resource type the rule looks at. */
const NAME_PROPERTIES: Record<string, string> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Events::EventBus': 'Name',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
}

/** The name as written when it is a plain string (or a `!Sub` without any variable). */
function hardCoded(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (!isRecord(value)) return undefined
  const [text] = subArguments(get(value, 'Fn::Sub'))
  return typeof text === 'string' && subReferences(text).length === 0 ? text : undefined
}

export default defineRule({
  meta: {
    id: 'EVB005',
    name: 'eventbridge-hard-coded-name',
    title: 'Hard-coded resource name',
    severity: 'info',
    service: 'eventbridge',
    sources: ['template'],
    status: 'stable',
    recommended: false,
    practices: ['P-DES-7'],
    messages: {
      hardCoded: '{{type}} {{resource}} has the hard-coded {{property}} "{{name}}": a second copy of the stack (another stage, a test stack) cannot be deployed in the same account and region.',
    },
    equivalents: {},
    docs: {
      what: 'Finds `QueueName`, `TopicName`, event bus `Name`, `TableName`, `FunctionName` and `StateMachineName` (SAM: `Name`) given as a literal string. Names built from `${AWS::StackName}`, parameters or other intrinsics are fine.',
      why: 'Physical names must be unique per account and region, so hard-coded names block parallel stacks (per-branch or per-developer), and any change that requires replacement fails because the new resource cannot take the old name.',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: orders',
      fixed: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    # no QueueName: CloudFormation generates one; or QueueName: !Sub ${AWS::StackName}-orders',
      whenNotToUse: 'Resources that other systems must find by a fixed name, such as a shared bus; suppress with a reason.',
      references: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html',
        'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/welcome.html',
      ],
    },
  },
  check({graph, report}) {
    for (const node of graph.nodes) {
      const property = NAME_PROPERTIES[node.type]
      if (!property || node.managed) continue
      const name = hardCoded(node.props[property])
      if (name === undefined) continue
      report({
        node,
        path: [property],
        messageId: 'hardCoded',
        data: {type: node.type, resource: node.origin.logicalId ?? node.id, property, name},
        fix: `Remove ${property} so CloudFormation generates a name, or build it with !Sub \${AWS::StackName}-${name}.`,
      })
    }
  },
})

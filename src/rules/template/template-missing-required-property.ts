// TPL004: a resource without a property its type requires fails the deployment.
import {defineRule} from '../types.js'
import {CFN_RESOURCE_TYPES_REFERENCE, reportIssue, SAM_REFERENCE, schemaIssues} from './issues.js'

export default defineRule({
  meta: {
    id: 'TPL004',
    name: 'template-missing-required-property',
    title: 'Required property is missing',
    severity: 'error',
    service: 'template',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {
      missingRequired: '{{type}} requires {{property}}, and {{resource}} does not set it.',
      missingOneOf: '{{type}} requires one of {{properties}}, and {{resource}} sets none of them.',
      missingTogether: '{{type}} requires {{property}} together with {{set}}, and {{resource}} sets only {{set}}.',
      missingWhen: '{{type}} requires {{property}} {{condition}}, and {{resource}} does not set it.',
    },
    equivalents: {'cfn-lint': ['E3003']},
    docs: {
      what: 'Finds resources, and nested property types, that lack a property the specification marks as required (`Code` and `Role` of `AWS::Lambda::Function`, `Queue` of a SAM SQS event, `ServiceToken` of a custom resource). For SAM resources a property set in `Globals` counts.',
      why: 'CloudFormation rejects the resource at deploy time.',
      failing: 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Code:\n        ZipFile: exports.handler = async () => {}',
      fixed:
        'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: !GetAtt FnRole.Arn\n      Code:\n        ZipFile: exports.handler = async () => {}',
      whenNotToUse: 'Never.',
      references: [CFN_RESOURCE_TYPES_REFERENCE, SAM_REFERENCE],
      limitations:
        "Besides the properties the specification marks required, requirements between properties are checked for the types where CloudFormation enforces them and the specification does not say so (src/schema/requirements.ts, each with its source): one of `EventPattern` or `ScheduleExpression` on an EventBridge rule, one of `ZipFile`, `S3Bucket` (with `S3Key`) or `ImageUri` in a function's `Code`, an event source mapping's `EventSourceArn` or `SelfManagedEventSource`, a state machine's definition, `ProvisionedThroughput` on a provisioned DynamoDB table, both `deadLetterTargetArn` and `maxReceiveCount` in a queue's `RedrivePolicy`. SAM's own one-of requirements (CodeUri, InlineCode or ImageUri) are SAM's to report.",
    },
  },
  check(context) {
    for (const issue of schemaIssues(context.graph, 'missingRequired')) {
      const fix = issue.messageId === 'missingOneOf' ? `Set one of ${issue.data.properties} on ${issue.data.resource}.` : `Set ${issue.data.property} on ${issue.data.resource}.`
      reportIssue(context, issue, fix)
    }
  },
})

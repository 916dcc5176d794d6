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
    },
    equivalents: {'cfn-lint': ['E3003']},
    docs: {
      what: 'Finds resources, and nested property types, that lack a property the specification marks as required (`Code` and `Role` of `AWS::Lambda::Function`, `Queue` of a SAM SQS event, `ServiceToken` of a custom resource). For SAM resources a property set in `Globals` counts.',
      why: 'CloudFormation rejects the resource at deploy time.',
      failing: 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Code:\n        ZipFile: exports.handler = async () => {}',
      fixed: 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: !GetAtt FnRole.Arn\n      Code:\n        ZipFile: exports.handler = async () => {}',
      whenNotToUse: 'Never.',
      references: [CFN_RESOURCE_TYPES_REFERENCE, SAM_REFERENCE],
      limitations: 'Only unconditional requirements are known; properties required only together with others (one of CodeUri, InlineCode or ImageUri) are not checked.',
    },
  },
  check(context) {
    for (const issue of schemaIssues(context.graph, 'missingRequired')) {
      reportIssue(context, issue, `Set ${issue.data.property} on ${issue.data.resource}.`)
    }
  },
})

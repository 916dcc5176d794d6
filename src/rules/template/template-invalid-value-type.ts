// TPL003: a value of the wrong shape (a string where a list is needed, a word where a number is needed) fails the deployment.
import {defineRule} from '../types.js'
import {CFN_RESOURCE_TYPES_REFERENCE, reportIssue, SAM_REFERENCE, schemaIssues} from './issues.js'

export default defineRule({
  meta: {
    id: 'TPL003',
    name: 'template-invalid-value-type',
    title: 'Property value has the wrong type',
    severity: 'error',
    service: 'template',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {
      wrongType: '{{property}} of {{type}} must be {{expected}}, not {{actual}}.',
      notAllowed: '{{property}} is "{{value}}", which is not one of {{allowed}}.',
      notAllowedDidYouMean: '{{property}} is "{{value}}", which is not one of {{allowed}}; did you mean {{suggestion}}?',
    },
    equivalents: {'cfn-lint': ['E3012']},
    docs: {
      what: 'Finds property values whose shape does not match the specification: a scalar or mapping where a list is required, a list or mapping where a string is required, a non-numeric string where a number is required, a string other than true/false where a boolean is required. Numbers and booleans written as strings are accepted, as CloudFormation accepts them. SAM event sources with an unknown `Type` are reported too.',
      why: 'CloudFormation validates value types only when it creates the resource; the deployment fails and rolls back.',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: two minutes',
      fixed: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 120',
      whenNotToUse: 'Never; values produced by intrinsic functions are not checked.',
      references: [CFN_RESOURCE_TYPES_REFERENCE, SAM_REFERENCE],
      limitations: 'Checks shapes only; allowed values, ranges, patterns and lengths are TPL010. Both branches of Fn::If are checked; other intrinsic functions are taken on trust.',
    },
  },
  check(context) {
    for (const issue of schemaIssues(context.graph, 'wrongType')) {
      const {property, expected, suggestion} = issue.data
      const fix = issue.messageId === 'wrongType' ? `Give ${property} ${expected}.` : suggestion ? `Set ${property} to ${suggestion}.` : `Set ${property} to one of ${issue.data.allowed}.`
      reportIssue(context, issue, fix)
    }
  },
})

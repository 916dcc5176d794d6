// TPL005: Fn::GetAtt (or ${X.Attr} in Fn::Sub) of an attribute the target's type does not return fails the deployment.
import {defineRule} from '../types.js'
import {CFN_RESOURCE_TYPES_REFERENCE, referenceIssues, reportIssue} from './issues.js'

export default defineRule({
  meta: {
    id: 'TPL005',
    name: 'template-unknown-getatt-attribute',
    title: 'Fn::GetAtt reads an attribute the resource does not have',
    severity: 'error',
    service: 'template',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {
      unknownAttribute: '{{type}} {{target}} has no attribute {{attribute}} (it has: {{attributes}}).',
      unknownAttributeDidYouMean: '{{type}} {{target}} has no attribute {{attribute}}; did you mean {{suggestion}}?',
    },
    equivalents: {'cfn-lint': ['E1010']},
    docs: {
      what: 'Finds `Fn::GetAtt` and `Fn::Sub` `${Resource.Attribute}` references to an attribute the target resource type does not return. For SAM resources the attributes are those of the resource SAM generates (a SAM function has the attributes of `AWS::Lambda::Function`).',
      why: 'CloudFormation fails the deployment when the attribute does not exist; queue URLs, names and ARNs are easy to mix up (`!GetAtt Queue.Url` instead of `QueueUrl`).',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\nOutputs:\n  OrdersUrl:\n    Value: !GetAtt Orders.Url',
      fixed: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\nOutputs:\n  OrdersUrl:\n    Value: !GetAtt Orders.QueueUrl',
      whenNotToUse: 'Never; custom resources and registry types are not checked.',
      references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html', CFN_RESOURCE_TYPES_REFERENCE],
    },
  },
  check(context) {
    for (const issue of referenceIssues(context.graph, 'unknownAttribute')) {
      const {target, attribute, suggestion} = issue.data
      reportIssue(context, issue, suggestion ? `Read ${target}.${suggestion} instead of ${target}.${attribute}.` : `Read one of the attributes ${target} has: ${issue.data.attributes}.`)
    }
  },
})

// TPL006: Ref, Fn::GetAtt, Fn::Sub or DependsOn naming something the template does not declare fails the deployment.
import {defineRule} from '../types.js'
import {CFN_TEMPLATE_REFERENCE, referenceIssues, reportIssue} from './issues.js'

export default defineRule({
  meta: {
    id: 'TPL006',
    name: 'template-unresolved-reference',
    title: 'Reference to a resource or parameter that does not exist',
    severity: 'error',
    service: 'template',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {
      unresolved: '{{via}} names {{target}}, which is not a resource, parameter or pseudo parameter of this template.',
      unresolvedDidYouMean: '{{via}} names {{target}}, which is not a resource, parameter or pseudo parameter of this template; did you mean {{suggestion}}?',
      attributeOfParameter: '{{via}} reads attribute {{attribute}} of {{target}}, which is a parameter, not a resource.',
    },
    equivalents: {'cfn-lint': ['E1020', 'E1019', 'E3005']},
    docs: {
      what: 'Finds `Ref`, `Fn::GetAtt`, `Fn::Sub` `${…}` and `DependsOn` that name a logical id, parameter or pseudo parameter the template does not declare, in resources, outputs, conditions and SAM `Globals`. Logical ids SAM generates (`MyFunctionRole`, `ServerlessRestApi`, `MyFunction.Alias`) count as declared.',
      why: 'CloudFormation refuses the template ("Unresolved resource dependencies"); with a renamed resource the old name often survives in one place.',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\nOutputs:\n  OrdersArn:\n    Value: !GetAtt Order.Arn',
      fixed: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\nOutputs:\n  OrdersArn:\n    Value: !GetAtt Orders.Arn',
      whenNotToUse: 'Never.',
      references: [
        CFN_TEMPLATE_REFERENCE,
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html',
      ],
      limitations: 'Templates that use the AWS::LanguageExtensions transform or Fn::ForEach are not checked, since loop variables and generated names only exist once expanded.',
    },
  },
  check(context) {
    for (const issue of referenceIssues(context.graph, 'unresolvedReference')) {
      const {target, suggestion} = issue.data
      const fix =
        issue.messageId === 'attributeOfParameter'
          ? `Use !Ref ${target} to read the parameter's value.`
          : suggestion
            ? `Replace ${target} with ${suggestion}.`
            : `Declare ${target} under Resources or Parameters, or stop referring to it.`
      reportIssue(context, issue, fix)
    }
  },
})

// TPL008: a parameter nothing reads is noise for whoever deploys the template.
import {defineRule} from '../types.js'
import {CFN_TEMPLATE_REFERENCE, referenceIssues, reportIssue} from './issues.js'

export default defineRule({
  meta: {
    id: 'TPL008',
    name: 'template-unused-parameter',
    title: 'Parameter is never used',
    severity: 'info',
    service: 'template',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {
      unusedParameter: 'Parameter {{parameter}} is declared but never read with Ref or Fn::Sub.',
    },
    equivalents: {'cfn-lint': ['W2001']},
    docs: {
      what: 'Finds parameters that no `Ref` or `Fn::Sub` reads anywhere in the template (resources, outputs, conditions, rules, SAM `Globals`).',
      why: 'An unused parameter asks whoever deploys for a value that changes nothing, and often means a setting was meant to be wired in and is not.',
      failing: 'Parameters:\n  Stage:\n    Type: String\nResources:\n  Orders:\n    Type: AWS::SQS::Queue',
      fixed: 'Parameters:\n  Stage:\n    Type: String\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags:\n        - Key: stage\n          Value: !Ref Stage',
      whenNotToUse: 'Templates deployed by a pipeline that passes the same parameter set to every stack.',
      references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html', CFN_TEMPLATE_REFERENCE],
    },
  },
  check(context) {
    for (const issue of referenceIssues(context.graph, 'unusedParameter')) {
      reportIssue(context, issue, `Remove parameter ${issue.data.parameter}, or use it with !Ref ${issue.data.parameter}.`)
    }
  },
})

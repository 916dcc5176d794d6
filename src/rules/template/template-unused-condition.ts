// TPL009: a condition nothing uses is dead code in the template.
import {defineRule} from '../types.js'
import {CFN_TEMPLATE_REFERENCE, referenceIssues, reportIssue} from './issues.js'

export default defineRule({
  meta: {
    id: 'TPL009',
    name: 'template-unused-condition',
    title: 'Condition is never used',
    severity: 'info',
    service: 'template',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {
      unusedCondition: 'Condition {{condition}} is declared but no resource, output, Fn::If or other condition uses it.',
    },
    equivalents: {'cfn-lint': ['W8001']},
    docs: {
      what: 'Finds conditions that no resource or output `Condition`, no `Fn::If` and no `{Condition: …}` inside another condition uses.',
      why: 'A condition nobody uses suggests a resource that was meant to be conditional and is not, which may deploy it where it should not exist.',
      failing: 'Parameters:\n  Stage:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Stage, prod]\nResources:\n  Alarm:\n    Type: AWS::SNS::Topic',
      fixed: 'Parameters:\n  Stage:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Stage, prod]\nResources:\n  Alarm:\n    Type: AWS::SNS::Topic\n    Condition: IsProd',
      whenNotToUse: 'Never; delete conditions you no longer need.',
      references: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html', CFN_TEMPLATE_REFERENCE],
    },
  },
  check(context) {
    for (const issue of referenceIssues(context.graph, 'unusedCondition')) {
      reportIssue(context, issue, `Remove condition ${issue.data.condition}, or apply it with Condition: ${issue.data.condition} where it was meant.`)
    }
  },
})

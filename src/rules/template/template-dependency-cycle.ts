// TPL007: resources that wait for each other (DependsOn, Ref, GetAtt, Sub) can never be created.
import {defineRule} from '../types.js'
import {referenceIssues, reportIssue} from './issues.js'

export default defineRule({
  meta: {
    id: 'TPL007',
    name: 'template-dependency-cycle',
    title: 'Resources depend on each other in a cycle',
    severity: 'error',
    service: 'template',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {
      cycle: 'Resources depend on each other in a cycle: {{cycle}}.',
    },
    equivalents: {'cfn-lint': ['E3004']},
    docs: {
      what: 'Finds cycles among resources through `DependsOn` and through the values they read with `Ref`, `Fn::GetAtt` and `Fn::Sub`. The event sources of SAM functions and state machines are left out, since SAM turns them into resources of their own.',
      why: 'CloudFormation refuses the template ("Circular dependency between resources"). A queue policy naming a function that names the queue, or a `DependsOn` added to fix ordering, closes such loops easily.',
      failing: 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    DependsOn: B\n  B:\n    Type: AWS::SQS::Queue\n    DependsOn: A',
      fixed: 'Resources:\n  A:\n    Type: AWS::SQS::Queue\n  B:\n    Type: AWS::SQS::Queue\n    DependsOn: A',
      whenNotToUse: 'Never.',
      references: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html',
        'https://aws.amazon.com/blogs/infrastructure-and-automation/handling-circular-dependency-errors-in-aws-cloudformation/',
      ],
      limitations: 'Cycles that only appear in what SAM generates (for example through implicit APIs) are not seen.',
    },
  },
  check(context) {
    for (const issue of referenceIssues(context.graph, 'cycle')) {
      reportIssue(context, issue, `Break the cycle ${issue.data.cycle}: drop a DependsOn, or read the value from a separate resource (e.g. a policy or permission) instead of the resource itself.`)
    }
  },
})

// TPL011: a template over CloudFormation's quotas (500 resources, 200 parameters, 200 outputs, 1 MB) is rejected before anything is created.
import {defineRule} from '../types.js'
import {reportIssue, schemaIssues} from './issues.js'

const LIMITS_REFERENCE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html'

export default defineRule({
  meta: {
    id: 'TPL011',
    name: 'template-limit-exceeded',
    title: 'Template exceeds a CloudFormation quota',
    severity: 'error',
    service: 'template',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {
      tooMany: 'The template declares {{count}} {{noun}}; CloudFormation accepts at most {{limit}}.',
      tooLarge: 'The template is {{size}} bytes; CloudFormation accepts at most {{limit}} bytes (uploaded to S3).',
    },
    equivalents: {'cfn-lint': ['E1010']},
    docs: {
      what: 'Counts the resources, parameters and outputs a template declares, and measures its size, against CloudFormation\'s quotas: 500 resources, 200 parameters, 200 outputs, 1 MB of template body.',
      why: 'CloudFormation refuses the whole template when one quota is exceeded; these quotas cannot be raised.',
      failing: 'Resources:  # 5,000 resources\n  Queue0001:\n    Type: AWS::SQS::Queue\n  # …\n  Queue5000:\n    Type: AWS::SQS::Queue',
      fixed: 'Split the resources into nested stacks (AWS::CloudFormation::Stack) or separate stacks of at most 500 resources each.',
      whenNotToUse: 'Never.',
      references: [LIMITS_REFERENCE],
      limitations: 'Resources are counted as written: SAM resources expand into several CloudFormation resources each, so a SAM template under 500 may still exceed the quota once transformed. A template body sent inline (not through S3) is limited to 51,200 bytes; packaging tools upload larger ones, so that limit is not checked.',
    },
  },
  check(context) {
    for (const issue of schemaIssues(context.graph, 'limit')) {
      const fix = issue.messageId === 'tooLarge' ? 'Move large inline code or definitions to files, or split the template into nested stacks.' : `Split the ${issue.data.section} across nested stacks or separate stacks.`
      reportIssue(context, issue, fix)
    }
  },
})

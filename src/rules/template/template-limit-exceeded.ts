// TPL011: a template over CloudFormation's quotas (500 resources, 200 parameters, 200 outputs, 1 MB) is rejected before anything is created.
import {isSamTemplate} from '../../model/sam/index.js'
import {TEMPLATE_LIMITS} from '../../schema/validate.js'
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
      tooManyProcessed: 'The template declares {{declared}} resources, which become {{count}} once SAM expands them; CloudFormation counts the processed template and accepts at most {{limit}}.',
    },
    equivalents: {'cfn-lint': ['E1010']},
    docs: {
      what: "Counts the resources, parameters and outputs a template declares, and measures its size, against CloudFormation's quotas: 500 resources, 200 parameters, 200 outputs, 1 MB of template body. Resources are counted after `Fn::ForEach` expansion and again after SAM expansion, since CloudFormation applies the quota to the processed template.",
      why: 'CloudFormation refuses the whole template when one quota is exceeded; these quotas cannot be raised.',
      failing: 'Resources:  # 5,000 resources\n  Queue0001:\n    Type: AWS::SQS::Queue\n  # …\n  Queue5000:\n    Type: AWS::SQS::Queue',
      fixed: 'Split the resources into nested stacks (AWS::CloudFormation::Stack) or separate stacks of at most 500 resources each.',
      whenNotToUse: 'Never.',
      references: [LIMITS_REFERENCE],
      limitations:
        'Resources inside an `Fn::ForEach` whose collection cannot be resolved are not counted (the run says so at info). A template body sent inline (not through S3) is limited to 51,200 bytes; packaging tools upload larger ones, so that limit is not checked.',
    },
  },
  check(context) {
    for (const issue of schemaIssues(context.graph, 'limit')) {
      const fix =
        issue.messageId === 'tooLarge' ? 'Move large inline code or definitions to files, or split the template into nested stacks.' : `Split the ${issue.data.section} across nested stacks or separate stacks.`
      reportIssue(context, issue, fix)
    }
    const {graph} = context
    const template = graph.context.template
    const written = template?.Resources
    if (!template || !written || typeof written !== 'object') return
    const declared = Object.keys(written).length
    // The template here has its Fn::ForEach loops expanded already, so the count above includes what they generate;
    // SAM's resources are counted from the graph, which holds the processed template.
    if (declared > TEMPLATE_LIMITS.Resources || !isSamTemplate(template)) return
    const processed = graph.nodes.filter((node) => node.source === 'template' && (graph.context.file === undefined || node.origin.file === graph.context.file)).length
    if (processed <= TEMPLATE_LIMITS.Resources) return
    context.report({
      at: ['Resources'],
      messageId: 'tooManyProcessed',
      data: {declared, count: processed, limit: TEMPLATE_LIMITS.Resources},
      fix: 'Split the resources into nested stacks (AWS::CloudFormation::Stack, or AWS::Serverless::Application) so that each processed template stays at or under 500.',
    })
  },
})

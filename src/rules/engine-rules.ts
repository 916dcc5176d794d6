// Rules the engine itself reports: unusable input, a crashing rule, suppressions that are wrong or stale, loops and modules it could not expand.
import {defineRule, type Rule} from './types.js'

const noCheck = (): void => {}

const references = ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html']

export const ENGINE_RULES = {
  parseError: defineRule({
    meta: {
      id: 'SLS001',
      name: 'unusable-input',
      title: 'A file could not be read or parsed as a template',
      severity: 'error',
      service: 'template',
      sources: ['template'],
      status: 'stable',
      recommended: true,
      practices: [],
      messages: {
        unreadable: '{{error}}',
        syntax: '{{error}}',
        notTemplate: '{{error}}',
        samRejected: "AWS SAM's transform rejects this template, so CloudFormation would not create the stack: {{error}}",
      },
      equivalents: {'cfn-lint': ['E0000']},
      docs: {
        what: "Reports a file that was given or found but could not be used: unreadable, not valid YAML or JSON, too large, not a CloudFormation template, or a SAM template that SAM's transform rejects (reported in SAM's own words).",
        why: 'A template that does not parse will not deploy, and nothing else in it can be checked. The run exits with code 2 so CI notices.',
        failing: 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n   Properties: {}   # bad indentation',
        fixed: 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {}',
        whenNotToUse: 'It cannot be turned off; exclude files that are not templates with `ignore` globs instead.',
        references,
      },
    },
    check: noCheck,
  }),
  internalError: defineRule({
    meta: {
      id: 'SLS002',
      name: 'internal-error',
      title: 'A rule failed while checking this template',
      severity: 'error',
      service: 'template',
      sources: ['template', 'live'],
      status: 'stable',
      recommended: true,
      practices: [],
      messages: {crashed: 'Rule {{rule}} failed: {{error}}. The other rules still ran; please report this.'},
      equivalents: {'cfn-lint': ['E0002']},
      docs: {
        what: 'Reports a rule that threw an exception. One broken rule never stops a run: its error becomes this finding and every other rule still runs.',
        why: 'A silent crash would look like a clean result.',
        failing: '# any template that triggers a bug in a rule',
        fixed: '# upgrade sls-eda, or turn the failing rule off in .sls-eda.yml until it is fixed',
        whenNotToUse: 'Never; report the failure instead.',
        references,
      },
    },
    check: noCheck,
  }),
  unusedSuppression: defineRule({
    meta: {
      id: 'SLS003',
      name: 'invalid-suppression',
      title: 'A suppression has no reason or suppresses nothing',
      severity: 'warning',
      service: 'template',
      sources: ['template'],
      status: 'stable',
      recommended: true,
      practices: [],
      messages: {
        noReason: 'Suppression of {{rule}} has no reason and is ignored; add `reason: ...` saying why the finding does not apply.',
        unused: 'Suppression of {{rule}} matches no finding on this resource; remove it.',
      },
      equivalents: {},
      docs: {
        what: 'Checks `Metadata.sls-eda.suppress` entries: each needs a `reason`, and each must match a finding of a rule that ran on that resource.',
        why: 'Suppressions without reasons cannot be reviewed, and stale ones hide the next real finding on the same resource.',
        failing: 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Metadata:\n      sls-eda:\n        suppress:\n          - rule: SQS001',
        fixed:
          'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Metadata:\n      sls-eda:\n        suppress:\n          - rule: SQS001\n            reason: Messages are replayed from the source system; losing one is harmless.',
        whenNotToUse: 'Turn it off only while migrating many suppressions at once.',
        references: ['https://eslint.org/docs/latest/use/configure/rules#report-unused-eslint-disable-comments'],
      },
    },
    check: noCheck,
  }),
  notExpanded: defineRule({
    meta: {
      id: 'SLS004',
      name: 'not-expanded',
      title: 'A loop or a module could not be expanded, so what it declares was not checked',
      severity: 'info',
      service: 'template',
      sources: ['template'],
      status: 'stable',
      recommended: true,
      practices: [],
      messages: {
        notExpanded: '{{loop}} was not expanded because {{reason}}, so what it declares was not checked ({{count}} {{what}} for each item).',
        module: '{{resource}} is the module {{type}}, which CloudFormation expands from the registry at deployment: the resources it holds were not checked.',
      },
      equivalents: {},
      docs: {
        what: 'Reports what the run could not see into. An `Fn::ForEach` loop (`AWS::LanguageExtensions` transform) whose collection cannot be known before deployment: a parameter without a default value, an `Fn::ImportValue`, a value read from Systems Manager. Loops over a list, or over a parameter with a default, are expanded as CloudFormation expands them, and the resources inside are checked like any other, on the lines of the loop body. And a CloudFormation module (`*::MODULE` type), whose resources live in the registry.',
        why: 'Every rule sees only what was expanded. Without this finding, a template whose resources all sit in such a loop or module would pass with "no problems found" although nothing in it was checked.',
        failing:
          "Transform: AWS::LanguageExtensions\nParameters:\n  QueueNames:\n    Type: CommaDelimitedList\nResources:\n  'Fn::ForEach::Queues':\n    - Name\n    - !Ref QueueNames\n    - 'Queue${Name}':\n        Type: AWS::SQS::Queue",
        fixed:
          "Transform: AWS::LanguageExtensions\nParameters:\n  QueueNames:\n    Type: CommaDelimitedList\n    Default: Orders,Invoices    # the values deployments use\nResources:\n  'Fn::ForEach::Queues':\n    - Name\n    - !Ref QueueNames\n    - 'Queue${Name}':\n        Type: AWS::SQS::Queue",
        whenNotToUse:
          'It cannot be turned off: it is how a run says what it did not check. Give the parameter a default that stands for real deployments, or see the expansion with other values with `sls-eda transform --parameter-overrides`. Lint the template of a module on its own.',
        references: [
          'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html',
          'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-languageextensions.html',
          'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/modules.html',
        ],
      },
    },
    check: noCheck,
  }),
} satisfies Record<string, Rule>

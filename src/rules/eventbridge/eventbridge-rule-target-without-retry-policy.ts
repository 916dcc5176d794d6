// EVB002: EventBridge rule targets should state how long and how often delivery is retried.
import {userName} from '../sqs/queues.js'
import {absenceOf, absenceReport} from '../conditional.js'
import {defineRule} from '../types.js'
import {DEFAULT_RETRY_POLICY, ruleTargets} from './targets.js'

export default defineRule({
  meta: {
    id: 'EVB002',
    name: 'eventbridge-rule-target-without-retry-policy',
    title: 'EventBridge rule target without an explicit retry policy',
    severity: 'info',
    service: 'eventbridge',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-ERR-6'],
    messages: {
      noRetryPolicy: 'Target {{target}} of rule {{rule}} has no RetryPolicy: EventBridge retries for up to 24 hours and 185 attempts before the event reaches a DLQ.',
      conditionalRetryPolicy: 'Target {{target}} of rule {{rule}} has a RetryPolicy only when {{conditions}} chooses it: on the other branch EventBridge retries for up to 24 hours and 185 attempts.',
    },
    fixable: 'safe',
    cdkFix: 'retryAttempts: 185, maxEventAge: cdk.Duration.hours(24) (on the target)',
    equivalents: {},
    docs: {
      what: 'Finds targets of enabled `AWS::Events::Rule` resources without `RetryPolicy` (`MaximumRetryAttempts`, `MaximumEventAgeInSeconds`).',
      why: 'The default policy keeps retrying a failing target for a day. Events that matter within minutes are stale by then, and the DLQ only learns of the failure a day late. An explicit policy makes the bound a decision.',
      failing: 'Resources:\n  OrderPlaced:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: {source: [shop.orders]}\n      Targets:\n        - Id: billing\n          Arn: !GetAtt Billing.Arn',
      fixed:
        'Resources:\n  OrderPlaced:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern: {source: [shop.orders]}\n      Targets:\n        - Id: billing\n          Arn: !GetAtt Billing.Arn\n          RetryPolicy: {MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 3600}',
      whenNotToUse: 'When the 24-hour default suits the target.',
      references: ['https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html'],
    },
  },
  check({graph, report}) {
    for (const {rule, target, path, name} of ruleTargets(graph.ofKind('rule'))) {
      const absence = absenceOf(target, 'RetryPolicy')
      if (!absence) continue
      report(
        absenceReport(absence, {
          node: rule,
          path,
          conditionalPath: [...path, 'RetryPolicy'],
          messageId: 'noRetryPolicy',
          conditionalMessageId: 'conditionalRetryPolicy',
          data: {rule: userName(rule), target: name},
          fix: 'Add RetryPolicy with MaximumRetryAttempts and MaximumEventAgeInSeconds suited to the target.',
          autofix: (fixer) =>
            fixer.propose('Write the default retry policy (185 attempts, 24 hours)', [
              fixer.samEventOf(rule) !== undefined
                ? fixer.setEventProperty(rule, ['RetryPolicy'], DEFAULT_RETRY_POLICY, ['EventBridgeRule', 'CloudWatchEvent', 'Schedule'])
                : fixer.setProperty(rule, [...(path as Array<string | number>), 'RetryPolicy'], DEFAULT_RETRY_POLICY),
            ]),
        }),
      )
    }
  },
})

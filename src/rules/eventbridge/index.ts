// EventBridge, Pipes and Scheduler rules.
import eventbridgeBusPolicyOpen from './eventbridge-bus-policy-open.js'
import eventbridgeBusWithoutArchive from './eventbridge-bus-without-archive.js'
import eventbridgeHardCodedName from './eventbridge-hard-coded-name.js'
import eventbridgePipeWithoutDlq from './eventbridge-pipe-without-dlq.js'
import eventbridgeRuleTargetWithoutDlq from './eventbridge-rule-target-without-dlq.js'
import eventbridgeRuleTargetWithoutRetryPolicy from './eventbridge-rule-target-without-retry-policy.js'
import eventbridgeScheduleWithoutDlq from './eventbridge-schedule-without-dlq.js'
import eventbridgeScheduleWithoutRetryPolicy from './eventbridge-schedule-without-retry-policy.js'
import type {Rule} from '../types.js'

export const EVENTBRIDGE_RULES: Rule[] = [
  eventbridgeRuleTargetWithoutDlq,
  eventbridgeRuleTargetWithoutRetryPolicy,
  eventbridgeBusPolicyOpen,
  eventbridgeBusWithoutArchive,
  eventbridgeHardCodedName,
  eventbridgePipeWithoutDlq,
  eventbridgeScheduleWithoutDlq,
  eventbridgeScheduleWithoutRetryPolicy,
]

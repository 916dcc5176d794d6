// cloudwatch rules.
import type {Rule} from '../types.js'
import alarmWithoutAction from './cloudwatch-alarm-without-action.js'
import functionWithoutErrorAlarm from './cloudwatch-function-without-error-alarm.js'
import functionWithoutThrottleAlarm from './cloudwatch-function-without-throttle-alarm.js'
import queueWithoutAgeAlarm from './cloudwatch-queue-without-age-alarm.js'
import stateMachineWithoutFailedAlarm from './cloudwatch-state-machine-without-failed-alarm.js'
import streamConsumerWithoutIteratorAgeAlarm from './cloudwatch-stream-consumer-without-iterator-age-alarm.js'

export const CLOUDWATCH_RULES: Rule[] = [functionWithoutErrorAlarm, functionWithoutThrottleAlarm, streamConsumerWithoutIteratorAgeAlarm, stateMachineWithoutFailedAlarm, queueWithoutAgeAlarm, alarmWithoutAction]

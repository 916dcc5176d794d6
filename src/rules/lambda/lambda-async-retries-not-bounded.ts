// LMB008: asynchronous invocations should have a deliberate retry count and event age, not the defaults.
import {literal} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {hasAsyncFailureTarget, invocationsOf, invokeConfigsOf, labels, resolveFunction} from './queries.js'

/** Lambda's defaults for asynchronous invocation, written down so they can be reviewed and tightened. */
const ASYNC_DEFAULTS = {MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21_600}

export default defineRule({
  meta: {
    id: 'LMB008',
    name: 'lambda-async-retries-not-bounded',
    title: 'Asynchronous invocation without explicit retry attempts or maximum event age',
    severity: 'warning',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-ERR-4', 'P-ERR-9'],
    messages: {
      defaults: 'Event invoke configuration {{config}} of function {{function}} sets neither MaximumRetryAttempts nor MaximumEventAgeInSeconds: a failing event is retried for up to 6 hours.',
      noConfig:
        'Function {{function}} is invoked asynchronously by {{sources}} without an event invoke configuration: Lambda retries failures twice over up to 6 hours; set MaximumRetryAttempts and MaximumEventAgeInSeconds to what the work tolerates.',
    },
    fixable: 'safe',
    cdkFix: 'retryAttempts: 2, maxEventAge: cdk.Duration.hours(6)',
    equivalents: {},
    docs: {
      what: 'Finds `AWS::Lambda::EventInvokeConfig` resources (SAM: `EventInvokeConfig`) that set neither `MaximumRetryAttempts` nor `MaximumEventAgeInSeconds`, and asynchronously invoked functions that have a dead-letter queue but no event invoke configuration at all. Functions with no failure target at all are reported by LMB002 instead.',
      why: 'By default Lambda retries a failed asynchronous event twice and keeps events queued for up to six hours, so a stale event may be processed hours later, long after it stopped making sense, and throttled events pile up. Bounding both makes the failure path predictable: the event reaches the destination quickly and can be replayed deliberately.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n            Type: SQS',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      EventInvokeConfig:\n        MaximumRetryAttempts: 1\n        MaximumEventAgeInSeconds: 900\n        DestinationConfig:\n          OnFailure:\n            Type: SQS',
      whenNotToUse: 'Functions whose events stay valid for hours and where the defaults were chosen on purpose; suppress with that reason.',
      references: [
        'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html',
      ],
    },
  },
  check({graph, report}) {
    const fix = 'Set MaximumRetryAttempts (0–2) and MaximumEventAgeInSeconds (60–21600) on the event invoke configuration.'
    for (const config of graph.ofKind('eventInvokeConfig')) {
      if (config.props.MaximumRetryAttempts !== undefined || config.props.MaximumEventAgeInSeconds !== undefined) continue
      const fn = resolveFunction(graph, config.props.FunctionName)
      report({
        node: config,
        path: [],
        messageId: 'defaults',
        data: {config: displayName(config), function: fn ? displayName(fn) : String(literal(config.props.FunctionName) ?? 'unknown')},
        fix,
        autofix: (fixer) =>
          fixer.propose('Write the default bounds (2 retries, 6 hours)', [fixer.setProperty(config, [], ASYNC_DEFAULTS, {path: ['EventInvokeConfig'], value: ASYNC_DEFAULTS, globals: 'Function'})]),
      })
    }
    for (const fn of graph.ofKind('function')) {
      const asyncInvocations = invocationsOf(graph, fn).filter((invocation) => invocation.async)
      if (asyncInvocations.length === 0) continue
      // Without any failure target LMB002 already asks for an event invoke configuration.
      if (!hasAsyncFailureTarget(graph, fn)) continue
      const {configs, unattributed} = invokeConfigsOf(graph, fn)
      if (configs.length > 0 || unattributed.length > 0) continue
      report({
        node: fn,
        path: [],
        messageId: 'noConfig',
        data: {function: displayName(fn), sources: labels(asyncInvocations)},
        fix: 'Add an AWS::Lambda::EventInvokeConfig (SAM: EventInvokeConfig) with MaximumRetryAttempts and MaximumEventAgeInSeconds.',
        autofix: (fixer) => {
          const written = fixer.written(fn)
          if (!written) return undefined
          if (written.sam)
            return fixer.propose('Write the default bounds (2 retries, 6 hours)', [fixer.setProperty(fn, [], undefined, {path: ['EventInvokeConfig'], value: ASYNC_DEFAULTS, globals: 'Function'})])
          const id = fixer.newResourceId(`${written.id}InvokeConfig`)
          const resource = {Type: 'AWS::Lambda::EventInvokeConfig', Properties: {FunctionName: fixer.ref(written.id), Qualifier: '$LATEST', ...ASYNC_DEFAULTS}}
          return fixer.propose('Add an event invoke configuration with the default bounds (2 retries, 6 hours)', [fixer.addResourceAfter(fn, id, resource)])
        },
      })
    }
  },
})

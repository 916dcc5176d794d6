// LMB007: warn ahead of a runtime's deprecation so the upgrade can be planned.
import {literal, literalNumber} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {daysUntil, RUNTIME_LIFECYCLE, utcDate} from './runtimes.js'

export default defineRule({
  meta: {
    id: 'LMB007',
    name: 'lambda-runtime-deprecating-soon',
    title: 'Lambda function on a runtime deprecated within the warning window',
    severity: 'warning',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-6'],
    messages: {
      soon: 'Function {{function}} uses runtime {{runtime}}, which Lambda deprecates on {{date}} (in {{days}} days). Plan the move to {{successor}}.',
    },
    equivalents: {'cfn-lint': ['W2531']},
    options: {days: 90},
    docs: {
      what: "Finds functions whose `Runtime` will be deprecated within `days` days (option, default 90) of the run's date, from the table of Lambda runtime lifecycle dates shipped with sls-eda.",
      why: 'Upgrading a runtime means testing the code on a new language version; starting before the deprecation date avoids running unpatched code and being blocked from deploying fixes.',
      failing:
        '# run on 2026-03-01\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      CodeUri: src/',
      fixed: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      whenNotToUse: 'Set `days` to the lead time your team needs instead of turning it off.',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html', 'https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html'],
      limitations: 'Dates come from the table shipped with this version of sls-eda. Runtimes already deprecated are reported by LMB006.',
    },
  },
  check({graph, now, options, report}) {
    const window = literalNumber(options.days) ?? 90
    for (const fn of graph.ofKind('function')) {
      const runtime = literal(fn.props.Runtime)
      if (typeof runtime !== 'string') continue
      const lifecycle = RUNTIME_LIFECYCLE[runtime]
      if (!lifecycle || utcDate(lifecycle.deprecated) <= now) continue
      const days = daysUntil(now, lifecycle.deprecated)
      if (days > window) continue
      report({
        node: fn,
        path: ['Runtime'],
        messageId: 'soon',
        data: {function: displayName(fn), runtime, date: lifecycle.deprecated, days, successor: lifecycle.successor},
        fix: `Set Runtime to ${lifecycle.successor} (or another supported runtime) before ${lifecycle.deprecated}.`,
      })
    }
  },
})

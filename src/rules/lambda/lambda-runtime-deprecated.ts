// LMB006: functions should not run on a runtime Lambda has deprecated.
import {literal} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {RUNTIME_LIFECYCLE, utcDate} from './runtimes.js'

export default defineRule({
  meta: {
    id: 'LMB006',
    name: 'lambda-runtime-deprecated',
    title: 'Lambda function on a deprecated runtime',
    severity: 'error',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-6'],
    messages: {
      deprecated: 'Function {{function}} uses runtime {{runtime}}, deprecated since {{date}}: it no longer receives security patches. Move to {{successor}}.',
      createBlocked:
        'Function {{function}} uses runtime {{runtime}}, deprecated since {{date}}; new functions with it cannot be created since {{blocked}}, so this stack cannot be deployed to a new account or region. Move to {{successor}}.',
      updateBlocked: 'Function {{function}} uses runtime {{runtime}}, deprecated since {{date}}; functions with it cannot be updated since {{blocked}}. Move to {{successor}}.',
    },
    equivalents: {'cfn-lint': ['E2531', 'E2533'], checkov: ['CKV_AWS_363'], 'cdk-nag': ['AwsSolutions-L1']},
    docs: {
      what: "Finds functions whose `Runtime` is past its deprecation date in the table of Lambda runtime lifecycle dates shipped with sls-eda, and says whether creating or updating such functions is already blocked. It is an error once Lambda blocks creating or updating such functions (a deployment fails), a warning between the deprecation and that date. Today's date is the clock of the run.",
      why: 'A deprecated runtime receives no security patches and no support. Some time after deprecation Lambda blocks creating functions with it, then updating them: the next deployment of a fix fails.',
      failing: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs16.x\n      Handler: index.handler\n      CodeUri: src/',
      fixed: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/',
      whenNotToUse: 'Never for long: suppress it on one function with a reason and a date while the migration is under way.',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html', 'https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html'],
      limitations: 'Dates come from the table shipped with this version of sls-eda; container images (`PackageType: Image`) carry their runtime inside the image and are not checked.',
    },
  },
  check({graph, now, report}) {
    for (const fn of graph.ofKind('function')) {
      const runtime = literal(fn.props.Runtime)
      if (typeof runtime !== 'string') continue
      const lifecycle = RUNTIME_LIFECYCLE[runtime]
      if (!lifecycle || utcDate(lifecycle.deprecated) > now) continue
      const data = {function: displayName(fn), runtime, date: lifecycle.deprecated, successor: lifecycle.successor}
      const fix = `Set Runtime to ${lifecycle.successor} (or another supported runtime) and test the function on it.`
      if (lifecycle.blockUpdate && utcDate(lifecycle.blockUpdate) <= now) {
        report({node: fn, path: ['Runtime'], messageId: 'updateBlocked', data: {...data, blocked: lifecycle.blockUpdate}, fix})
      } else if (lifecycle.blockCreate && utcDate(lifecycle.blockCreate) <= now) {
        report({node: fn, path: ['Runtime'], messageId: 'createBlocked', data: {...data, blocked: lifecycle.blockCreate}, fix})
      } else {
        // Deployments still succeed until Lambda blocks creates or updates: until then this is a warning.
        report({node: fn, path: ['Runtime'], messageId: 'deprecated', data, fix, maxSeverity: 'warning'})
      }
    }
  },
})

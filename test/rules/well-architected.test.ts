// The whole catalogue on realistic, well-built services (SAM and raw CloudFormation, YAML and JSON): nothing at warning or above, no crash.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import type {Finding} from '../../src/engine/finding.js'
import {CATALOGUE, runCatalogue} from '../helpers/lint.js'

const TEMPLATES = ['sam-orders-service.yaml', 'cfn-orders-service.yaml', 'cfn-orders-service.json'] as const

const read = (name: string) => readFileSync(new URL(`../fixtures/well-architected/${name}`, import.meta.url), 'utf8')

const lint = (name: string, text = read(name)) => runCatalogue(text, 'strict', name.endsWith('.json') ? 'template.json' : 'template.yaml')

/** One line per finding, so a failure names the rule, the resource, the line and the message. */
const describeFindings = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${f.severity} ${f.resource?.id ?? '-'}:${f.location?.line ?? '?'} ${f.message}`)

/**
 * Info findings each template is expected to carry, as `ruleId resourceId`. The services are built to
 * follow every practice, so the lists are empty; a new entry needs a reason here.
 */
const EXPECTED_INFO: Record<(typeof TEMPLATES)[number], string[]> = {
  'sam-orders-service.yaml': [],
  'cfn-orders-service.yaml': [],
  'cfn-orders-service.json': [],
}

describe('well-architected services under the strict preset', () => {
  it('runs a catalogue that covers every service the templates use', () => {
    const services = new Set(CATALOGUE.map((rule) => rule.meta.service))
    for (const service of ['lambda', 'sqs', 'stepfunctions', 'apigateway', 'dynamodb', 'cloudwatch'] as const) expect(services).toContain(service)
  })

  describe.each(TEMPLATES)('%s', (name) => {
    const findings = lint(name)

    it('is read without a parse error and no rule crashes on it', () => {
      expect(describeFindings(findings.filter((f) => f.ruleId === 'SLS001' || f.ruleId === 'SLS002'))).toEqual([])
    })

    it('has no finding at warning or above', () => {
      expect(describeFindings(findings.filter((f) => f.severity === 'error' || f.severity === 'warning'))).toEqual([])
    })

    it('has exactly the info findings listed', () => {
      expect(findings.filter((f) => f.severity === 'info').map((f) => `${f.ruleId} ${f.resource?.id}`)).toEqual(EXPECTED_INFO[name])
    })
  })

  // Guards against a vacuous pass: taking one practice out of each service makes the catalogue speak.
  it.each([
    ['state machine tracing', 'sam-orders-service.yaml', '      Tracing:\n        Enabled: true\n', '', 'SFN001'],
    ['the state machine failure alarm', 'sam-orders-service.yaml', '          Value: !Ref FulfilmentStateMachine\n', '          Value: unrelated-machine\n', 'CWA004'],
    [
      'the retry of a Lambda task',
      'cfn-orders-service.yaml',
      '"Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"',
      '"Lambda.ServiceException"',
      'SFN003',
    ],
    ['API authorization', 'cfn-orders-service.yaml', 'AuthorizationType: AWS_IAM', 'AuthorizationType: NONE', 'APG005'],
    ['point-in-time recovery', 'cfn-orders-service.yaml', 'PointInTimeRecoveryEnabled: true', 'PointInTimeRecoveryEnabled: false', 'DDB001'],
    [
      'the composite alarm action',
      'sam-orders-service.yaml',
      '      AlarmRule: !Sub ALARM(${ReserveStockErrorsAlarm}) OR ALARM(${ReleaseStockErrorsAlarm}) OR ALARM(${StockThrottlesAlarm})\n      AlarmActions: [!Ref AlertsTopic]\n',
      '      AlarmRule: !Sub ALARM(${ReserveStockErrorsAlarm}) OR ALARM(${ReleaseStockErrorsAlarm}) OR ALARM(${StockThrottlesAlarm})\n',
      'CWA006',
    ],
  ])('reports when %s is taken out', (_name, template, remove, replacement, ruleId) => {
    const text = read(template)
    expect(text).toContain(remove)
    expect(lint(template, text.replace(remove, replacement)).map((f) => f.ruleId)).toContain(ruleId)
  })
})

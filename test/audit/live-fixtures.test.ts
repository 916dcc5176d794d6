// Every rule that claims `live` gives the same verdict on the deployed form of its template fixtures as on the templates: inventory → live graph → rule, the way `audit --from-inventory` runs it.
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {auditInventory} from '../../src/audit/audit.js'
import {DEFAULT_CONFIG} from '../../src/engine/config.js'
import {CATALOGUE, findRule} from '../../src/rules/index.js'
import {defineRule, type Rule} from '../../src/rules/types.js'
import {FIXTURES, fixtureOptionsOf, fixturesOf} from '../helpers/fixtures.js'
import {FIXED_NOW} from '../helpers/lint.js'
import {inventoryFromTemplate} from './deployed.js'

/**
 * Fixtures whose deployed form the generator cannot give the shape the collectors produce, with why.
 * Each stays listed only while it still disagrees (the test below fails once it agrees), and its rule
 * must still have a pass and a fail case that go through the live path.
 */
const NOT_DEPLOYABLE: Readonly<Record<string, string>> = {
  'EVB003/fail.yaml': 'the policy is an AWS::Events::EventBusPolicy resource, a type no collector produces',
  'IAM004/fail.json': 'the policy is an AWS::IAM::Policy resource, a type no collector produces',
  'LMB018/fail.yaml': "not yet analysed: the grant is SAM's LambdaInvokePolicy template",
  'LMB025/fail.yaml': "not yet analysed: the grant is SAM's DynamoDBCrudPolicy template",
  'LMB027/fail.yaml': 'not yet analysed: the routes come from SAM HttpApi events',
  'APG005/pass-default-authorizer-inline-body.yaml': 'not yet analysed: the fixture generator does not deploy an inline DefinitionBody with SAM DefaultAuthorizer onto methods',
  'APG005/pass-ip-allowlist.yaml': 'not yet analysed: the fixture generator does not carry a SAM Auth.ResourcePolicy into the deployed API policy',
  'SQS001/pass-dlq-arn-by-name.yaml': 'not yet analysed: the fixture generator does not resolve an ARN built with !Sub from a queue name',
  'SQS002/fail.json': 'not yet analysed: the alarm names the queue by its URL (!Ref)',
}

/** Live cases written by hand, for rules whose fixtures cannot be deployed as they are. */
const HAND_WRITTEN: Record<string, Array<{name: string; fails: boolean; run: () => number}>> = {}

function liveFindings(rule: Rule, text: string, file: string, companions: Rule[] = []) {
  const options = fixtureOptionsOf(rule.meta.id)
  const catalogue = [rule, ...companions]
  const config = {...DEFAULT_CONFIG, rules: Object.fromEntries(catalogue.map((r) => [r.meta.id, r === rule && options ? {severity: r.meta.severity, options} : r.meta.severity]))}
  const outcome = auditInventory(inventoryFromTemplate(text, file), {config, catalogue, now: FIXED_NOW})
  return outcome.allFindings.filter((finding) => finding.ruleId === rule.meta.id)
}

// SLS002 reports a rule that throws; its live cases run a rule that throws on one queue of the account.
const CRASHES_ON_ORDERS = defineRule({
  meta: {...findRule('SLS002')!.meta, id: 'TST901', name: 'test-crash-on-orders', title: 'Test-only rule that throws on a queue named orders', sources: ['live']},
  check({graph}) {
    for (const node of graph.ofKind('queue')) if (node.props.QueueName === 'orders') throw new Error(`test crash on ${node.id}`)
  },
})
const QUEUE = (name: string) => `Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: ${name}}\n`
HAND_WRITTEN.SLS002 = [
  {name: 'a rule that throws on a live queue', fails: true, run: () => liveFindings(findRule('SLS002')!, QUEUE('orders'), 'crash.yaml', [CRASHES_ON_ORDERS]).length},
  {name: 'rules that run cleanly', fails: false, run: () => liveFindings(findRule('SLS002')!, QUEUE('payments'), 'clean.yaml', [CRASHES_ON_ORDERS]).length},
]

describe('live rules on deployed fixtures', () => {
  for (const rule of CATALOGUE.filter((candidate) => candidate.meta.sources.includes('live'))) {
    const {id} = rule.meta
    const agreeing = {pass: 0, fail: 0}
    describe(`${id} ${rule.meta.name}`, () => {
      for (const name of fixturesOf(id)) {
        const known = NOT_DEPLOYABLE[`${id}/${name}`]
        const fails = name.startsWith('fail')
        if (!known && !(id === 'SLS002')) agreeing[fails ? 'fail' : 'pass']++
        if (id === 'SLS002') continue
        it(`${fails ? 'reports' : 'accepts'} deployed ${name}${known ? ' (listed as not deployable)' : ''}`, () => {
          const findings = liveFindings(rule, readFileSync(path.join(FIXTURES, id, name), 'utf8'), name)
          const agrees = fails ? findings.length > 0 : findings.length === 0
          if (known) expect(agrees, `${id}/${name} now agrees live: remove it from NOT_DEPLOYABLE (${known})`).toBe(false)
          else
            expect(fails ? findings.length : findings.map((finding) => finding.message), `${id}/${name} on the live path`).toSatisfy((value: unknown) =>
              fails ? (value as number) > 0 : (value as string[]).length === 0,
            )
        })
      }
      for (const hand of HAND_WRITTEN[id] ?? []) {
        agreeing[hand.fails ? 'fail' : 'pass']++
        it(`${hand.fails ? 'reports' : 'accepts'} ${hand.name}`, () => {
          const count = hand.run()
          if (hand.fails) expect(count).toBeGreaterThan(0)
          else expect(count).toBe(0)
        })
      }
      it('has a pass and a fail case through the live path', () => {
        expect(agreeing.fail, `${id} claims live but no fail case runs live: add a hand-written case or stop claiming live`).toBeGreaterThan(0)
        expect(agreeing.pass, `${id} claims live but no pass case runs live: add a hand-written case or stop claiming live`).toBeGreaterThan(0)
      })
    })
  }
})

// The sample inventory in examples/audit: what `--save-inventory` writes for a small account, and what `audit --from-inventory` shows a new user from it.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import type {Inventory} from '../../src/audit/inventory.js'
import {ARN, REGION, sampleAccount} from '../audit/account.js'
import {type FakeAccount, startFakeAws} from '../audit/fake-aws.js'
import {fakeEnv} from '../audit/helpers.js'
import {ROOT, runCliAsync as cli} from './cli.js'

const EXAMPLE = path.join(ROOT, 'examples/audit/inventory.json')
/** The example's collection time, fixed so regenerating it changes nothing but what was collected. */
const COLLECTED_AT = '2026-12-01T09:00:00.000Z'

/** The test account (one stack that follows the practices, one that does not) and two resources made by hand, outside any stack. */
function exampleAccount(): FakeAccount {
  const account = sampleAccount()
  const region = account.regions[REGION]!
  const notify = region.functions!.find((fn) => fn.FunctionName === 'bad-notify')!
  region.functions!.push({...notify, FunctionName: 'legacy-nightly-report', FunctionArn: ARN.fn('legacy-nightly-report'), TracingConfig: {Mode: 'PassThrough'}})
  const [url, attributes] = Object.entries(region.queues!).find(([queueUrl]) => queueUrl.endsWith('/bad-orders-without-dlq'))!
  region.queues![url.replace('bad-orders-without-dlq', 'legacy-jobs')] = {...attributes, QueueArn: ARN.queue('legacy-jobs')}
  return account
}

/** An inventory without what varies from one collection to the next: the time, and the order collectors finished in. */
function stable(inventory: Inventory): Inventory {
  return {...inventory, collectedAt: COLLECTED_AT, nodes: [...inventory.nodes].sort((a, b) => `${a.type}|${a.id}`.localeCompare(`${b.type}|${b.id}`))}
}

describe('examples/audit/inventory.json', () => {
  it('is what `sls-eda audit --save-inventory` writes for the example account (UPDATE_EXAMPLES=1 rewrites it)', async () => {
    const fake = await startFakeAws(exampleAccount())
    try {
      const saved = path.join(mkdtempSync(path.join(tmpdir(), 'sls-eda-example-')), 'inventory.json')
      const run = await cli(['audit', '--region', REGION, '--save-inventory', saved, '--format', 'json'], fakeEnv(fake.url, REGION))
      expect(run.status).toBe(1)
      const fresh = JSON.stringify(stable(JSON.parse(readFileSync(saved, 'utf8')) as Inventory), null, 1) + '\n'
      if (process.env.UPDATE_EXAMPLES === '1') writeFileSync(EXAMPLE, fresh)
      expect(stable(JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Inventory)).toEqual(JSON.parse(fresh))
    } finally {
      await fake.close()
    }
  })

  it('`sls-eda audit --from-inventory` shows what an audit finds, and how to fix each live resource', async () => {
    // No endpoint, no credentials: nothing can reach AWS.
    const run = await cli(['audit', '--from-inventory', 'examples/audit/inventory.json'], {AWS_EC2_METADATA_DISABLED: 'true'})
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ info\) in 2 regions/)
    // Owned by a stack: fixed in its template, not in the console.
    expect(run.stdout).toMatch(/Queue bad-orders-without-dlq has no RedrivePolicy[\s\S]*?fix: Owned by CloudFormation stack bad-service as BadOrders\w*: fix it in that stack's template and deploy/)
    // Made by hand: the command that fixes it, with its region, and the console page.
    expect(run.stdout).toMatch(/fix: aws sqs set-queue-attributes --queue-url https:\/\/\S+\/legacy-jobs --attributes .*RedrivePolicy.* --region eu-west-1/)
    expect(run.stdout).toMatch(/fix: aws lambda update-function-configuration --function-name legacy-nightly-report --tracing-config Mode=Active --region eu-west-1/)
    expect(run.stdout).toMatch(/console: https:\/\/eu-west-1\.console\.aws\.amazon\.com\/sqs\/v3\/home\?region=eu-west-1#\/queues\/https%3A%2F%2F\S+legacy-jobs/)
    // Never a template edit that names a physical id.
    expect(run.stdout).not.toMatch(/!(Ref|GetAtt) arn:/)
  })
})

// Audit test helpers: point the real SDK clients at a fake AWS with fake credentials, and run an audit in process.
import {DEFAULT_CONFIG} from '../../src/engine/config.js'
import {auditInventory} from '../../src/audit/audit.js'
import {AwsClients, type ClientOptions} from '../../src/audit/clients.js'
import {collectAccount} from '../../src/audit/collect.js'
import {CATALOGUE} from '../../src/rules/index.js'
import {FIXED_NOW} from '../helpers/lint.js'
import {type FakeAccount, type FakeAws, type FakeOptions, startFakeAws} from './fake-aws.js'

/** Environment for the SDK: fake credentials, the fake endpoint, no shared config files, no instance metadata. */
export function fakeEnv(url: string, region: string): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: region,
    AWS_ENDPOINT_URL: url,
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  }
}

/** Runs `work` with the fake AWS running and the process environment pointing at it. */
export async function withFakeAws<T>(account: FakeAccount, options: FakeOptions, work: (fake: FakeAws) => Promise<T>, region = 'eu-west-1'): Promise<T> {
  const fake = await startFakeAws(account, options)
  const saved: Record<string, string | undefined> = {}
  const env = fakeEnv(fake.url, region)
  for (const key of [...Object.keys(env), 'AWS_PROFILE', 'AWS_RETRY_MODE', 'AWS_MAX_ATTEMPTS']) saved[key] = process.env[key]
  Object.assign(process.env, env)
  delete process.env.AWS_PROFILE
  delete process.env.AWS_RETRY_MODE
  delete process.env.AWS_MAX_ATTEMPTS
  try {
    return await work(fake)
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    await fake.close()
  }
}

/** Collects the account through the real SDK clients and runs the live catalogue (strict preset: every rule). */
export async function auditLive(regions: string[], options: {stacks?: string[]; clients?: ClientOptions; cdkPaths?: boolean} = {}) {
  const clients = new AwsClients(options.clients)
  try {
    const {inventory} = await collectAccount({regions, stacks: options.stacks, cdkPaths: options.cdkPaths, clients})
    const outcome = auditInventory(inventory, {config: {...DEFAULT_CONFIG, preset: 'strict'}, catalogue: CATALOGUE, stacks: options.stacks, now: FIXED_NOW})
    return {inventory, outcome, findings: outcome.files.flatMap((file) => file.findings), stats: clients.stats}
  } finally {
    clients.destroy()
  }
}

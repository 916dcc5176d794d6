// The audit calls only read-only operations, and docs/audit-iam-policy.json grants exactly what the code calls.
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {AwsClients} from '../../src/audit/clients.js'
import {isReadOnlyOperation, ReadOnlyViolation} from '../../src/audit/errors.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

/** IAM action prefix of each SDK client package. */
const PREFIX: Record<string, string> = {
  'client-lambda': 'lambda',
  'client-sqs': 'sqs',
  'client-sns': 'sns',
  'client-eventbridge': 'events',
  'client-sfn': 'states',
  'client-api-gateway': 'apigateway',
  'client-apigatewayv2': 'apigateway',
  'client-cloudwatch': 'cloudwatch',
  'client-iam': 'iam',
  'client-cloudformation': 'cloudformation',
  'client-sts': 'sts',
  'client-ec2': 'ec2',
  'client-organizations': 'organizations',
}

/**
 * The one call that is not a List, Get or Describe: an organisation audit assumes a role in each member
 * account. It returns temporary credentials and changes nothing.
 */
const NOT_READS_ALLOWED = new Set(['sts:AssumeRole'])

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : []
  })
}

interface Use {
  file: string
  operation: string
  prefix: string
}

/** Every SDK operation the code sends: `new XCommand(` and `paginateX(` usages, resolved through import aliases to their client. */
function operationsUsed(): Use[] {
  const uses: Use[] = []
  for (const file of [...sourceFiles(path.join(ROOT, 'src/audit')), path.join(ROOT, 'src/commands/audit.ts')]) {
    const text = readFileSync(file, 'utf8')
    const imported = new Map<string, {name: string; prefix: string}>()
    // Static imports and `const {X} = await import(...)` for clients loaded on demand.
    for (const match of text.matchAll(/(?:import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*|const\s*\{([^}]*)\}\s*=\s*await\s+import\(\s*)'@aws-sdk\/(client-[a-z0-9-]+)'/g)) {
      const prefix = PREFIX[match[3]!]
      if (!prefix) throw new Error(`${file}: unknown AWS client ${match[3]}`)
      for (const part of (match[1] ?? match[2])!
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)) {
        const [name, local] = part.replace(/^type\s+/, '').split(/\s+as\s+|\s*:\s*/)
        imported.set((local ?? name)!.trim(), {name: name!.trim(), prefix})
      }
    }
    for (const match of text.matchAll(/new\s+([A-Za-z0-9]+)\s*\(/g)) {
      const local = match[1]!
      const origin = imported.get(local)
      if (origin && origin.name.endsWith('Command')) uses.push({file, operation: origin.name.replace(/Command$/, ''), prefix: origin.prefix})
      else if (local.endsWith('Command')) throw new Error(`${file}: ${local} is not imported from an AWS client the test knows`)
    }
    for (const match of text.matchAll(/\bpaginate([A-Z][A-Za-z0-9]+)\s*\(/g)) {
      const origin = imported.get(`paginate${match[1]}`)
      if (!origin) throw new Error(`${file}: paginate${match[1]} is not imported from an AWS client`)
      uses.push({file, operation: match[1]!, prefix: origin.prefix})
    }
    // Sending a command object built elsewhere would escape this scan.
    expect(text, `${file} must build commands with \`new XCommand(\``).not.toMatch(/\.send\(\s*(?!new\s)/)
  }
  return uses
}

/** The IAM action an operation needs: API Gateway authorises by HTTP verb on resource paths. */
function iamAction(use: Use): string {
  if (use.prefix === 'apigateway') return 'apigateway:GET'
  return `${use.prefix}:${use.operation}`
}

function policyActions(): Set<string> {
  const policy = JSON.parse(readFileSync(path.join(ROOT, 'docs/audit-iam-policy.json'), 'utf8')) as {Statement: Array<{Effect: string; Action: string | string[]}>}
  const actions = new Set<string>()
  for (const statement of policy.Statement) {
    expect(statement.Effect).toBe('Allow')
    for (const action of [statement.Action].flat()) actions.add(action)
  }
  return actions
}

describe('read-only audit policy', () => {
  const uses = operationsUsed()

  it('finds the operations the collectors send', () => {
    const names = new Set(uses.map((use) => `${use.prefix}:${use.operation}`))
    for (const expected of [
      'lambda:ListFunctions',
      'sqs:GetQueueAttributes',
      'iam:GetAccountAuthorizationDetails',
      'apigateway:GetStages',
      'cloudformation:ListStackResources',
      'ec2:DescribeRegions',
      'organizations:ListAccounts',
      'organizations:ListAccountsForParent',
      'organizations:ListChildren',
      'sts:AssumeRole',
    ]) {
      expect(names).toContain(expected)
    }
  })

  it('uses only List, Get and Describe operations', () => {
    const writes = uses
      .filter((use) => !isReadOnlyOperation(use.operation) && !NOT_READS_ALLOWED.has(`${use.prefix}:${use.operation}`))
      .map((use) => `${path.relative(ROOT, use.file)}: ${use.prefix}:${use.operation}`)
    expect(writes).toEqual([])
  })

  it('grants every operation the code uses, and nothing else', () => {
    const granted = policyActions()
    const needed = new Set(uses.map(iamAction))
    expect([...needed].filter((action) => !granted.has(action)).sort()).toEqual([])
    expect([...granted].filter((action) => !needed.has(action)).sort()).toEqual([])
  })

  it('grants only read-only actions, without wildcards', () => {
    for (const action of policyActions()) {
      expect(action).not.toContain('*')
      const [, name] = action.split(':')
      expect(name === 'GET' || isReadOnlyOperation(name!) || NOT_READS_ALLOWED.has(action), action).toBe(true)
    }
  })

  it('refuses a write operation at run time, before anything is sent', async () => {
    const {SendMessageCommand} = await import('@aws-sdk/client-sqs')
    const clients = new AwsClients()
    try {
      const client = clients.get('sqs', 'eu-west-1')
      await expect(client.send(new SendMessageCommand({QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q', MessageBody: 'x'}))).rejects.toBeInstanceOf(ReadOnlyViolation)
      expect(clients.stats.total).toBe(0)
    } finally {
      clients.destroy()
    }
  })
})

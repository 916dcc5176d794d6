// One Node.js per generated project: the Lambda runtime its code runs on, package.json engines, @types/node, the esbuild target and the TypeScript target all agree.
import {describe, expect, it} from 'vitest'

import {resolveRequest, templateContext} from '../../src/scaffold/index.js'
import {PATTERNS} from '../../src/scaffold/patterns.js'
import {renderProject} from '../../src/scaffold/render.js'
import {NODE_RUNTIMES, supportedRuntimes} from '../../src/scaffold/runtimes.js'
import {NODE_TYPES_RANGES} from '../../src/scaffold/versions.js'

const NOW = new Date('2026-12-06T00:00:00Z')
const SELF = {version: '0.1.0', dependency: {spec: '^0.1.0', source: 'registry' as const}}

/**
 * The oldest Node.js that runs every feature of each ECMAScript edition TypeScript may emit or type (node.green):
 * ES2023's array copies (`toSorted`, `with`) arrived in Node.js 20, ES2024's `Object.groupBy` and `Promise.withResolvers` in 22.
 */
const ES_EDITION_MIN_NODE: Readonly<Record<string, number>> = {ES2021: 16, ES2022: 16, ES2023: 20, ES2024: 22}

async function render(pattern: string, iac: string, extra: Record<string, string>) {
  const request = await resolveRequest({pattern, iac, dir: '/tmp/sls-eda-node-versions/none', ...extra}, {cwd: '/', now: NOW, interactive: false})
  const files = renderProject(request.pattern, request.iac, templateContext(request, SELF, NOW), undefined, request.language)
  return (name: string): string | undefined => files.find((file) => file.path === name)?.content
}

/** The Node.js majors a project states: its Lambda runtime, engines, @types/node, esbuild target (SAM), TypeScript target and lib. */
function declaredNode(file: (name: string) => string | undefined) {
  const packageJson = JSON.parse(file('package.json')!) as {engines: {node: string}; devDependencies: Record<string, string>}
  const tsconfig = JSON.parse(file('tsconfig.json')!) as {compilerOptions: {target: string; lib: string[]}}
  const template = file('template.yaml')
  const runtime = template ? /Runtime: nodejs(\d+)\.x/.exec(template)?.[1] : /Runtime\.NODEJS_(\d+)_X/.exec(file('bin/app.ts')!)?.[1]
  return {
    runtime: runtime === undefined ? undefined : Number(runtime),
    engines: Number(/^>=(\d+)$/.exec(packageJson.engines.node)?.[1]),
    types: Number(/^\^(\d+)\./.exec(packageJson.devDependencies['@types/node']!)?.[1]),
    esbuildTargets: template ? [...template.matchAll(/Target: node(\d+)/g)].map((match) => Number(match[1])) : [],
    tsTarget: tsconfig.compilerOptions.target,
    tsLib: tsconfig.compilerOptions.lib,
  }
}

describe('Node.js versions of generated projects', () => {
  const nodeRuntimes = supportedRuntimes(NOW, NODE_RUNTIMES)

  it('defaults to nodejs24.x, the newest runtime Lambda supports that is not deprecated within a year', () => {
    expect(nodeRuntimes[0]!.id).toBe('nodejs24.x')
    const yearAhead = new Date(NOW.getTime() + 365 * 24 * 3600 * 1000)
    expect(new Date(`${nodeRuntimes[0]!.deprecation}T00:00:00Z`).getTime()).toBeGreaterThan(yearAhead.getTime())
  })

  it('knows @types/node for every Node.js runtime it offers', () => {
    for (const runtime of nodeRuntimes) expect(NODE_TYPES_RANGES[runtime.nodeMajor], runtime.id).toMatch(new RegExp(`^\\^${runtime.nodeMajor}\\.`))
  })

  for (const runtime of nodeRuntimes) {
    for (const pattern of PATTERNS) {
      for (const iac of pattern.flavours) {
        it(`${pattern.name} (${iac}, ${runtime.id}): runtime, engines, @types/node, esbuild and TypeScript targets agree`, async () => {
          const node = declaredNode(await render(pattern.name, iac, {runtime: runtime.id}))
          expect(node.runtime).toBe(runtime.nodeMajor)
          expect(node.engines).toBe(runtime.nodeMajor)
          expect(node.types).toBe(runtime.nodeMajor)
          for (const target of node.esbuildTargets) expect(target).toBe(runtime.nodeMajor)
          expect(ES_EDITION_MIN_NODE[node.tsTarget], `${node.tsTarget} runs on Node.js ${runtime.nodeMajor}`).toBeLessThanOrEqual(runtime.nodeMajor)
          for (const lib of node.tsLib) expect(ES_EDITION_MIN_NODE[lib], `lib ${lib} runs on Node.js ${runtime.nodeMajor}`).toBeLessThanOrEqual(runtime.nodeMajor)
        })
      }
    }
  }

  it("a Python project's CDK app declares the oldest Node.js Lambda still supports, with its @types/node", async () => {
    const oldest = Math.min(...nodeRuntimes.map((runtime) => runtime.nodeMajor))
    const node = declaredNode(await render('queue-worker', 'cdk', {language: 'python'}))
    expect(node.engines).toBe(oldest)
    expect(node.types).toBe(oldest)
    expect(ES_EDITION_MIN_NODE[node.tsTarget]).toBeLessThanOrEqual(oldest)
  })
})

// Rendering: every pattern × flavour renders completely, dotfiles are renamed, dependencies match what is installed.
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {resolveRequest, templateContext} from '../../src/scaffold/index.js'
import {PATTERNS} from '../../src/scaffold/patterns.js'
import {renderProject} from '../../src/scaffold/render.js'
import {DEPENDENCY_RANGES} from '../../src/scaffold/versions.js'

const root = path.resolve(import.meta.dirname, '../..')
const NOW = new Date('2026-11-23T00:00:00Z')

async function render(pattern: string, iac: string, extra: Record<string, string> = {}) {
  const request = await resolveRequest({pattern, iac, dir: '/tmp/sls-eda-render-test/none', ...extra}, {cwd: '/', now: NOW, interactive: false})
  return renderProject(request.pattern, request.iac, templateContext(request, {version: '0.1.0', dependency: {spec: '^0.1.0', source: 'registry'}}, NOW), undefined, request.language)
}

/** Handler entries the infrastructure names: `Handler:` lines of a SAM template, `entry:` values of a CDK stack. */
function handlerEntries(files: Array<{path: string; content: string}>): string[] {
  const template = files.find((file) => file.path === 'template.yaml')?.content
  if (template) return [...template.matchAll(/^\s+Handler: (\S+)$/gm)].map((match) => match[1]!)
  const stack = files.find((file) => file.path === 'lib/stack.ts')!.content
  return [...stack.matchAll(/entry: '([a-z-]+)'/g)].map((match) => match[1]!)
}

describe('renderProject', () => {
  for (const pattern of PATTERNS) {
    for (const iac of pattern.flavours) {
      it(`renders ${pattern.name} (${iac}) completely`, async () => {
        const files = await render(pattern.name, iac)
        const paths = files.map((file) => file.path)
        expect(paths).toEqual(expect.arrayContaining(['README.md', 'package.json', '.gitignore', 'tsconfig.json', 'vitest.config.ts']))
        expect(paths.some((file) => file.startsWith('src/handlers/'))).toBe(true)
        expect(paths.some((file) => file.startsWith('test/') && file.endsWith('.test.ts'))).toBe(true)
        expect(paths.some((file) => file.startsWith('events/'))).toBe(true)
        expect(paths).toContain(iac === 'sam' ? 'template.yaml' : 'cdk.json')
        expect(paths.filter((file) => file.endsWith('.hbs') || path.basename(file).startsWith('_'))).toEqual([])
        const packageJson = JSON.parse(files.find((file) => file.path === 'package.json')!.content)
        expect(packageJson.name).toBe('none')
        expect(packageJson.scripts.lint).toContain('sls-eda lint')
      })
    }
  }

  for (const pattern of PATTERNS) {
    for (const iac of pattern.flavours) {
      it(`renders ${pattern.name} (${iac}) with Python handlers, each one the infrastructure names`, async () => {
        const files = await render(pattern.name, iac, {language: 'python'})
        const paths = files.map((file) => file.path)
        expect(paths).toEqual(expect.arrayContaining(['README.md', '.gitignore', 'pyproject.toml', 'requirements-dev.txt', 'src/requirements.txt', 'src/shared/powertools.py', 'tests/conftest.py']))
        expect(paths.filter((file) => /^(src|test|tests)\/.*\.ts$/.test(file) || file === 'vitest.config.ts')).toEqual([])
        expect(paths.some((file) => /^tests\/test_.*\.py$/.test(file))).toBe(true)
        expect(paths.includes('package.json')).toBe(iac === 'cdk')
        // Stored names start with one underscore (_gitignore); Python's __init__.py is a real name.
        expect(paths.filter((file) => file.endsWith('.hbs') || /^_(?!_init__\.py$)/.test(path.basename(file)))).toEqual([])
        const readme = files.find((file) => file.path === 'README.md')!.content
        expect(readme).toContain('pytest')
        expect(readme).not.toMatch(/npm test|src\/[\w/.-]+\.ts\b/)
        const entries = handlerEntries(files)
        expect(entries.length).toBeGreaterThan(0)
        for (const entry of entries) {
          const module = iac === 'sam' ? entry.replace(/^handlers\.|\.handler$/g, '') : entry.replace(/-/g, '_')
          expect(paths, `${entry} has a module`).toContain(`src/handlers/${module}.py`)
        }
        if (iac === 'sam') {
          const template = files.find((file) => file.path === 'template.yaml')!.content
          expect(template).toContain('Runtime: python3.13')
          expect(template).toContain('CodeUri: src/')
          expect(template).not.toMatch(/esbuild|NODE_OPTIONS/)
        }
      })
    }
  }

  it('points every TypeScript handler the infrastructure names at a file that exists', async () => {
    for (const pattern of PATTERNS) {
      for (const iac of pattern.flavours) {
        const files = await render(pattern.name, iac)
        for (const entry of handlerEntries(files))
          expect(
            files.map((file) => file.path),
            `${pattern.name} ${iac}: ${entry}`,
          ).toContain(`src/handlers/${entry.replace(/\.handler$/, '')}.ts`)
      }
    }
  })

  it('writes the chosen runtime, architecture and alarm email into the template', async () => {
    const files = await render('queue-worker', 'sam', {runtime: 'nodejs22.x', arch: 'x86_64', alarmEmail: 'ops@example.com'})
    const template = files.find((file) => file.path === 'template.yaml')!.content
    expect(template).toContain('Runtime: nodejs22.x')
    expect(template).toContain('- x86_64')
    expect(template).toContain('Endpoint: ops@example.com')
  })

  it('notifies an existing topic instead of creating one', async () => {
    const arn = 'arn:aws:sns:eu-west-1:123456789012:oncall'
    const sam = (await render('queue-worker', 'sam', {alarmTopicArn: arn})).find((file) => file.path === 'template.yaml')!.content
    expect(sam).not.toContain('AlarmTopicKey')
    expect(sam).toContain(`- '${arn}'`)
    const cdk = (await render('queue-worker', 'cdk', {alarmTopicArn: arn})).find((file) => file.path === 'bin/app.ts')!.content
    expect(cdk).toContain(`alarmTopicArn: '${arn}'`)
  })
})

describe('dependency ranges of generated projects', () => {
  it.each(Object.entries(DEPENDENCY_RANGES))('%s %s is satisfied by the installed version', (name, range) => {
    const installed = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version as string
    const [major, minor, patch] = installed.split('.').map(Number)
    const [wantMajor, wantMinor, wantPatch] = range
      .replace(/^[\^~]/, '')
      .split('.')
      .map(Number)
    expect(major).toBe(wantMajor)
    if (range.startsWith('~')) expect(minor).toBe(wantMinor)
    expect(minor! * 1e6 + patch!).toBeGreaterThanOrEqual(wantMinor! * 1e6 + wantPatch!)
  })
})

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
  return renderProject(request.pattern, request.iac, templateContext(request, '0.1.0'))
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
    const [wantMajor, wantMinor, wantPatch] = range.replace(/^[\^~]/, '').split('.').map(Number)
    expect(major).toBe(wantMajor)
    if (range.startsWith('~')) expect(minor).toBe(wantMinor)
    expect(minor! * 1e6 + patch!).toBeGreaterThanOrEqual(wantMinor! * 1e6 + wantPatch!)
  })
})

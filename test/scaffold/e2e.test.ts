// End to end: every pattern × IaC is generated with TypeScript handlers by the built CLI, then type-checked, unit-tested, synthesized (CDK) and linted clean (e2e-python.test.ts does the same for Python).
import {existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {PATTERNS} from '../../src/scaffold/patterns.js'
import {lintProjects, pool, type Run, run, synthEnv, tail} from '../helpers/processes.js'

const root = path.resolve(import.meta.dirname, '../..')
const bin = path.join(root, 'bin/run.js')
const modules = path.join(root, 'node_modules')

interface Project {
  pattern: string
  iac: 'sam' | 'cdk'
  dir: string
}

const SYNTH_ENV = synthEnv(modules)

describe('sls-eda new, end to end', () => {
  let workspace: string
  let projects: Project[] = []
  const generated = new Map<string, Run>()

  beforeAll(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'sls-eda-e2e-'))
    projects = PATTERNS.flatMap((pattern) => pattern.flavours.map((iac) => ({pattern: pattern.name, iac, dir: path.join(workspace, `${pattern.name}-${iac}`)})))
    await pool(projects, 2, async (project) => {
      const result = await run(process.execPath, [bin, 'new', project.pattern, '--iac', project.iac, '--dir', project.dir, '--alarm-email', 'oncall@example.com', '--json'], {cwd: workspace})
      generated.set(project.dir, result)
      if (result.code !== 0) return
      // What `npm install` would leave: the dependencies (the repository's, already installed) and a lock file.
      symlinkSync(modules, path.join(project.dir, 'node_modules'), 'dir')
      writeFileSync(path.join(project.dir, 'package-lock.json'), JSON.stringify({name: path.basename(project.dir), lockfileVersion: 3, requires: true, packages: {}}))
    })
  }, 300_000)

  afterAll(() => {
    if (workspace && !process.env.SLS_EDA_KEEP_E2E) rmSync(workspace, {recursive: true, force: true})
  })

  it('generates every pattern in every flavour', () => {
    expect(projects.length).toBe(PATTERNS.length * 2)
    for (const project of projects) {
      const result = generated.get(project.dir)!
      expect(result.code, `${project.pattern} ${project.iac}: ${result.stderr}`).toBe(0)
      const summary = JSON.parse(result.stdout)
      expect(summary.files).toEqual(expect.arrayContaining(['README.md', 'package.json', '.gitignore', 'tsconfig.json']))
      expect(summary.files).toContain(project.iac === 'sam' ? 'template.yaml' : 'cdk.json')
    }
  })

  it('type-checks every project', async () => {
    // One compiler run over all projects (same options as each project's tsconfig.json): aws-cdk-lib's types load once.
    const base = JSON.parse(readFileSync(path.join(projects[0]!.dir, 'tsconfig.json'), 'utf8'))
    const include = projects.flatMap((project) => ['src', 'test', 'bin', 'lib'].map((folder) => `${path.basename(project.dir)}/${folder}/**/*.ts`))
    writeFileSync(path.join(workspace, 'tsconfig.json'), JSON.stringify({compilerOptions: base.compilerOptions, include}))
    // `types: ["node"]` is looked up from the config's folder.
    if (!existsSync(path.join(workspace, 'node_modules'))) symlinkSync(modules, path.join(workspace, 'node_modules'), 'dir')
    const result = await run(process.execPath, [path.join(modules, 'typescript/bin/tsc'), '--noEmit', '-p', workspace], {cwd: workspace})
    expect(result.code, tail(result.stdout + result.stderr)).toBe(0)
  }, 300_000)

  it("passes every project's own unit tests", async () => {
    const config = path.join(workspace, 'vitest.projects.mjs')
    writeFileSync(config, `export default {test: {projects: ${JSON.stringify(projects.map((project) => path.basename(project.dir)))}}}\n`)
    const report = path.join(workspace, 'vitest-report.json')
    const result = await run(process.execPath, [path.join(modules, 'vitest/vitest.mjs'), 'run', '--root', workspace, '--config', config, '--reporter=json', `--outputFile=${report}`], {cwd: workspace})
    expect(result.code, tail(result.stdout + result.stderr)).toBe(0)
    const json = JSON.parse(readFileSync(report, 'utf8')) as {testResults: Array<{name: string; status: string}>; numPassedTests: number; numFailedTests: number}
    expect(json.numFailedTests).toBe(0)
    for (const project of projects) {
      const files = json.testResults.filter((file) => file.name.startsWith(`${project.dir}${path.sep}`))
      expect(files.length, `${project.pattern} ${project.iac} has tests`).toBeGreaterThan(0)
      expect(files.every((file) => file.status === 'passed')).toBe(true)
    }
  }, 300_000)

  it('synthesizes every CDK app with the installed CDK CLI, then lints every project clean', async () => {
    const cdk = projects.filter((project) => project.iac === 'cdk')
    const synths = await pool(cdk, 2, (project) => run(process.execPath, [path.join(modules, 'aws-cdk/bin/cdk'), 'synth', '--quiet', '--no-notices'], {cwd: project.dir, env: SYNTH_ENV}))
    cdk.forEach((project, index) => {
      expect(synths[index]!.code, `${project.pattern} cdk synth: ${tail(synths[index]!.stderr)}`).toBe(0)
      expect(existsSync(path.join(project.dir, 'cdk.out', 'manifest.json'))).toBe(true)
    })
    const lint = await lintProjects(
      bin,
      projects.map((project) => project.dir),
      workspace,
    )
    expect(lint.problems).toEqual([])
    expect(lint.unlinted).toEqual([])
    expect(lint.code).toBe(0)
  }, 600_000)
})

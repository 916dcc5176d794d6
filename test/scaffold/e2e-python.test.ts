// End to end for Python: every pattern × IaC generated with --language python, its pytest suite run, its dependencies checked, CDK apps synthesized, everything linted clean.
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
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

/** Where a top-level import comes from: the distribution a project must declare for it. */
const DISTRIBUTION_OF_MODULE: Readonly<Record<string, string>> = {
  aws_lambda_powertools: 'aws-lambda-powertools',
  boto3: 'boto3',
  // botocore comes with boto3 (and with the Lambda runtime); declaring boto3 covers it.
  botocore: 'boto3',
  pytest: 'pytest',
}

/** The requirement strings of one array in pyproject.toml (`dependencies = [...]` or a dependency group). */
function tomlArray(text: string, key: string): string[] {
  // Entries are one per line, so the array ends at the first line that starts with `]` (extras such as `[tracer]` do not).
  const match = new RegExp(`^${key} = \\[\\n([\\s\\S]*?)^\\]`, 'm').exec(text)
  if (!match) return []
  return [...match[1]!.matchAll(/"([^"]+)"/g)].map((entry) => entry[1]!)
}

/** `aws-lambda-powertools[tracer]>=3.37.0,<4` → `aws-lambda-powertools`. */
const distribution = (requirement: string): string => /^[A-Za-z0-9._-]+/.exec(requirement)![0].toLowerCase()

/** The lowest version a range allows, pinned: what sls-eda promises works (`>=3.37.0,<4` → `==3.37.0`). */
function lowestPin(requirement: string): string {
  const lower = />=([0-9][^,]*)/.exec(requirement)
  if (!lower) throw new Error(`${requirement} has no lower bound`)
  return `${/^[^<>=!~]+/.exec(requirement)![0]}==${lower[1]}`
}

function pythonFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith('.py'))
    .map((entry) => path.join(entry.parentPath, entry.name))
}

/** Top-level modules a file imports (`import x.y`, `from x.y import z`), leaving relative imports out. */
function importedModules(source: string): string[] {
  return [...source.matchAll(/^(?:from|import)\s+([A-Za-z_][A-Za-z0-9_]*)/gm)].map((match) => match[1]!)
}

describe('sls-eda new --language python, end to end', () => {
  let workspace: string
  let venvBin: string
  let projects: Project[] = []
  const generated = new Map<string, Run>()
  let installed: Run
  let stdlib: Set<string>

  beforeAll(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'sls-eda-e2e-python-'))
    venvBin = path.join(workspace, '.venv', 'bin')
    projects = PATTERNS.flatMap((pattern) => pattern.flavours.map((iac) => ({pattern: pattern.name, iac, dir: path.join(workspace, `${pattern.name}-${iac}`)})))
    const venv = run('python3', ['-m', 'venv', path.join(workspace, '.venv')], {cwd: workspace})
    await pool(projects, 2, async (project) => {
      const result = await run(process.execPath, [bin, 'new', project.pattern, '--iac', project.iac, '--language', 'python', '--dir', project.dir, '--alarm-email', 'oncall@example.com', '--json'], {
        cwd: workspace,
      })
      generated.set(project.dir, result)
      if (result.code === 0 && project.iac === 'cdk') symlinkSync(modules, path.join(project.dir, 'node_modules'), 'dir')
    })
    const created = await venv
    if (created.code !== 0) throw new Error(`python3 -m venv failed (is python3-venv installed?): ${created.stderr}`)
    // One virtual environment for the run, with the union of what the projects declare, at the lowest versions their ranges allow.
    const pins = new Set<string>()
    for (const project of projects) {
      const pyproject = path.join(project.dir, 'pyproject.toml')
      if (!existsSync(pyproject)) continue
      const text = readFileSync(pyproject, 'utf8')
      for (const requirement of [...tomlArray(text, 'dependencies'), ...tomlArray(text, 'dev')]) pins.add(lowestPin(requirement))
    }
    installed = await run(path.join(venvBin, 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...[...pins].sort()], {cwd: workspace})
    const names = await run(path.join(venvBin, 'python'), ['-c', 'import sys; print("\\n".join(sys.stdlib_module_names))'], {cwd: workspace})
    stdlib = new Set(names.stdout.split('\n').filter(Boolean))
  }, 600_000)

  afterAll(() => {
    if (workspace && !process.env.SLS_EDA_KEEP_E2E) rmSync(workspace, {recursive: true, force: true})
  })

  it('generates every pattern in every flavour, with its Python project files', () => {
    expect(projects.length).toBe(PATTERNS.length * 2)
    for (const project of projects) {
      const result = generated.get(project.dir)!
      expect(result.code, `${project.pattern} ${project.iac}: ${result.stderr}`).toBe(0)
      const summary = JSON.parse(result.stdout)
      expect(summary.language).toBe('python')
      expect(summary.files).toEqual(expect.arrayContaining(['README.md', 'pyproject.toml', 'src/requirements.txt', 'requirements-dev.txt', '.gitignore', 'tests/conftest.py']))
      expect(summary.files).toContain(project.iac === 'sam' ? 'template.yaml' : 'cdk.json')
      // No TypeScript handler, test or test runner leaks in; a SAM project has no package.json at all.
      expect(summary.files.filter((file: string) => /^(src|test)\/.*\.ts$|^vitest\.config\.ts$/.test(file))).toEqual([])
      expect(summary.files.includes('package.json')).toBe(project.iac === 'cdk')
    }
    expect(installed.code, tail(installed.stderr)).toBe(0)
  })

  it('declares in each project what its code imports, and lists the runtime dependencies in src/requirements.txt', () => {
    for (const project of projects) {
      const pyproject = readFileSync(path.join(project.dir, 'pyproject.toml'), 'utf8')
      const runtime = tomlArray(pyproject, 'dependencies')
      const dev = tomlArray(pyproject, 'dev')
      const requirements = readFileSync(path.join(project.dir, 'src', 'requirements.txt'), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      expect(requirements, `${project.pattern} ${project.iac}: src/requirements.txt and pyproject.toml`).toEqual(runtime)
      const local = new Set([...readdirSync(path.join(project.dir, 'src')), ...readdirSync(path.join(project.dir, 'tests'))].map((name) => name.replace(/\.py$/, '')))
      // boto3 is part of the Lambda runtime, so the functions may import it without src/requirements.txt listing it.
      const available = {src: new Set([...runtime.map(distribution), 'boto3']), tests: new Set([...runtime, ...dev].map(distribution))}
      for (const folder of ['src', 'tests'] as const) {
        for (const file of pythonFiles(path.join(project.dir, folder))) {
          for (const module of importedModules(readFileSync(file, 'utf8'))) {
            if (stdlib.has(module) || local.has(module)) continue
            const needed = DISTRIBUTION_OF_MODULE[module]
            expect(needed, `${path.relative(workspace, file)} imports ${module}, which no known distribution provides`).toBeDefined()
            expect(available[folder].has(needed!), `${path.relative(workspace, file)} imports ${module} (${needed}), which ${project.pattern}-${project.iac} does not declare`).toBe(true)
          }
        }
      }
    }
  })

  it("passes every project's own pytest suite", async () => {
    const results = await pool(projects, 2, (project) => run(path.join(venvBin, 'python'), ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], {cwd: project.dir, env: {PYTHONDONTWRITEBYTECODE: '1'}}))
    projects.forEach((project, index) => {
      const result = results[index]!
      expect(result.code, `${project.pattern} ${project.iac}: ${tail(result.stdout + result.stderr)}`).toBe(0)
      expect(result.stdout, `${project.pattern} ${project.iac} has tests`).toMatch(/\b[1-9]\d* passed\b/)
    })
  }, 300_000)

  it('type-checks, synthesizes every CDK app (bundling with pip), then lints every project clean', async () => {
    const cdk = projects.filter((project) => project.iac === 'cdk')
    // One compiler run over the CDK apps (TypeScript, as in the TypeScript flavour): aws-cdk-lib's types load once.
    const base = JSON.parse(readFileSync(path.join(cdk[0]!.dir, 'tsconfig.json'), 'utf8'))
    writeFileSync(
      path.join(workspace, 'tsconfig.json'),
      JSON.stringify({compilerOptions: base.compilerOptions, include: cdk.flatMap((project) => ['bin', 'lib'].map((folder) => `${path.basename(project.dir)}/${folder}/**/*.ts`))}),
    )
    if (!existsSync(path.join(workspace, 'node_modules'))) symlinkSync(modules, path.join(workspace, 'node_modules'), 'dir')
    const typecheck = await run(process.execPath, [path.join(modules, 'typescript/bin/tsc'), '--noEmit', '-p', workspace], {cwd: workspace})
    expect(typecheck.code, tail(typecheck.stdout + typecheck.stderr)).toBe(0)

    // The virtual environment first on PATH: its python3 has pip, so the apps bundle without Docker.
    const env = synthEnv(modules, [venvBin])
    const synths = await pool(cdk, 2, (project) => run(process.execPath, [path.join(modules, 'aws-cdk/bin/cdk'), 'synth', '--quiet', '--no-notices'], {cwd: project.dir, env}))
    cdk.forEach((project, index) => {
      expect(synths[index]!.code, `${project.pattern} cdk synth: ${tail(synths[index]!.stderr)}`).toBe(0)
      // One asset for all functions of the stack: the handlers and Powertools installed next to them.
      const code = readdirSync(path.join(project.dir, 'cdk.out')).filter((name) => name.startsWith('asset.') && existsSync(path.join(project.dir, 'cdk.out', name, 'handlers')))
      expect(code, `${project.pattern} cdk: function code assets`).toHaveLength(1)
      expect(existsSync(path.join(project.dir, 'cdk.out', code[0]!, 'aws_lambda_powertools'))).toBe(true)
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

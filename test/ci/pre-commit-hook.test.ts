// The pre-commit hook (.pre-commit-hooks.yaml): the files it selects, and its entry run as pre-commit runs it (the installed `sls-eda` on PATH, the selected files appended) on failing and passing templates.
import {spawnSync} from 'node:child_process'
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

const root = path.resolve(import.meta.dirname, '../..')

interface Hook {
  id: string
  name: string
  entry: string
  language: string
  files: string
  pass_filenames?: boolean
  require_serial?: boolean
}

const hooks = parse(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[]
const hook = hooks.find((candidate) => candidate.id === 'sls-eda-lint')!
// pre-commit matches `files` with Python's re.search; this pattern uses nothing JavaScript reads differently.
const selects = (file: string): boolean => new RegExp(hook.files).test(file)

/** A repository as a commit would find it: templates that fail and pass, and YAML and JSON that are not templates. */
function repository(): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'sls-eda-pre-commit-')))
  const put = (file: string, content: string): void => {
    mkdirSync(path.dirname(path.join(dir, file)), {recursive: true})
    writeFileSync(path.join(dir, file), content)
  }
  mkdirSync(path.join(dir, 'services', 'orders'), {recursive: true})
  copyFileSync(path.join(root, 'examples', 'sam-orders', 'template.yaml'), path.join(dir, 'services', 'orders', 'template.yaml'))
  copyFileSync(path.join(root, 'examples', 'well-architected', 'template.yaml'), path.join(dir, 'template.yaml'))
  copyFileSync(path.join(root, 'examples', 'cfn-payments', 'template.json'), path.join(dir, 'payments.template.json'))
  put('.github/workflows/ci.yml', 'name: ci\non: push\njobs: {}\n')
  put('package.json', '{"name": "app"}\n')
  put('samconfig.yaml', 'version: 0.1\n')
  return dir
}

/** The hook's environment as pre-commit sets it up for `language: node`: the package's bin installed on PATH. */
function hookPath(): string {
  const bin = mkdtempSync(path.join(tmpdir(), 'sls-eda-pre-commit-bin-'))
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {bin: Record<string, string>}
  for (const [name, target] of Object.entries(manifest.bin)) symlinkSync(path.join(root, target), path.join(bin, name))
  return [bin, process.env.PATH ?? ''].join(path.delimiter)
}

/** What pre-commit runs: the entry split like a shell would (shlex), then the selected files, in the repository's root. */
function runHook(cwd: string, files: string[]) {
  const [command, ...args] = hook.entry.split(/\s+/)
  return spawnSync(command!, [...args, ...files.filter(selects)], {cwd, encoding: 'utf8', env: {...process.env, PATH: hookPath(), NO_COLOR: '1'}})
}

describe('.pre-commit-hooks.yaml', () => {
  it('defines a node hook whose entry is the package binary running lint', () => {
    expect(hook).toMatchObject({language: 'node', pass_filenames: true})
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {bin: Record<string, string>; scripts: Record<string, string>}
    const [command, subcommand] = hook.entry.split(/\s+/)
    expect(Object.keys(manifest.bin)).toContain(command)
    expect(subcommand).toBe('lint')
    // pre-commit installs node hooks from git, where dist/ is not committed: prepare builds it.
    expect(manifest.scripts.prepare).toBeDefined()
  })

  it('selects templates by name and leaves other YAML and JSON alone', () => {
    for (const file of ['template.yaml', 'template.yml', 'services/orders/template.yaml', 'payments.template.json', 'stacks/api-template.yml', 'legacy/app.template']) {
      expect(selects(file), file).toBe(true)
    }
    for (const file of ['.github/workflows/ci.yml', 'package.json', 'tsconfig.json', 'cdk.json', '.sls-eda.yml', 'samconfig.yaml', 'docs/templates/README.md', 'templates/readme.txt']) {
      expect(selects(file), file).toBe(false)
    }
  })

  it('fails the commit (exit code 1) when a staged template has errors, naming the file and the rule', () => {
    const repo = repository()
    const result = runHook(repo, ['services/orders/template.yaml', 'template.yaml', '.github/workflows/ci.yml', 'package.json'])
    expect(result.status, result.stderr).toBe(1)
    expect(result.stdout).toContain('services/orders/template.yaml')
    expect(result.stdout).toMatch(/error .* IAM002 /)
    // The workflow file and package.json were never passed, so nothing is unusable.
    expect(result.stdout).not.toContain('ci.yml')
  })

  it('passes (exit code 0) when the staged templates have no errors, warnings included', () => {
    const repo = repository()
    const result = runHook(repo, ['template.yaml', 'samconfig.yaml', 'package.json'])
    expect(result.status, result.stdout + result.stderr).toBe(0)
  })

  it.runIf(process.env.SLS_EDA_PRE_COMMIT === '1')(
    'runs under pre-commit itself: installed from this checkout (its HEAD commit) into its own environment, failing on errors and passing clean templates',
    () => {
      // Opt-in (about 4 minutes on a loaded 2-core machine): pre-commit from PyPI, the hook installed from git with npm.
      // Only committed work is tested: pre-commit clones the checkout at HEAD.
      const work = realpathSync(mkdtempSync(path.join(tmpdir(), 'sls-eda-pre-commit-real-')))
      const venv = path.join(work, 'venv')
      const python = (args: string[]) => spawnSync('python3', args, {cwd: work, encoding: 'utf8'})
      expect(python(['-m', 'venv', venv]).status).toBe(0)
      const pip = spawnSync(path.join(venv, 'bin', 'pip'), ['install', '--quiet', 'pre-commit>=3.2'], {encoding: 'utf8'})
      expect(pip.status, pip.stderr).toBe(0)
      const repo = repository()
      const git = (args: string[]) => spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], {cwd: repo, encoding: 'utf8'})
      // The hook as users configure it, at this checkout's HEAD: pre-commit installs it once and reuses it for both runs.
      const head = spawnSync('git', ['rev-parse', 'HEAD'], {cwd: root, encoding: 'utf8'}).stdout.trim()
      writeFileSync(path.join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${root}\n    rev: ${head}\n    hooks:\n      - id: ${hook.id}\n`)
      git(['init', '-q', '.'])
      git(['add', '-A'])
      git(['commit', '-qm', 'templates'])
      const env = {...process.env, PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'), NO_COLOR: '1'}
      const preCommit = (files: string[]) => spawnSync(path.join(venv, 'bin', 'pre-commit'), ['run', '--files', ...files], {cwd: repo, encoding: 'utf8', env, timeout: 900_000})
      const failing = preCommit(['services/orders/template.yaml', 'template.yaml', '.github/workflows/ci.yml'])
      expect(failing.status, failing.stdout + failing.stderr).toBe(1)
      expect(failing.stdout).toMatch(/sls-eda lint\.+Failed/)
      expect(failing.stdout).toContain('IAM002')
      const passing = preCommit(['template.yaml', 'package.json'])
      expect(passing.status, passing.stdout + passing.stderr).toBe(0)
      expect(passing.stdout).toMatch(/sls-eda lint\.+Passed/)
      // The hook's environment holds a whole npm install: do not leave it behind.
      rmSync(work, {recursive: true, force: true})
    },
    1_200_000,
  )
})

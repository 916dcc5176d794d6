// Child processes for the end-to-end tests: run a command and collect its output, a bounded pool, and a CDK synth environment with no AWS account.
import {spawn} from 'node:child_process'
import {tmpdir} from 'node:os'
import path from 'node:path'

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a command without a shell; resolves with its output whatever the exit code. */
export function run(command: string, args: string[], options: {cwd: string; env?: NodeJS.ProcessEnv}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {cwd: options.cwd, env: {...process.env, NO_COLOR: '1', ...options.env}})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', (error) => resolve({code: null, stdout, stderr: `${stderr}${error.message}`}))
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}

/** Runs `tasks` with at most `limit` at a time (the CI runners have two cores). */
export async function pool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index]!)
    }
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
  return results
}

export const tail = (text: string): string => text.split('\n').slice(-40).join('\n')

/** The environment of a CDK synth with no AWS account: fixed account and region, no credentials lookup, no notices or telemetry. */
export function synthEnv(modules: string, extraPath: string[] = []): NodeJS.ProcessEnv {
  return {
    PATH: [...extraPath, path.join(modules, '.bin'), process.env.PATH ?? ''].join(path.delimiter),
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_CONFIG_FILE: path.join(tmpdir(), 'sls-eda-no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(tmpdir(), 'sls-eda-no-aws-credentials'),
    CDK_DEFAULT_ACCOUNT: '123456789012',
    CDK_DEFAULT_REGION: 'eu-west-1',
    AWS_REGION: 'eu-west-1',
  }
}

export interface LintOutcome {
  code: number | null
  /** Findings at warning or above, one line each. */
  problems: string[]
  /** The project folders no linted file came from. */
  unlinted: string[]
}

/** Lints the project folders in one `sls-eda lint` run at warning level, as the generated projects' own lint script does. */
export async function lintProjects(bin: string, dirs: string[], cwd: string): Promise<LintOutcome> {
  const result = await run(process.execPath, [bin, 'lint', ...dirs, '--format', 'json', '--fail-level', 'warning'], {cwd})
  const report = JSON.parse(result.stdout) as {files: Array<{file: string; findings: Array<{ruleId: string; severity: string; message: string; resource?: {id: string}}>}>}
  const problems = report.files.flatMap((file) =>
    file.findings.filter((finding) => finding.severity !== 'info').map((finding) => `${file.file}: ${finding.ruleId} ${finding.resource?.id ?? ''} ${finding.message}`),
  )
  // Each project contributes its template (SAM) or its synthesized stack (CDK).
  const unlinted = dirs.filter((dir) => !report.files.some((file) => path.resolve(cwd, file.file).startsWith(`${dir}${path.sep}`)))
  return {code: result.code, problems, unlinted}
}

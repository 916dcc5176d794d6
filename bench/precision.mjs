#!/usr/bin/env node
// Precision benchmark: lints the real-world-shaped templates in bench/precision/ and counts findings per rule, and error findings the severity policy would not call errors.
// Usage: node bench/precision.mjs [--markdown]   (build first: npm run build). Exits 1 when a template gets an error it does not expect.
//
// Each template states the errors it deserves on a line `# expect-errors: SQS001, LMB002` (or `none`): real
// mistakes that CloudFormation rejects or that certainly lose data or expose something. Any other error
// finding is a false error by the policy in the README ("Severity is a promise").
import {spawnSync} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const corpus = path.join(root, 'bench/precision')
const {values} = parseArgs({options: {markdown: {type: 'boolean', default: false}}})

const expected = new Map()
for (const name of readdirSync(corpus).filter((file) => file.endsWith('.yaml'))) {
  const line = /^# expect-errors: (.*)$/m.exec(readFileSync(path.join(corpus, name), 'utf8'))?.[1]
  if (line === undefined) throw new Error(`${name}: no "# expect-errors:" line`)
  expected.set(name, new Set(line.trim() === 'none' ? [] : line.split(',').map((id) => id.trim())))
}

const run = spawnSync(process.execPath, [path.join(root, 'bin/run.js'), 'lint', '.', '--format', 'json'], {cwd: corpus, encoding: 'utf8', env: {...process.env, SLS_EDA_WORKERS: '0'}})
if (run.status !== 0 && run.status !== 1) throw new Error(`lint exited ${run.status}: ${run.stderr}`)
const report = JSON.parse(run.stdout)

const perRule = new Map()
const falseErrors = []
const missed = []
for (const file of report.files) {
  const name = path.basename(file.file)
  const wanted = expected.get(name) ?? new Set()
  const found = new Set()
  for (const finding of file.findings) {
    const counts = perRule.get(finding.ruleId) ?? {error: 0, warning: 0, info: 0}
    counts[finding.severity]++
    perRule.set(finding.ruleId, counts)
    if (finding.severity !== 'error') continue
    found.add(finding.ruleId)
    if (!wanted.has(finding.ruleId)) falseErrors.push(`${name}: ${finding.ruleId} ${finding.message}`)
  }
  for (const id of wanted) if (!found.has(id)) missed.push(`${name}: expected ${id}`)
}

const total = (severity) => [...perRule.values()].reduce((sum, counts) => sum + counts[severity], 0)
const lines = [
  `- corpus: ${expected.size} templates in bench/precision/ (${[...expected.values()].filter((set) => set.size === 0).length} that deserve no error)`,
  `- findings: ${total('error')} errors, ${total('warning')} warnings, ${total('info')} info`,
  `- **error findings the severity policy would not call errors: ${falseErrors.length}**; expected errors missed: ${missed.length}`,
  '',
  '| rule | error | warning | info |',
  '|---|---|---|---|',
  ...[...perRule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, counts]) => `| ${id} | ${counts.error} | ${counts.warning} | ${counts.info} |`),
]
console.log(lines.join('\n'))
for (const line of [...falseErrors, ...missed]) console.error(line)
if (!values.markdown && (falseErrors.length > 0 || missed.length > 0)) process.exitCode = 1

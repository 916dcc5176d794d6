#!/usr/bin/env node
// Lint benchmark: generates a seeded corpus of realistic SAM and CloudFormation templates and times whole `sls-eda lint` processes.
// Usage: node bench/lint.mjs [--templates 500] [--seed 42] [--runs 5] [--write]   (build first: npm run build)
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = path.join(root, 'bin/run.js')

const {values} = parseArgs({
  options: {
    templates: {type: 'string', default: '500'},
    seed: {type: 'string', default: '42'},
    runs: {type: 'string', default: '5'},
    write: {type: 'boolean', default: false},
  },
})
const TEMPLATES = Number(values.templates)
const SEED = Number(values.seed)
const RUNS = Number(values.runs)

/** mulberry32: small, fast and good enough to make the corpus identical on every machine. */
function prng(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = prng(SEED)
const chance = (p) => random() < p
const pick = (list) => list[Math.floor(random() * list.length)]

const RUNTIMES = ['nodejs22.x', 'nodejs20.x', 'python3.12', 'python3.13', 'java21', 'nodejs18.x']

/** One SAM "unit": a worker function fed by a queue (or topic, or schedule), with the usual half-done extras. */
function samUnit(n) {
  const lines = []
  const queue = `Jobs${n}`
  const dlq = chance(0.6) ? `Jobs${n}Dlq` : undefined
  lines.push(`  ${queue}:`, '    Type: AWS::SQS::Queue', '    Properties:', `      VisibilityTimeout: ${pick([30, 60, 180, 900])}`)
  if (dlq) lines.push('      RedrivePolicy:', `        deadLetterTargetArn: !GetAtt ${dlq}.Arn`, `        maxReceiveCount: ${pick([1, 3, 5, 10])}`)
  if (dlq) lines.push(`  ${dlq}:`, '    Type: AWS::SQS::Queue', '    Properties:', '      MessageRetentionPeriod: 1209600')
  if (dlq && chance(0.5)) {
    lines.push(
      `  ${dlq}Alarm:`,
      '    Type: AWS::CloudWatch::Alarm',
      '    Properties:',
      '      Namespace: AWS/SQS',
      '      MetricName: ApproximateNumberOfMessagesVisible',
      '      Dimensions:',
      '        - Name: QueueName',
      `          Value: !GetAtt ${dlq}.QueueName`,
      '      Statistic: Maximum',
      '      Period: 60',
      '      EvaluationPeriods: 1',
      '      Threshold: 1',
      '      ComparisonOperator: GreaterThanOrEqualToThreshold',
    )
  }
  const fn = `Worker${n}`
  lines.push(`  ${fn}:`, '    Type: AWS::Serverless::Function', '    Properties:', '      Handler: index.handler', `      CodeUri: src/worker${n}/`)
  if (chance(0.7)) lines.push(`      Runtime: ${pick(RUNTIMES)}`)
  if (chance(0.6)) lines.push(`      Timeout: ${pick([3, 10, 30, 60])}`, `      MemorySize: ${pick([128, 256, 512, 1024])}`)
  if (chance(0.5)) lines.push('      Tracing: Active')
  if (chance(0.3)) lines.push('      Environment:', '        Variables:', `          TABLE_NAME: !Ref Table${n}`, '          LOG_LEVEL: INFO')
  lines.push('      Policies:')
  if (chance(0.3)) lines.push('        - Statement:', '            - Effect: Allow', "              Action: 'dynamodb:*'", "              Resource: '*'")
  else lines.push(`        - DynamoDBCrudPolicy:`, `            TableName: !Ref Table${n}`)
  lines.push('      Events:', '        Jobs:', '          Type: SQS', '          Properties:', `            Queue: !GetAtt ${queue}.Arn`, `            BatchSize: ${pick([1, 10, 100])}`)
  if (chance(0.5)) lines.push('            FunctionResponseTypes: [ReportBatchItemFailures]')
  if (chance(0.3)) lines.push('        Nightly:', '          Type: Schedule', '          Properties:', "            Schedule: 'rate(1 day)'")
  lines.push(
    `  Table${n}:`,
    '    Type: AWS::DynamoDB::Table',
    '    Properties:',
    '      BillingMode: PAY_PER_REQUEST',
    '      AttributeDefinitions:',
    '        - AttributeName: pk',
    '          AttributeType: S',
    '      KeySchema:',
    '        - AttributeName: pk',
    '          KeyType: HASH',
  )
  if (chance(0.4)) lines.push('      PointInTimeRecoverySpecification:', '        PointInTimeRecoveryEnabled: true')
  if (chance(0.4)) {
    lines.push(
      `  Events${n}:`,
      '    Type: AWS::SNS::Topic',
      `  Notify${n}:`,
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: index.handler',
      `      CodeUri: src/notify${n}/`,
      `      Runtime: ${pick(RUNTIMES)}`,
      '      Events:',
      '        Topic:',
      '          Type: SNS',
      '          Properties:',
      `            Topic: !Ref Events${n}`,
    )
  }
  return lines
}

/** One raw CloudFormation "unit": a function, its role, log group, queue, mapping and maybe a rule and state machine. */
function cfnUnit(n) {
  const lines = []
  const role = `Role${n}`
  lines.push(
    `  ${role}:`,
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument:',
    "        Version: '2012-10-17'",
    '        Statement:',
    '          - Effect: Allow',
    '            Principal: {Service: lambda.amazonaws.com}',
    "            Action: 'sts:AssumeRole'",
    '      ManagedPolicyArns:',
    "        - 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'",
    '      Policies:',
    '        - PolicyName: work',
    '          PolicyDocument:',
    "            Version: '2012-10-17'",
    '            Statement:',
    '              - Effect: Allow',
    `                Action: ${chance(0.3) ? "'sqs:*'" : '[sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes]'}`,
    `                Resource: ${chance(0.3) ? "'*'" : `!GetAtt Queue${n}.Arn`}`,
  )
  lines.push(`  Queue${n}:`, '    Type: AWS::SQS::Queue', '    Properties:', `      VisibilityTimeout: ${pick([30, 120, 360])}`)
  if (chance(0.5)) lines.push('      RedrivePolicy:', `        deadLetterTargetArn: !GetAtt Queue${n}Dlq.Arn`, '        maxReceiveCount: 5', `  Queue${n}Dlq:`, '    Type: AWS::SQS::Queue')
  lines.push(
    `  Function${n}:`,
    '    Type: AWS::Lambda::Function',
    '    Properties:',
    `      Runtime: ${pick(RUNTIMES)}`,
    '      Handler: index.handler',
    `      Role: !GetAtt ${role}.Arn`,
    `      Timeout: ${pick([10, 30, 60])}`,
    '      Code:',
    "        ZipFile: 'exports.handler = async () => {}'",
  )
  if (chance(0.5)) lines.push('      TracingConfig:', '        Mode: Active')
  if (chance(0.5)) lines.push(`  Function${n}Logs:`, '    Type: AWS::Logs::LogGroup', '    Properties:', `      LogGroupName: !Sub '/aws/lambda/\${Function${n}}'`, `      RetentionInDays: ${pick([7, 30, 90])}`)
  lines.push(
    `  Mapping${n}:`,
    '    Type: AWS::Lambda::EventSourceMapping',
    '    Properties:',
    `      EventSourceArn: !GetAtt Queue${n}.Arn`,
    `      FunctionName: !Ref Function${n}`,
    `      BatchSize: ${pick([1, 10])}`,
  )
  if (chance(0.3)) {
    lines.push(
      `  Rule${n}:`,
      '    Type: AWS::Events::Rule',
      '    Properties:',
      "      EventPattern: {source: ['orders']}",
      '      Targets:',
      `        - Id: fn`,
      `          Arn: !GetAtt Function${n}.Arn`,
      `  Permission${n}:`,
      '    Type: AWS::Lambda::Permission',
      '    Properties:',
      '      Action: lambda:InvokeFunction',
      `      FunctionName: !Ref Function${n}`,
      '      Principal: events.amazonaws.com',
      `      SourceArn: !GetAtt Rule${n}.Arn`,
    )
  }
  if (chance(0.2)) {
    lines.push(
      `  Flow${n}:`,
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      `      RoleArn: !GetAtt ${role}.Arn`,
      '      Definition:',
      '        StartAt: Work',
      '        States:',
      '          Work:',
      '            Type: Task',
      "            Resource: 'arn:aws:states:::lambda:invoke'",
      '            Parameters:',
      `              FunctionName: !GetAtt Function${n}.Arn`,
      '            End: true',
    )
  }
  return lines
}

/**
 * A template of roughly `target` resources (5–200), SAM or raw CloudFormation. Sizes are
 * log-uniform, as in real repositories: many small stacks, a few large ones (mean ≈ 55).
 */
function template(index) {
  const sam = index % 2 === 0
  const target = Math.round(5 * Math.exp(random() * Math.log(200 / 5)))
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'"]
  if (sam) lines.push('Transform: AWS::Serverless-2016-10-31', 'Globals:', '  Function:', '    Architectures: [arm64]', '    Runtime: nodejs22.x')
  lines.push(`Description: Benchmark service ${index}`, 'Resources:')
  let resources = 0
  let n = 0
  while (resources < target) {
    const unit = sam ? samUnit(n) : cfnUnit(n)
    // Resources are the lines indented by exactly two spaces.
    resources += unit.filter((line) => /^ {2}\S/.test(line)).length
    lines.push(...unit)
    n++
  }
  return {text: lines.join('\n') + '\n', resources, sam}
}

function generate(dir) {
  rmSync(dir, {recursive: true, force: true})
  const stats = {templates: 0, resources: 0, sam: 0, bytes: 0}
  for (let i = 0; i < TEMPLATES; i++) {
    const {text, resources, sam} = template(i)
    const folder = path.join(dir, `service-${String(i).padStart(3, '0')}`)
    mkdirSync(folder, {recursive: true})
    writeFileSync(path.join(folder, 'template.yaml'), text)
    stats.templates++
    stats.resources += resources
    stats.bytes += text.length
    if (sam) stats.sam++
  }
  return stats
}

const GNU_TIME = ['/usr/bin/time'].find((candidate) => spawnSync(candidate, ['-f', '%U', 'true']).status === 0)
const CPU_FILE = path.join(os.tmpdir(), 'sls-eda-bench-cpu.txt')

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Wall time of whole processes, as CI sees them; output goes to a file so terminal speed does not count. */
function time(args, runs) {
  const sink = path.join(os.tmpdir(), 'sls-eda-bench-output.json')
  const samples = []
  const cpu = []
  let status
  for (let i = 0; i < runs + 1; i++) {
    const started = process.hrtime.bigint()
    const command = [process.execPath, bin, ...args, '--format', 'json', '--output', sink]
    // GNU time also reports CPU seconds, which other load on the machine inflates far less than wall time.
    const result = GNU_TIME ? spawnSync(GNU_TIME, ['-f', '%U %S', '-o', CPU_FILE, ...command], {encoding: 'utf8'}) : spawnSync(command[0], command.slice(1), {encoding: 'utf8'})
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    if (GNU_TIME && i > 0) {
      const [user, system] = readFileSync(CPU_FILE, 'utf8').trim().split(/\s+/).slice(-2).map(Number)
      cpu.push(user + system)
    }
    status = result.status
    if (result.status !== 0 && result.status !== 1) throw new Error(`sls-eda lint exited ${result.status}: ${result.stderr}`)
    // The first run warms the file-system cache and is not counted.
    if (i > 0) samples.push(seconds)
  }
  const report = JSON.parse(readFileSync(sink, 'utf8'))
  return {median: median(samples), min: Math.min(...samples), max: Math.max(...samples), cpu: cpu.length > 0 ? median(cpu) : undefined, runs, status, summary: report.summary}
}

/** A CI re-run with `--cache`: the cache holds the whole corpus, and one template changed since (a comment added). */
function cachedRerun(runs) {
  const cache = path.join(os.tmpdir(), `sls-eda-bench-cache-${SEED}-${TEMPLATES}`)
  rmSync(cache, {recursive: true, force: true})
  const original = readFileSync(single, 'utf8')
  const samples = []
  const cpu = []
  try {
    spawnSync(process.execPath, [bin, 'lint', corpus, '--cache', '--cache-location', cache, '--format', 'json', '--output', path.join(os.tmpdir(), 'sls-eda-bench-output.json')])
    for (let i = 0; i < runs; i++) {
      writeFileSync(single, `${original}# edited ${i}\n`)
      const command = [process.execPath, bin, 'lint', corpus, '--cache', '--cache-location', cache, '--format', 'json', '--output', path.join(os.tmpdir(), 'sls-eda-bench-output.json')]
      const started = process.hrtime.bigint()
      const result = GNU_TIME ? spawnSync(GNU_TIME, ['-f', '%U %S', '-o', CPU_FILE, ...command], {encoding: 'utf8'}) : spawnSync(command[0], command.slice(1), {encoding: 'utf8'})
      samples.push(Number(process.hrtime.bigint() - started) / 1e9)
      if (result.status !== 0 && result.status !== 1) throw new Error(`sls-eda lint --cache exited ${result.status}: ${result.stderr}`)
      if (GNU_TIME)
        cpu.push(
          readFileSync(CPU_FILE, 'utf8')
            .trim()
            .split(/\s+/)
            .slice(-2)
            .map(Number)
            .reduce((a, b) => a + b, 0),
        )
    }
  } finally {
    writeFileSync(single, original)
  }
  return {
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    cpu: cpu.length > 0 ? median(cpu) : undefined,
    runs,
    bytes: readdirSync(cache).reduce((total, name) => total + statSync(path.join(cache, name)).size, 0),
  }
}

function hyperfine(args, runs) {
  try {
    execFileSync('hyperfine', ['--version'], {stdio: 'ignore'})
  } catch {
    return undefined
  }
  const out = path.join(os.tmpdir(), 'sls-eda-hyperfine.json')
  const command = [process.execPath, bin, ...args, '--format', 'json', '--output', path.join(os.tmpdir(), 'sls-eda-bench-output.json')].map((part) => `'${part}'`).join(' ')
  execFileSync('hyperfine', ['--warmup', '1', '--runs', String(runs), '-i', '--export-json', out, command], {stdio: 'ignore'})
  const result = JSON.parse(readFileSync(out, 'utf8')).results[0]
  return {median: result.median, min: result.min, max: result.max, runs}
}

function machine() {
  const cpus = os.cpus()
  let nproc = String(cpus.length)
  try {
    nproc = execFileSync('nproc', {encoding: 'utf8'}).trim()
  } catch {
    // nproc is GNU coreutils; os.cpus() is close enough elsewhere.
  }
  return {
    nproc,
    cpu: cpus[0]?.model ?? 'unknown',
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    load: os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' '),
  }
}

// The fast path uses its bundle only when it is newer than dist/; rebuild it so the bundled start-up is what gets measured.
execFileSync(process.execPath, [path.join(root, 'scripts/bundle-lint.mjs')], {stdio: 'inherit'})

const corpus = path.join(os.tmpdir(), `sls-eda-bench-${SEED}-${TEMPLATES}`)
const stats = generate(corpus)
const single = path.join(corpus, 'service-000/template.yaml')
const rules = JSON.parse(execFileSync(process.execPath, [bin, 'rules', '--json'], {encoding: 'utf8'})).length
const timer = hyperfine([], 1) === undefined ? 'own timer (median of runs after one warm-up)' : 'hyperfine'
const measure = (args, runs) => (timer === 'hyperfine' ? hyperfine(args, runs) : time(args, runs))
const singleResult = measure(['lint', single], RUNS * 2)
const corpusResult = measure(['lint', corpus], RUNS)
const corpusReport = time(['lint', corpus], 0).summary
const cachedResult = cachedRerun(RUNS)
const host = machine()

const fmt = (seconds) => `${seconds.toFixed(3)} s`
const lines = [
  `- corpus: ${stats.templates} templates (${stats.sam} SAM, ${stats.templates - stats.sam} CloudFormation), ${stats.resources} resources as written, ${(stats.bytes / 1024 / 1024).toFixed(1)} MB, seed ${SEED}`,
  `- catalogue: ${rules} rules (recommended preset)`,
  `- findings on the corpus: ${corpusReport.errors} errors, ${corpusReport.warnings} warnings, ${corpusReport.infos} info`,
  `- single template (${path.relative(corpus, single)}): median ${fmt(singleResult.median)} wall (min ${fmt(singleResult.min)}, max ${fmt(singleResult.max)}, ${singleResult.runs} runs)${singleResult.cpu === undefined ? '' : `, ${fmt(singleResult.cpu)} CPU`}`,
  `- whole corpus: median ${fmt(corpusResult.median)} wall (min ${fmt(corpusResult.min)}, max ${fmt(corpusResult.max)}, ${corpusResult.runs} runs)${corpusResult.cpu === undefined ? '' : `, ${fmt(corpusResult.cpu)} CPU`}`,
  `- whole corpus again with \`--cache\`, one template changed since the cached run: median ${fmt(cachedResult.median)} wall (min ${fmt(cachedResult.min)}, max ${fmt(cachedResult.max)}, ${cachedResult.runs} runs)${cachedResult.cpu === undefined ? '' : `, ${fmt(cachedResult.cpu)} CPU`}; cache ${(cachedResult.bytes / 1024 / 1024).toFixed(1)} MB`,
  `- timer: ${timer}`,
  `- machine: ${host.nproc} cores (nproc), ${host.cpu}, ${host.memory}, Node.js ${host.node}, ${host.os}; load average at the end ${host.load}`,
]
console.log(lines.join('\n'))

if (values.write) {
  const file = path.join(root, 'bench/RESULTS.md')
  const date = new Date().toISOString().slice(0, 10)
  const entry = `\n## ${date}\n\n${lines.join('\n')}\n`
  let current = ''
  try {
    current = readFileSync(file, 'utf8')
  } catch {
    current = '# Lint benchmark results\n\nRecorded by `node bench/lint.mjs --write` (after `npm run build`). Targets on 2 cores: one template < 0.4 s wall, 500 templates < 3 s.\n'
  }
  writeFileSync(file, current.trimEnd() + '\n' + entry)
  console.log(`appended to ${path.relative(root, file)}`)
}

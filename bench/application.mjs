#!/usr/bin/env node
// Application linking benchmark: generates an application of N stacks that export, import, share SSM parameters and names, and times linking them into one graph.
// Usage: node bench/application.mjs [--stacks 50] [--runs 5]   (build first: npm run build)
import {spawnSync} from 'node:child_process'
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const {values} = parseArgs({options: {stacks: {type: 'string', default: '50'}, runs: {type: 'string', default: '5'}}})
const STACKS = Number(values.stacks)
const RUNS = Number(values.runs)

/** A stack of queues (each with a DLQ and an export), SSM parameters, and workers fed from queues of the previous stack. */
function stack(index) {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Transform: AWS::Serverless-2016-10-31', 'Parameters:', '  Env:', '    Type: String', '    Default: prod', 'Resources:']
  const outputs = ['Outputs:']
  for (let q = 0; q < 4; q++) {
    const name = `Queue${q}`
    lines.push(
      `  ${name}:`,
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      `      QueueName: !Sub \${Env}-s${index}-q${q}`,
      '      VisibilityTimeout: 60',
      '      RedrivePolicy:',
      `        deadLetterTargetArn: !GetAtt ${name}Dlq.Arn`,
      '        maxReceiveCount: 5',
      `  ${name}Dlq:`,
      '    Type: AWS::SQS::Queue',
      `  ${name}Param:`,
      '    Type: AWS::SSM::Parameter',
      '    Properties:',
      `      Name: /app/s${index}/q${q}`,
      '      Type: String',
      `      Value: !GetAtt ${name}.Arn`,
    )
    outputs.push(`  ${name}Arn:`, `    Value: !GetAtt ${name}.Arn`, '    Export:', `      Name: !Sub \${Env}-s${index}-q${q}-arn`)
    outputs.push(`  ${name}DlqName:`, `    Value: !GetAtt ${name}Dlq.QueueName`, '    Export:', `      Name: !Sub \${Env}-s${index}-q${q}-dlq`)
  }
  if (index > 0) {
    for (let w = 0; w < 4; w++) {
      lines.push(
        `  Worker${w}:`,
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Runtime: nodejs22.x',
        '      Handler: index.handler',
        '      CodeUri: src/',
        `      Timeout: ${[5, 10, 20, 30][w]}`,
        '      Events:',
        '        Jobs:',
        '          Type: SQS',
        '          Properties:',
        '            Queue: !ImportValue',
        `              Fn::Sub: \${Env}-s${index - 1}-q${w}-arn`,
        `  Worker${w}DlqAlarm:`,
        '    Type: AWS::CloudWatch::Alarm',
        '    Properties:',
        '      Namespace: AWS/SQS',
        '      MetricName: ApproximateNumberOfMessagesVisible',
        '      Dimensions:',
        '        - Name: QueueName',
        '          Value: !ImportValue',
        `            Fn::Sub: \${Env}-s${index - 1}-q${w}-dlq`,
        '      Statistic: Maximum',
        '      Period: 60',
        '      EvaluationPeriods: 1',
        '      Threshold: 0',
        '      ComparisonOperator: GreaterThanThreshold',
      )
    }
    lines.push('  Reader:', '    Type: AWS::Lambda::EventSourceMapping', '    Properties:', '      FunctionName: !Ref Worker0', `      EventSourceArn: '{{resolve:ssm:/app/s${index - 1}/q3}}'`)
  }
  return [...lines, ...outputs].join('\n') + '\n'
}

const dir = path.join(os.tmpdir(), `sls-eda-bench-application-${STACKS}`)
rmSync(dir, {recursive: true, force: true})
mkdirSync(dir, {recursive: true})
for (let i = 0; i < STACKS; i++) writeFileSync(path.join(dir, `stack-${String(i).padStart(3, '0')}.yaml`), stack(i))

const {loadMembers, applications} = await import(path.join(root, 'dist/lint/application.js'))
const {stackNames} = await import(path.join(root, 'dist/lint/groups.js'))
const {buildApplicationGraph} = await import(path.join(root, 'dist/model/application.js'))

const files = Array.from({length: STACKS}, (_, i) => path.join(dir, `stack-${String(i).padStart(3, '0')}.yaml`))
const names = stackNames(files)
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]
const load = []
const link = []
let nodes = 0
let edges = 0
let groups = 0
for (let run = 0; run < RUNS + 1; run++) {
  let started = performance.now()
  const {members, failed} = loadMembers(files.map((file, i) => ({file, name: names[i], explicit: true})))
  if (failed.length > 0) throw new Error(failed.map((result) => result.findings[0].message).join('\n'))
  const loaded = performance.now() - started
  started = performance.now()
  const found = applications(members, {names: false})
  const graphs = found.map((application) => buildApplicationGraph(application).graph)
  const linked = performance.now() - started
  if (run === 0) continue
  load.push(loaded)
  link.push(linked)
  groups = found.length
  nodes = graphs.reduce((sum, graph) => sum + graph.nodes.length, 0)
  edges = graphs.reduce((sum, graph) => sum + graph.edges.length, 0)
}
console.log(`${STACKS} stacks → ${groups} application(s), ${nodes} nodes, ${edges} edges (median of ${RUNS} runs, one warm-up)`)
console.log(`  load (parse, expand, one graph per template): ${median(load).toFixed(0)} ms`)
console.log(`  link (keys, applications, one linked graph):  ${median(link).toFixed(0)} ms`)

const lintRuns = []
for (let run = 0; run < Math.min(RUNS, 3); run++) {
  const started = performance.now()
  const result = spawnSync(process.execPath, [path.join(root, 'bin/run.js'), 'lint', dir, '--format', 'json', '--output', path.join(os.tmpdir(), 'sls-eda-bench-application.json')], {encoding: 'utf8'})
  if (result.status !== 0 && result.status !== 1) throw new Error(result.stderr)
  lintRuns.push(performance.now() - started)
}
console.log(`  whole \`sls-eda lint\` of the folder:           ${median(lintRuns).toFixed(0)} ms`)

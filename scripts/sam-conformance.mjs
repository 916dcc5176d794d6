// Measures how closely our SAM expansion matches SAM's own translator, using the translator's test suite as the oracle.
//
// Usage (after `npm run build`): node scripts/sam-conformance.mjs <path of a SAM checkout> [--verbose] [--json] [--no-lint]
//
// For every valid input of tests/translator/input (one whose expected output in tests/translator/output, the aws
// partition, is a template rather than an error document), the Transform line is added where missing, the template is
// expanded by the same code lint uses (dist/model/template.js), and the set of (logical id, type) pairs is compared with
// SAM's. Where SAM's output is something the rules read (roles and their policies, permissions, event source mappings,
// invoke configs, deployment groups and their alarms, log groups), the properties are compared too. Finally our real
// lint runs on the same inputs and every schema-validation finding (TPL*) at warning or above is counted, except the
// documented ones below where SAM's own expected output carries the same defect.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31'

/** What SAM's expected output carries, by rule: the reason an exception is one. */
const EXCEPTION_REASONS = {
  TPL001: (type) => `SAM's output declares a resource of type ${type} too`,
  TPL004: (path) => `SAM's output leaves ${path.replace('.', ' without ').replaceAll('|', ' or ')} too`,
  TPL006: (name) => `SAM's output refers to ${name} too, and defines no such resource, parameter or condition`,
}

/**
 * TPL findings that are true of SAM's own expected output as well: the input carries the defect and SAM passes it
 * through unchanged, so CloudFormation would reject SAM's output too. Each entry names the input, the rule and the
 * subject of the finding (the name a Ref points at, the unknown type, `Resource.Property` for a missing required
 * property); the script checks SAM's expected output still carries the defect before it excuses a finding.
 */
const EXCEPTIONS = [
  ['api_http_with_default_iam_authorizer.yaml', 'TPL006', 'StageName'],
  ['api_http_with_default_iam_authorizer.yaml', 'TPL006', 'UserPoolClient'],
  ['api_http_with_default_iam_authorizer.yaml', 'TPL006', 'UserPoolClientApp'],
  ['api_http_with_default_iam_authorizer.yaml', 'TPL006', 'UserPool'],
  ['api_with_any_method_in_swagger.yaml', 'TPL006', 'Stage'],
  ['api_with_custom_base_path.yaml', 'TPL006', 'HostedZoneId'],
  ['congito_userpool_with_sms_configuration.yaml', 'TPL006', 'UserPoolRole'],
  ['congito_userpool_with_sms_configuration.yaml', 'TPL006', 'ExternalId'],
  ['connector_bucket_to_function.yaml', 'TPL006', 'InvokedFunction'],
  ['connector_dependson_replace.yaml', 'TPL004', 'SomeFunction.Code'],
  ['connector_dependson_replace.yaml', 'TPL006', 'SomeRole'],
  ['connector_dependson_replace.yaml', 'TPL004', 'SomeTable.KeySchema'],
  ['connector_dependson_replace.yaml', 'TPL001', 'AWS::Foo::Bar'],
  ['connector_dependson_replace.yaml', 'TPL006', 'Foo'],
  ['connector_dependson_replace.yaml', 'TPL006', 'Egg'],
  ['connector_dependson_replace.yaml', 'TPL006', 'Bar'],
  ['connector_esm_dependson.yaml', 'TPL004', 'MyFunction.Code'],
  ['connector_esm_dependson.yaml', 'TPL006', 'SomeRole'],
  ['connector_esm_dependson.yaml', 'TPL004', 'MyTable.KeySchema'],
  ['connector_esm_dependson.yaml', 'TPL006', 'SomeDep'],
  ['connector_esm_dependson.yaml', 'TPL006', 'SomeOtherDep'],
  ['connector_function_to_sqs.yaml', 'TPL006', 'MyTable'],
  ['connector_hardcoded_lambda_arn.yaml', 'TPL006', 'SomeLambda'],
  ['connector_hardcoded_props.yaml', 'TPL004', 'MyFunction.Code'],
  ['connector_hardcoded_props.yaml', 'TPL004', 'MyFunction.Role'],
  ['connector_hardcoded_props.yaml', 'TPL004', 'MySfn.RoleArn'],
  ['connector_hardcoded_props.yaml', 'TPL006', 'Egg'],
  ['connector_hardcoded_props.yaml', 'TPL006', 'Foo'],
  ['connector_hardcoded_props.yaml', 'TPL006', 'Bar'],
  ['connector_rule_to_sfn.yaml', 'TPL006', 'StateMachineFunction'],
  ['connector_rule_to_sns.yaml', 'TPL006', 'StateMachine'],
  ['connector_sfn_to_function.yaml', 'TPL006', 'StateMachineFunction'],
  ['connector_sns_to_function.yaml', 'TPL006', 'MyTable'],
  ['function_with_event_filtering.yaml', 'TPL004', 'DynamoDBTable.KeySchema'],
  ['http_api_existing_openapi.yaml', 'TPL006', 'DifferentFunction'],
  ['http_api_existing_openapi_conditions.yaml', 'TPL006', 'DifferentFunction'],
  ['layers_with_intrinsics.yaml', 'TPL006', 'LayerRuntimeString'],
  ['schema_validation_1.yaml', 'TPL006', 'StackTagName'],
  ['schema_validation_1.yaml', 'TPL006', 'EnvironmentTagName'],
  ['schema_validation_3.yaml', 'TPL001', 'AWS::Foo::Bar'],
  ['schema_validation_3.yaml', 'TPL001', 'Foo::Bar::Egg'],
  ['schema_validation_3.yaml', 'TPL001', 'Foo::Serverless::Egg'],
  ['state_machine_with_event_schedule_state.yaml', 'TPL006', 'ScheduleState'],
  ['state_machine_with_schedule.yaml', 'TPL006', 'ScheduleState'],
  ['state_machine_with_schedule.yaml', 'TPL006', 'KMSKeyArn'],
  ['unsupported_resources.yaml', 'TPL001', 'AWS::Other::ABCD'],
  // Checked by hand: SAM copies these properties, as written, onto the CloudFormation resources it generates.
  ['api_with_canary_setting.yaml', 'TPL002', 'StageVariablesOverrides', "SAM's output copies the misspelt StageVariablesOverrides into the stage's CanarySetting too"],
  ['basic_function_withimageuri.yaml', 'TPL003', 'Command', "SAM's output sets ImageConfig.Command to a string too"],
  ['basic_function_withimageuri.yaml', 'TPL003', 'EntryPoint', "SAM's output sets ImageConfig.EntryPoint to a string too"],
  ['function_with_resource_refs.yaml', 'TPL002', 'Name', "SAM's output gives the AWS::S3::Bucket a Name property too"],
  // Requirements between properties (src/schema/requirements.ts): the same skeleton resources, passed through unchanged.
  ['connector_appsync_to_table.yaml', 'TPL004', 'NotesTable.ProvisionedThroughput'],
  ['connector_dependson_replace.yaml', 'TPL004', 'SomeTable.ProvisionedThroughput'],
  ['connector_dependson_replace.yaml', 'TPL004', 'SomeRule.EventPattern|ScheduleExpression'],
  ['connector_esm_dependson.yaml', 'TPL004', 'MyTable.ProvisionedThroughput'],
  ['connector_hardcoded_props.yaml', 'TPL004', 'MyRule.EventPattern|ScheduleExpression'],
  ['connector_hardcoded_props.yaml', 'TPL004', 'MySfn.Definition|DefinitionString|DefinitionS3Location'],
  ['function_with_event_filtering.yaml', 'TPL004', 'DynamoDBTable.ProvisionedThroughput'],
  // Values SAM copies as written that CloudFormation's schema (and the service's API) refuse: the enums are case-sensitive.
  [
    'function_with_event_schedule_state.yaml',
    'TPL010',
    'State',
    'SAM\'s output gives the AWS::Events::Rule State "Enabled" too; the schema allows only DISABLED, ENABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
  ],
  [
    'state_machine_with_event_schedule_state.yaml',
    'TPL010',
    'State',
    'SAM\'s output gives the AWS::Events::Rule State "Enabled" too; the schema allows only DISABLED, ENABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
  ],
  ['function_with_recursive_loop.yaml', 'TPL010', 'RecursiveLoop', 'SAM\'s output gives the AWS::Lambda::Function RecursiveLoop "TERMINATE" too; the schema and Lambda\'s API allow only Allow and Terminate'],
  [
    'globals_for_function.yaml',
    'TPL010',
    'RecursiveLoop',
    'SAM\'s output gives the AWS::Lambda::Function RecursiveLoop "ALLOW" and "TERMINATE" too; the schema and Lambda\'s API allow only Allow and Terminate',
  ],
  ['layers_with_intrinsics.yaml', 'TPL010', 'CompatibleRuntimes', 'SAM\'s output lists the runtime "SomeRuntimeNameString" too; Lambda\'s PublishLayerVersion accepts only its runtime identifiers'],
].map(([file, rule, subject, reason]) => ({file, rule, subject, reason: reason ?? EXCEPTION_REASONS[rule](subject)}))

/** The subject a finding is about, as EXCEPTIONS names it. */
function subjectOf(finding) {
  const data = finding.data ?? {}
  if (finding.ruleId === 'TPL006') return data.target
  if (finding.ruleId === 'TPL001') return data.type
  // One of several properties (an EventBridge rule's EventPattern or ScheduleExpression) is named by all of them.
  if (finding.ruleId === 'TPL004') return `${data.resource}.${data.properties ? data.properties.split(', ').join('|') : data.property}`
  return data.property
}

/** True when some mapping under `node` sets `property` to `value`, or to a list holding it. */
function carriesValue(node, property, value) {
  if (Array.isArray(node)) return node.some((item) => carriesValue(item, property, value))
  if (!node || typeof node !== 'object') return false
  return Object.entries(node).some(([key, child]) => (key === property && (child === value || (Array.isArray(child) && child.includes(value)))) || carriesValue(child, property, value))
}

/** True when SAM's expected output has the defect the finding reports, so CloudFormation would reject it there too. */
function samCarries(finding, expected) {
  const data = finding.data ?? {}
  const resources = expected.Resources ?? {}
  if (finding.ruleId === 'TPL006') {
    const name = String(data.target ?? '').split('.')[0]
    // Metadata is not CloudFormation's to resolve (SAM records connector names there).
    const text = JSON.stringify([Object.values(resources).map((resource) => ({...resource, Metadata: undefined})), expected.Outputs, expected.Conditions])
    // SAM rewrites some references (a DependsOn naming a connector becomes the connector's policies): the name must survive into its output.
    const mentioned = [`"${name}"`, `"${name}.`, `\${${name}}`, `\${${name}.`].some((form) => text.includes(form))
    return mentioned && !(name in resources) && !(name in (expected.Parameters ?? {})) && !(name in (expected.Conditions ?? {})) && !name.startsWith('AWS::')
  }
  if (finding.ruleId === 'TPL001') return Object.values(resources).some((resource) => resource.Type === data.type)
  if (finding.ruleId === 'TPL004') {
    const resource = resources[data.resource]
    const missing = data.properties ? data.properties.split(', ') : [data.property]
    return resource?.Type === data.type && missing.every((name) => !(name in (resource.Properties ?? {})))
  }
  // A property SAM copies as written (the exceptions checked by hand): it must still be there in SAM's output.
  if (finding.ruleId === 'TPL002' || finding.ruleId === 'TPL003') return JSON.stringify(resources).includes(`"${data.property}":`)
  // A refused value: some resource of SAM's output must still set that property to it (or list it).
  if (finding.ruleId === 'TPL010') return Object.values(resources).some((resource) => carriesValue(resource.Properties, String(data.property).split('.').pop(), data.value))
  return false
}

const args = process.argv.slice(2)
const samRoot = args.find((arg) => !arg.startsWith('--'))
const verbose = args.includes('--verbose')
const asJson = args.includes('--json')
const runLint = !args.includes('--no-lint')
/** Prints EXCEPTIONS entries for findings SAM's output carries that the list lacks, for review before they are added. */
const listCandidates = args.includes('--candidates')
if (!samRoot) {
  process.stderr.write('usage: node scripts/sam-conformance.mjs <path of a SAM checkout> [--verbose] [--json] [--no-lint]\n')
  process.exit(2)
}
const inputDir = path.join(samRoot, 'tests/translator/input')
const outputDir = path.join(samRoot, 'tests/translator/output')
if (!existsSync(inputDir) || !existsSync(outputDir)) {
  process.stderr.write(`${samRoot} has no tests/translator/input and output: not a SAM checkout\n`)
  process.exit(2)
}
const dist = path.join(root, 'dist/model/template.js')
if (!existsSync(dist)) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n')
  process.exit(2)
}
const {parseTemplateText} = await import(path.join(root, 'dist/model/parse.js'))
const {buildTemplateGraph} = await import(dist)

/** The input's text with SAM's Transform line added when it has none (SAM's test harness applies the transform regardless). */
function withTransform(text) {
  return /^Transform\s*:/m.test(text) ? text : `${text.replace(/\s*$/, '')}\nTransform: ${SAM_TRANSFORM}\n`
}

/** The valid inputs: those whose expected output is a template, not an error document. */
function validCases() {
  const cases = []
  for (const name of readdirSync(inputDir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()) {
    const expectedFile = path.join(outputDir, name.replace(/\.yaml$/, '.json'))
    if (!existsSync(expectedFile)) continue
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8'))
    if (!expected.Resources || 'errorMessage' in expected) continue
    cases.push({name, text: withTransform(readFileSync(path.join(inputDir, name), 'utf8')), expected: expected.Resources, template: expected})
  }
  return cases
}

/** Resource types whose generated properties the rules read, and the properties compared for each. */
const PROPERTY_TYPES = {
  'AWS::IAM::Role': ['AssumeRolePolicyDocument', 'ManagedPolicyArns', 'Policies', 'PermissionsBoundary', 'Path'],
  'AWS::Lambda::Permission': ['Action', 'FunctionName', 'Principal', 'SourceArn', 'SourceAccount', 'FunctionUrlAuthType'],
  'AWS::Lambda::EventSourceMapping': null,
  'AWS::Lambda::EventInvokeConfig': null,
  'AWS::CodeDeploy::DeploymentGroup': ['AlarmConfiguration', 'AutoRollbackConfiguration', 'DeploymentConfigName', 'DeploymentStyle', 'ServiceRoleArn'],
  'AWS::Logs::LogGroup': null,
}
/** Lists whose order carries no meaning, compared as sets. */
const UNORDERED = new Set(['ManagedPolicyArns', 'Tags'])

/** A value in one canonical form: `Fn::GetAtt` as a list, mappings with sorted keys, unordered lists sorted. */
function canonical(value, key) {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item))
    return UNORDERED.has(key)
      ? items
          .map((item) => JSON.stringify(item))
          .sort()
          .map((item) => JSON.parse(item))
      : items
  }
  if (value && typeof value === 'object') {
    if (Object.keys(value).length === 1 && typeof value['Fn::GetAtt'] === 'string') {
      const text = value['Fn::GetAtt']
      const dot = text.indexOf('.')
      return {'Fn::GetAtt': [text.slice(0, dot), text.slice(dot + 1)]}
    }
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((child) => [child, canonical(value[child], child)]),
    )
  }
  return value
}

/** Property names whose values differ between our resource and SAM's. */
function propertyDifferences(type, ours, theirs) {
  const names = PROPERTY_TYPES[type] ?? [...new Set([...Object.keys(ours ?? {}), ...Object.keys(theirs ?? {})])]
  return names.filter((name) => JSON.stringify(canonical(ours?.[name], name)) !== JSON.stringify(canonical(theirs?.[name], name)))
}

function compare(testCase) {
  let graph
  try {
    graph = buildTemplateGraph(parseTemplateText(testCase.name, testCase.text))
  } catch (error) {
    return {name: testCase.name, failure: `${error.name}: ${error.message}`, missing: [], extra: [], produced: 0, expected: Object.keys(testCase.expected).length, ours: 0, properties: []}
  }
  const ours = new Map(graph.nodes.map((node) => [`${node.id} ${node.type}`, node]))
  const typeName = (type) => (typeof type === 'string' ? type : JSON.stringify(type))
  const theirs = new Map(Object.entries(testCase.expected).map(([id, resource]) => [`${id} ${typeName(resource.Type)}`, resource]))
  const missing = [...theirs.keys()].filter((pair) => !ours.has(pair))
  const extra = [...ours.keys()].filter((pair) => !theirs.has(pair))
  const properties = []
  for (const [pair, resource] of theirs) {
    const node = ours.get(pair)
    if (!node || !(resource.Type in PROPERTY_TYPES)) continue
    const differing = propertyDifferences(resource.Type, node.props, resource.Properties)
    properties.push({pair, type: resource.Type, differing})
  }
  return {name: testCase.name, missing, extra, produced: theirs.size - missing.length, expected: theirs.size, ours: ours.size, properties}
}

/** Categories of one input's mismatches: a type both missing and extra is the same type under a different id. */
function categories(result) {
  if (result.failure) return [`expansion failed: ${result.failure.split(':')[0]}`]
  const typeOf = (pair) => pair.slice(pair.indexOf(' ') + 1)
  const missingTypes = new Set(result.missing.map(typeOf))
  const extraTypes = new Set(result.extra.map(typeOf))
  const found = new Set()
  for (const type of missingTypes) found.add(extraTypes.has(type) ? `different id: ${type}` : `missing: ${type}`)
  for (const type of extraTypes) if (!missingTypes.has(type)) found.add(`extra: ${type}`)
  return [...found]
}

/** Our real lint on the inputs (with their Transform line): TPL findings at warning or above, and files it refused. */
function lintFindings(cases) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sam-conformance-'))
  try {
    for (const testCase of cases) writeFileSync(path.join(dir, testCase.name), testCase.text)
    const run = spawnSync(process.execPath, [path.join(root, 'bin/run.js'), 'lint', dir, '--format', 'json', '--preset', 'strict'], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    })
    if (!run.stdout) throw new Error(`lint produced no report (exit ${run.status}): ${run.stderr}`)
    const report = JSON.parse(run.stdout)
    const expectedByName = new Map(cases.map((testCase) => [testCase.name, testCase.template]))
    const findings = []
    const unusable = []
    const candidates = []
    for (const file of report.files) {
      const name = path.basename(file.file)
      if (file.unusable) unusable.push({file: name, message: file.findings[0]?.message})
      for (const finding of file.findings) {
        if (!finding.ruleId.startsWith('TPL') || finding.severity === 'info') continue
        const subject = subjectOf(finding)
        const carried = samCarries(finding, expectedByName.get(name) ?? {})
        const exception = carried ? EXCEPTIONS.find((entry) => entry.file === name && entry.rule === finding.ruleId && entry.subject === subject) : undefined
        if (carried && !exception && ['TPL001', 'TPL004', 'TPL006'].includes(finding.ruleId)) candidates.push({file: name, rule: finding.ruleId, subject})
        findings.push({file: name, rule: finding.ruleId, subject, severity: finding.severity, line: finding.location?.line, message: finding.message, exception: exception?.reason})
      }
    }
    const used = new Set(findings.map((finding) => `${finding.file} ${finding.rule} ${finding.subject}`))
    const stale = EXCEPTIONS.filter((entry) => !used.has(`${entry.file} ${entry.rule} ${entry.subject}`))
    return {findings, unusable, candidates, stale}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

const cases = validCases()
const results = cases.map(compare)
const identical = results.filter((result) => !result.failure && result.missing.length === 0 && result.extra.length === 0)
const sum = (pick) => results.reduce((total, result) => total + pick(result), 0)
const expectedPairs = sum((result) => result.expected)
const producedPairs = sum((result) => result.produced)
const ourPairs = sum((result) => result.ours)
const extraPairs = sum((result) => result.extra.length)
const byCategory = new Map()
for (const result of results) for (const category of categories(result)) byCategory.set(category, (byCategory.get(category) ?? 0) + 1)
const propertyChecks = results.flatMap((result) => result.properties.map((check) => ({...check, file: result.name})))
const propertyMatches = propertyChecks.filter((check) => check.differing.length === 0)
const propertyCategories = new Map()
for (const check of propertyChecks) {
  for (const name of check.differing) {
    const key = `${check.type}.${name}`
    propertyCategories.set(key, (propertyCategories.get(key) ?? 0) + 1)
  }
}
const lintResult = runLint ? lintFindings(cases) : undefined
const falseFindings = lintResult?.findings.filter((finding) => !finding.exception) ?? []

const percent = (part, whole) => (whole === 0 ? '100.0' : ((100 * part) / whole).toFixed(1))
const summary = {
  validInputs: cases.length,
  identical: identical.length,
  identicalPercent: Number(percent(identical.length, cases.length)),
  samPairs: expectedPairs,
  samPairsProduced: producedPairs,
  samPairsProducedPercent: Number(percent(producedPairs, expectedPairs)),
  ourPairs,
  ourPairsSamNeverMakes: extraPairs,
  ourPairsSamNeverMakesPercent: Number(percent(extraPairs, ourPairs)),
  propertyChecks: propertyChecks.length,
  propertyMatches: propertyMatches.length,
  propertyMatchPercent: Number(percent(propertyMatches.length, propertyChecks.length)),
  tplFindings: lintResult ? falseFindings.length : undefined,
  tplFiles: lintResult ? new Set(falseFindings.map((finding) => finding.file)).size : undefined,
  tplExceptions: lintResult ? lintResult.findings.length - falseFindings.length : undefined,
  unusable: lintResult?.unusable.length,
}

if (asJson) {
  process.stdout.write(
    `${JSON.stringify(
      {
        summary,
        categories: Object.fromEntries([...byCategory].sort((a, b) => b[1] - a[1])),
        propertyCategories: Object.fromEntries([...propertyCategories].sort((a, b) => b[1] - a[1])),
        inputs: results.filter((result) => result.failure || result.missing.length > 0 || result.extra.length > 0 || result.properties.some((check) => check.differing.length > 0)),
        lint: lintResult,
      },
      undefined,
      2,
    )}\n`,
  )
} else {
  const lines = []
  if (verbose) {
    for (const result of results) {
      const differing = result.properties.filter((check) => check.differing.length > 0)
      if (!result.failure && result.missing.length === 0 && result.extra.length === 0 && differing.length === 0) continue
      lines.push(`${result.name}`)
      if (result.failure) lines.push(`  expansion failed: ${result.failure}`)
      for (const pair of result.missing) lines.push(`  - ${pair}`)
      for (const pair of result.extra) lines.push(`  + ${pair}`)
      for (const check of differing) lines.push(`  ~ ${check.pair}: ${check.differing.join(', ')}`)
    }
    lines.push('')
  }
  lines.push('Mismatches by category (inputs affected):')
  for (const [category, count] of [...byCategory].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(`  ${String(count).padStart(4)}  ${category}`)
  lines.push('', 'Property differences on resources the rules read (resources affected):')
  for (const [category, count] of [...propertyCategories].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(`  ${String(count).padStart(4)}  ${category}`)
  if (lintResult) {
    lines.push('', `TPL findings at warning or above on valid inputs: ${falseFindings.length} in ${summary.tplFiles} files (${summary.tplExceptions} more are documented exceptions)`)
    for (const finding of falseFindings) lines.push(`  ${finding.file}:${finding.line ?? 1} ${finding.rule} ${finding.severity} ${finding.message}`)
    if (lintResult.stale.length > 0) {
      lines.push('', `Exceptions no finding needs any more (remove them): ${lintResult.stale.length}`)
      for (const entry of lintResult.stale) lines.push(`  ${entry.file} ${entry.rule} ${entry.subject}`)
    }
    if (listCandidates) {
      lines.push('', "Findings SAM's expected output carries too, not yet in EXCEPTIONS:")
      const unique = new Set(lintResult.candidates.map((entry) => `  {file: '${entry.file}', rule: '${entry.rule}', subject: '${entry.subject}', reason: ''},`))
      lines.push(...unique)
    }
    if (lintResult.unusable.length > 0) {
      lines.push('', `Valid inputs lint refused as unusable: ${lintResult.unusable.length}`)
      for (const entry of lintResult.unusable) lines.push(`  ${entry.file}: ${entry.message}`)
    }
  }
  lines.push(
    '',
    `Valid inputs: ${cases.length}`,
    `Identical (logical id, type) sets: ${identical.length} of ${cases.length} (${summary.identicalPercent} %)`,
    `SAM's pairs we produce: ${producedPairs} of ${expectedPairs} (${summary.samPairsProducedPercent} %)`,
    `Our pairs SAM never makes: ${extraPairs} of ${ourPairs} (${summary.ourPairsSamNeverMakesPercent} %)`,
    `Properties equal on resources the rules read: ${propertyMatches.length} of ${propertyChecks.length} (${summary.propertyMatchPercent} %)`,
  )
  process.stdout.write(`${lines.join('\n')}\n`)
}

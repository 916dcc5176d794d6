// AWS::LanguageExtensions: Fn::ForEach (nested, resolvable or not, SAM inside), Fn::Length, Fn::ToJsonString, Fn::FindInMap defaults and intrinsic policies, located on the user's lines.
import {describe, expect, it} from 'vitest'

import {parseTemplateText} from '../../src/model/parse.js'
import {buildTemplateGraph} from '../../src/model/template.js'
import {graphOf, runCatalogue, runRule} from '../helpers/lint.js'

const HEADER = 'Transform: AWS::LanguageExtensions\n'

function lineOf(text: string, fragment: string, from = 0): number {
  const index = text.indexOf(fragment, from)
  if (index < 0) throw new Error(`no ${fragment}`)
  return text.slice(0, index).split('\n').length
}

const QUEUES = `${HEADER}Resources:
  'Fn::ForEach::Queues':
    - Name
    - [Orders, Invoices]
    - 'Queue\${Name}':
        Type: AWS::SQS::Queue
        Properties:
          QueueName: !Sub '\${Name}-queue'
          Tags:
            - Key: name
              Value: !Ref Name
`

describe('Fn::ForEach', () => {
  it('repeats the loop body once per item, with ${Identifier} and Ref Identifier replaced', () => {
    const graph = graphOf(QUEUES)
    expect(graph.nodes.map((node) => `${node.id} ${node.type}`)).toEqual(['QueueOrders AWS::SQS::Queue', 'QueueInvoices AWS::SQS::Queue'])
    expect(graph.get('QueueOrders')!.props).toEqual({QueueName: {'Fn::Sub': 'Orders-queue'}, Tags: [{Key: 'name', Value: 'Orders'}]})
    expect(graph.context.template!.Transform).toBeUndefined()
    expect(graph.context.unexpanded).toEqual([])
  })

  it('a finding on a resource made by a loop points at the loop body', () => {
    const findings = runRule('SQS001', QUEUES.replace('[Orders, Invoices]', '[Orders]'))
    expect(findings.map((finding) => [finding.resource?.id, finding.location?.line])).toEqual([['QueueOrders', lineOf(QUEUES, "'Queue${Name}'")]])
  })

  it('&{Identifier} keeps only letters and digits of the item', () => {
    const text = `${HEADER}Resources:\n  'Fn::ForEach::Topics':\n    - Name\n    - [order-placed, order.paid]\n    - 'Topic&{Name}':\n        Type: AWS::SNS::Topic\n        Properties:\n          TopicName: \${Name}\n`
    const graph = graphOf(text)
    expect(graph.nodes.map((node) => node.id)).toEqual(['Topicorderplaced', 'Topicorderpaid'])
    expect(graph.get('Topicorderpaid')!.props.TopicName).toBe('order.paid')
  })

  it('expands nested loops with both identifiers in place, located on the inner body', () => {
    const text = `${HEADER}Resources:
  'Fn::ForEach::Envs':
    - Env
    - [Dev, Prod]
    - 'Fn::ForEach::Queues':
        - Name
        - [Orders, Invoices]
        - '\${Env}\${Name}':
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !Sub '\${Env}-\${Name}'
`
    const graph = graphOf(text)
    expect(graph.nodes.map((node) => node.id)).toEqual(['DevOrders', 'DevInvoices', 'ProdOrders', 'ProdInvoices'])
    expect(graph.get('ProdInvoices')!.props.QueueName).toEqual({'Fn::Sub': 'Prod-Invoices'})
    expect(graph.get('ProdInvoices')!.locate(['QueueName'])?.line).toBe(lineOf(text, 'QueueName:'))
  })

  it('takes the collection from a CommaDelimitedList parameter default, or from the values given', () => {
    const text = `${HEADER}Parameters:\n  Names:\n    Type: CommaDelimitedList\n    Default: A,B\nResources:\n  'Fn::ForEach::Q':\n    - N\n    - !Ref Names\n    - 'Q\${N}':\n        Type: AWS::SQS::Queue\n`
    expect(graphOf(text).nodes.map((node) => node.id)).toEqual(['QA', 'QB'])
    const parsed = parseTemplateText('template.yaml', text)
    expect(buildTemplateGraph(parsed, {parameterValues: {Names: 'X,Y,Z'}}).nodes.map((node) => node.id)).toEqual(['QX', 'QY', 'QZ'])
  })

  it('takes the collection from a mapping', () => {
    const text = `${HEADER}Mappings:\n  Teams:\n    Queues:\n      Names: [A, B]\nResources:\n  'Fn::ForEach::Q':\n    - N\n    - !FindInMap [Teams, Queues, Names]\n    - 'Q\${N}':\n        Type: AWS::SQS::Queue\n`
    expect(graphOf(text).nodes.map((node) => node.id)).toEqual(['QA', 'QB'])
  })

  it('repeats properties inside a resource and outputs', () => {
    const text = `${HEADER}Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      Tags:
        - Key: team
          Value: orders
Outputs:
  'Fn::ForEach::Out':
    - Attr
    - [Arn, StreamArn]
    - 'Table\${Attr}':
        Value: !GetAtt [Table, !Ref Attr]
`
    const graph = graphOf(text)
    expect(graph.context.template!.Outputs).toEqual({TableArn: {Value: {'Fn::GetAtt': ['Table', 'Arn']}}, TableStreamArn: {Value: {'Fn::GetAtt': ['Table', 'StreamArn']}}})
  })

  it('SAM resources inside a loop are expanded by SAM, and what SAM generates points at the loop body', () => {
    const text = `Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Resources:
  'Fn::ForEach::Workers':
    - Name
    - [Orders, Invoices]
    - '\${Name}Worker':
        Type: AWS::Serverless::Function
        Properties:
          Handler: index.handler
          Runtime: nodejs20.x
          InlineCode: x
          Events:
            Jobs:
              Type: SQS
              Properties:
                Queue: !GetAtt [!Sub '\${Name}Queue', Arn]
      '\${Name}Queue':
        Type: AWS::SQS::Queue
`
    const graph = graphOf(text)
    const ids = graph.nodes.map((node) => `${node.id} ${node.type}`)
    expect(ids).toEqual(
      expect.arrayContaining([
        'OrdersWorker AWS::Lambda::Function',
        'OrdersWorkerRole AWS::IAM::Role',
        'OrdersWorkerJobs AWS::Lambda::EventSourceMapping',
        'InvoicesWorker AWS::Lambda::Function',
        'InvoicesQueue AWS::SQS::Queue',
      ]),
    )
    expect(graph.context.sam).toBe(true)
    // The loop's own names, written with Fn::Sub, name the resources of each item.
    expect(graph.get('OrdersWorkerJobs')!.props.EventSourceArn).toEqual({'Fn::GetAtt': ['OrdersQueue', 'Arn']})
    // As for any SAM event: the event source mapping points at the event's properties, here in the loop body.
    expect(graph.get('InvoicesWorkerJobs')!.locate([])?.line).toBe(lineOf(text, 'Properties:', text.indexOf('Jobs:')))
  })

  it('checks the resources of a loop: two queues without DLQs, a typo and a deprecated runtime are all found', () => {
    const text = `Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Resources:
  'Fn::ForEach::Workers':
    - Name
    - [Orders, Invoices]
    - '\${Name}Queue':
        Type: AWS::SQS::Queue
        Properties:
          VisibiltyTimeout: 60
      '\${Name}Worker':
        Type: AWS::Serverless::Function
        Properties:
          Handler: index.handler
          Runtime: nodejs12.x
          InlineCode: x
          Events:
            Jobs: {Type: SQS, Properties: {Queue: !GetAtt [!Sub '\${Name}Queue', Arn]}}
`
    const findings = runCatalogue(text)
    const byRule = (id: string) => findings.filter((finding) => finding.ruleId === id).map((finding) => `${finding.resource?.id}:${finding.location?.line}`)
    expect(byRule('SQS001')).toEqual([`OrdersQueue:${lineOf(text, "'${Name}Queue'")}`, `InvoicesQueue:${lineOf(text, "'${Name}Queue'")}`])
    expect(findings.filter((finding) => finding.ruleId === 'TPL002').map((finding) => finding.location?.line)).toContain(lineOf(text, 'VisibiltyTimeout'))
    expect(findings.some((finding) => finding.ruleName === 'lambda-deprecated-runtime' || finding.message.includes('nodejs12.x'))).toBe(true)
  })
})

describe('references once loops are expanded', () => {
  it('a reference to a resource a loop makes resolves, and a misspelt one inside a loop body is found on its line', () => {
    const text = `${HEADER}Resources:
  'Fn::ForEach::Queues':
    - Name
    - [Orders]
    - 'Queue\${Name}':
        Type: AWS::SQS::Queue
        Properties:
          RedrivePolicy:
            deadLetterTargetArn: !GetAtt Dlq.Arn
            maxReceiveCount: 5
Outputs:
  Orders:
    Value: !GetAtt QueueOrders.Arn
`
    const findings = runCatalogue(text).filter((finding) => finding.ruleId === 'TPL006')
    expect(findings.map((finding) => [finding.data.target, finding.location?.line])).toEqual([['Dlq', lineOf(text, '!GetAtt Dlq.Arn')]])
  })
})

describe('loops that cannot be expanded', () => {
  it.each([
    ['a parameter without a default', `Parameters:\n  Names:\n    Type: CommaDelimitedList\n`, '!Ref Names', 'parameter Names has no default value'],
    ['an import', '', "!Split [',', !ImportValue shared-names]", 'it uses Fn::ImportValue, known only at deployment'],
    [
      'a list read from Systems Manager',
      `Parameters:\n  Names:\n    Type: AWS::SSM::Parameter::Value<List<String>>\n    Default: /names\n`,
      '!Ref Names',
      'parameter Names is read from Systems Manager at deployment',
    ],
  ])('reports, at info, what a loop over %s declares as not checked', (_, parameters, collection, reason) => {
    const text = `${HEADER}${parameters}Resources:\n  Other:\n    Type: AWS::SNS::Topic\n  'Fn::ForEach::Queues':\n    - Name\n    - ${collection}\n    - 'Queue\${Name}':\n        Type: AWS::SQS::Queue\n      'Dlq\${Name}':\n        Type: AWS::SQS::Queue\n`
    const findings = runCatalogue(text).filter((finding) => finding.ruleId === 'SLS004')
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'info',
        messageId: 'notExpanded',
        data: {loop: 'Fn::ForEach::Queues', reason, count: 2, what: 'resources'},
        location: expect.objectContaining({line: lineOf(text, "'Fn::ForEach::Queues'")}),
      }),
    ])
    // The rest of the template is still checked, and no false reference error comes from the loop.
    expect(graphOf(text).nodes.map((node) => node.id)).toEqual(['Other'])
    expect(runCatalogue(text).filter((finding) => finding.severity === 'error')).toEqual([])
  })

  it('reports a loop written without the transform, which CloudFormation rejects', () => {
    const findings = runCatalogue(QUEUES.replace(HEADER, '')).filter((finding) => finding.ruleId === 'SLS004')
    expect(findings.map((finding) => finding.data.reason)).toEqual(['the template does not declare the AWS::LanguageExtensions transform, which CloudFormation needs to expand it'])
  })

  it('reports an inner loop once when the outer loop expands', () => {
    const text = `${HEADER}Parameters:\n  Names:\n    Type: CommaDelimitedList\nResources:\n  'Fn::ForEach::Envs':\n    - Env\n    - [Dev, Prod]\n    - 'Fn::ForEach::Queues':\n        - Name\n        - !Ref Names\n        - '\${Env}\${Name}':\n            Type: AWS::SQS::Queue\n`
    const findings = runCatalogue(text).filter((finding) => finding.ruleId === 'SLS004')
    expect(findings.map((finding) => [finding.data.loop, finding.location?.line])).toEqual([['Fn::ForEach::Queues', lineOf(text, "'Fn::ForEach::Queues'")]])
  })

  it('a property loop that cannot be expanded is reported, not taken for an unknown property', () => {
    const text = `${HEADER}Parameters:\n  Keys:\n    Type: CommaDelimitedList\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      'Fn::ForEach::Tags':\n        - Key\n        - !Ref Keys\n        - Tags: []\n`
    const findings = runCatalogue(text)
    expect(findings.filter((finding) => finding.ruleId === 'SLS004').map((finding) => finding.data.what)).toEqual(['property'])
    expect(findings.filter((finding) => finding.ruleId.startsWith('TPL'))).toEqual([])
  })
})

describe('the other language extensions', () => {
  const resolved = (properties: string, head = '') => {
    const text = `${HEADER}${head}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n${properties}`
    return graphOf(text).get('Queue')!
  }

  it('Fn::Length counts a list and a list parameter', () => {
    expect(resolved('      DelaySeconds: !Length [a, b, c]\n').props.DelaySeconds).toBe(3)
    expect(resolved('      DelaySeconds: !Length {Ref: Names}\n', 'Parameters:\n  Names:\n    Type: CommaDelimitedList\n    Default: a,b\n').props.DelaySeconds).toBe(2)
    // Not known before deployment: left as written.
    expect(resolved('      DelaySeconds: !Length {Ref: Names}\n', 'Parameters:\n  Names:\n    Type: CommaDelimitedList\n').props.DelaySeconds).toEqual({'Fn::Length': {Ref: 'Names'}})
  })

  it('Fn::ToJsonString writes an object as JSON, and waits for deployment when it holds intrinsics', () => {
    expect(resolved('      RedrivePolicy: !ToJsonString {maxReceiveCount: 3, deadLetterTargetArn: arn:aws:sqs:us-east-1:1:dlq}\n').props.RedrivePolicy).toBe(
      '{"maxReceiveCount":3,"deadLetterTargetArn":"arn:aws:sqs:us-east-1:1:dlq"}',
    )
    expect(resolved('      RedrivePolicy: !ToJsonString {maxReceiveCount: 3, deadLetterTargetArn: !Ref Dlq}\n').props.RedrivePolicy).toEqual({
      'Fn::ToJsonString': {maxReceiveCount: 3, deadLetterTargetArn: {Ref: 'Dlq'}},
    })
  })

  it('Fn::FindInMap takes its DefaultValue when the keys are missing, and the value when they are found', () => {
    const head = 'Mappings:\n  Timeouts:\n    prod:\n      visibility: 120\n'
    expect(resolved('      VisibilityTimeout: !FindInMap [Timeouts, dev, visibility, {DefaultValue: 30}]\n', head).props.VisibilityTimeout).toBe(30)
    expect(resolved('      VisibilityTimeout: !FindInMap [Timeouts, prod, visibility, {DefaultValue: 30}]\n', head).props.VisibilityTimeout).toBe(120)
    expect(
      resolved('      VisibilityTimeout: !FindInMap [Timeouts, !Ref Env, visibility, {DefaultValue: 30}]\n', `${head}Parameters:\n  Env:\n    Type: String\n    Default: prod\n`).props.VisibilityTimeout,
    ).toBe(120)
  })

  it('DeletionPolicy and UpdateReplacePolicy given by a parameter or a mapping take its value', () => {
    const text = `${HEADER}Parameters:\n  Policy:\n    Type: String\n    Default: Retain\nMappings:\n  Policies:\n    prod:\n      replace: Snapshot\nResources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    DeletionPolicy: !Ref Policy\n    UpdateReplacePolicy: !FindInMap [Policies, prod, replace]\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      KeySchema: [{AttributeName: pk, KeyType: HASH}]\n      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]\n`
    const table = graphOf(text).get('Table')!
    expect([table.deletionPolicy, table.updateReplacePolicy]).toEqual(['Retain', 'Snapshot'])
    const parsed = parseTemplateText('template.yaml', text)
    expect(buildTemplateGraph(parsed, {parameterValues: {Policy: 'Delete'}}).get('Table')!.deletionPolicy).toBe('Delete')
  })

  it('leaves templates without the transform untouched', () => {
    const text = 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: !Length [a]\n'
    const parsed = parseTemplateText('template.yaml', text)
    expect(buildTemplateGraph(parsed).context.template).toBe(parsed.value)
  })
})

// LMB019: each function should have its own execution role, scoped to what that function does.
import {literal} from '../../model/intrinsics.js'
import type {GraphNode} from '../../model/types.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {roleOf} from './queries.js'

export default defineRule({
  meta: {
    id: 'LMB019',
    name: 'lambda-shared-execution-role',
    title: 'One execution role shared by several functions',
    severity: 'warning',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-1'],
    messages: {
      shared: 'Role {{role}} is the execution role of {{count}} functions ({{functions}}): each gets the union of the permissions all of them need.',
    },
    equivalents: {},
    docs: {
      what: 'Finds execution roles (in the template, or the same literal role ARN) used by more than one function.',
      why: 'A shared role grants every function the permissions of all the others, so a flaw in one function exposes what the others can reach, and the role can never shrink without checking all of them.',
      failing:
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: orders.handler\n      CodeUri: src/\n      Role: !GetAtt AppRole.Arn\n  Billing:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: billing.handler\n      CodeUri: src/\n      Role: !GetAtt AppRole.Arn\n  AppRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}\n      ManagedPolicyArns: [!Sub 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']",
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: orders.handler\n      CodeUri: src/\n      Policies:\n        - DynamoDBCrudPolicy:\n            TableName: !Ref OrdersTable\n  Billing:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: billing.handler\n      CodeUri: src/\n      Policies:\n        - SQSSendMessagePolicy:\n            QueueName: !GetAtt Invoices.QueueName\n  OrdersTable:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n  Invoices:\n    Type: AWS::SQS::Queue',
      whenNotToUse: 'Functions that are variants of one another with exactly the same needs (e.g. the same handler behind two triggers).',
      references: [
        'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
        'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/identity-and-access-management.html',
      ],
    },
  },
  check({graph, report}) {
    const byRole = new Map<string, {role?: GraphNode; label: string; functions: GraphNode[]}>()
    for (const fn of graph.ofKind('function')) {
      const role = roleOf(graph, fn)
      const arn = literal(fn.props.Role)
      const key = role ? `node:${role.id}` : typeof arn === 'string' ? `arn:${arn}` : undefined
      if (!key) continue
      const entry = byRole.get(key) ?? {role, label: role ? displayName(role) : String(arn), functions: []}
      entry.functions.push(fn)
      byRole.set(key, entry)
    }
    for (const {role, label, functions} of byRole.values()) {
      if (functions.length < 2) continue
      const data = {role: label, count: functions.length, functions: functions.map(displayName).join(', ')}
      const fix = 'Give each function its own role (SAM: drop Role and use Policies) with only the permissions it needs.'
      if (role) report({node: role, path: [], messageId: 'shared', data, fix})
      else for (const fn of functions.slice(1)) report({node: fn, path: ['Role'], messageId: 'shared', data, fix})
    }
  },
})

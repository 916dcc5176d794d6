// Small rules that exist only in tests, so configuration and suppression behaviour is tested independently of the real catalogue.
import {defineRule, type Rule, type RuleMeta} from '../../src/rules/types.js'

function meta(overrides: Partial<RuleMeta> & Pick<RuleMeta, 'id' | 'name'>): RuleMeta {
  return {
    title: `Test rule ${overrides.id}`,
    severity: 'error',
    service: 'sqs',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {found: '{{type}} {{id}} found'},
    equivalents: {},
    docs: {what: 'w', why: 'y', failing: 'f', fixed: 'x', whenNotToUse: 'n', references: ['https://example.com']},
    ...overrides,
  }
}

/** A rule that reports every resource of one kind. */
export function everyOf(kind: 'queue' | 'topic' | 'function' | 'eventSourceMapping' | 'role', overrides: Partial<RuleMeta> & Pick<RuleMeta, 'id' | 'name'>): Rule {
  return defineRule({
    meta: meta(overrides),
    check({graph, report}) {
      for (const node of graph.ofKind(kind)) report({node, messageId: 'found', data: {type: node.type, id: node.id}})
    },
  })
}

export const QUEUE_RULE = everyOf('queue', {id: 'TST001', name: 'test-every-queue', equivalents: {'cfn-lint': ['W9001'], 'cdk-nag': ['AwsSolutions-SQS3'], checkov: ['CKV_AWS_999'], cfn_nag: ['W48']}})
export const TOPIC_RULE = everyOf('topic', {id: 'TST002', name: 'test-every-topic', service: 'sns', severity: 'warning'})
export const INFO_RULE = everyOf('queue', {id: 'TST003', name: 'test-queue-info', severity: 'info'})
export const STRICT_RULE = everyOf('queue', {id: 'TST004', name: 'test-strict-only', recommended: false})
export const PREVIEW_RULE = everyOf('queue', {id: 'TST005', name: 'test-preview', status: 'preview'})
export const FUNCTION_RULE = everyOf('function', {id: 'TST006', name: 'test-every-function', service: 'lambda', equivalents: {checkov: ['CKV_AWS_116']}})
export const MAPPING_RULE = everyOf('eventSourceMapping', {id: 'TST007', name: 'test-every-mapping', service: 'lambda'})
export const ROLE_RULE = everyOf('role', {id: 'TST008', name: 'test-every-role', service: 'iam'})
export const THROWING_RULE = defineRule({
  meta: meta({id: 'TST009', name: 'test-throws'}),
  check() {
    throw new Error('boom')
  },
})

export const TEST_CATALOGUE: Rule[] = [QUEUE_RULE, TOPIC_RULE, INFO_RULE, STRICT_RULE, PREVIEW_RULE, FUNCTION_RULE, MAPPING_RULE, ROLE_RULE]

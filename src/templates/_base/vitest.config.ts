// Unit tests of the handlers: no AWS account, no network; AWS clients are replaced in each test.
import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    restoreMocks: true,
    env: {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      // Powertools: quiet logs, no X-Ray daemon, idempotency records not written (the DynamoDB table is not there).
      POWERTOOLS_SERVICE_NAME: 'unit-test',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_IDEMPOTENCY_DISABLED: 'true',
      // The handlers run on the Node.js of their Lambda runtime, which package.json "engines" names; the AWS SDK's notice
      // about an older Node.js running these tests on a workstation is not about the deployed code.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // The configuration the stack gives the functions, with test values.
      IDEMPOTENCY_TABLE_NAME: 'test-idempotency',
      TABLE_NAME: 'test-table',
      QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/test-queue',
      EVENT_BUS_NAME: 'test-bus',
      TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:test-topic',
      WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:test-webhook-secret',
      SIGNATURE_TOLERANCE_SECONDS: '300',
    },
  },
})

// LMB015: secrets do not belong in environment variables, where anyone who can read the configuration sees them.
import {get, isRecord, literal} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

/** Variable names that usually hold a secret. */
const SECRET_NAME = /(secret|passw(or)?d|pwd|token|api[_-]?key|private[_-]?key|access[_-]?key|credential|auth[_-]?key|client[_-]?secret|signing[_-]?key|webhook[_-]?key)/i

/** Names that point at a secret rather than hold it. */
const REFERENCE_NAME = /(_arn|_name|_id|_path|_param(eter)?|_url|_uri|_table|_bucket|_queue|_topic|_ttl|_header|_length|_region|_file|_env)$/i

/** Values that look like secrets whatever the variable is called. */
const SECRET_VALUES: Array<[RegExp, string]> = [
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bsk_live_[A-Za-z0-9]{16,}/, 'a Stripe secret key'],
  [/^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/, 'a JSON Web Token'],
]

/** Values that are references or settings, not secrets. */
function looksLikeReference(value: string): boolean {
  return (
    /^(arn:|\/|https?:\/\/[^@]*$|\{\{resolve:ssm:)/.test(value) ||
    /^(true|false|\d+)$/i.test(value) ||
    // Secret names and parameter paths such as my-app/prod/db.
    /^[\w-]+(\/[\w.-]+)+$/.test(value) ||
    value.length < 8 ||
    /\s/.test(value.trim())
  )
}

export default defineRule({
  meta: {
    id: 'LMB015',
    name: 'lambda-environment-secret',
    title: 'Secret-looking value in a Lambda environment variable',
    severity: 'error',
    service: 'lambda',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-2'],
    messages: {
      secretName: 'Environment variable {{variable}} of function {{function}} holds a literal value that looks like a secret; store it in Secrets Manager or Parameter Store and pass its name or ARN instead.',
      secretValue: 'Environment variable {{variable}} of function {{function}} holds what looks like {{kind}}; store it in Secrets Manager and pass its ARN instead.',
      resolvedSecret:
        'Environment variable {{variable}} of function {{function}} resolves a Secrets Manager secret at deploy time, which stores the secret in plain text in the function configuration; pass the secret ARN and read it at run time.',
    },
    equivalents: {checkov: ['CKV_AWS_45']},
    docs: {
      what: 'Finds `Environment.Variables` whose value is written literally and either has a secret-sounding name (PASSWORD, TOKEN, API_KEY, SECRET, …, unless the name ends in _ARN, _NAME, _PATH and the like) or looks like a credential (AWS access key id, private key, GitHub, Slack or Stripe token, JWT), and values that are `{{resolve:secretsmanager:…}}` dynamic references. Messages name the variable, never the value.',
      why: "Environment variables are visible to anyone allowed `lambda:GetFunctionConfiguration`, in the template in source control, in CloudFormation's console and in deployment logs. A secret there cannot be rotated without a deployment.",
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Environment:\n        Variables:\n          API_KEY: 9f8e7d6c5b4a39281706',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      Environment:\n        Variables:\n          API_KEY_SECRET_ARN: !Ref ApiKeySecret\n      Policies:\n        - AWSSecretsManagerGetSecretValuePolicy:\n            SecretArn: !Ref ApiKeySecret',
      whenNotToUse: 'Values that only look secret (a public key id, a test fixture); suppress on the function with a reason.',
      references: [
        'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption',
        'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
      ],
      limitations: 'Values from parameters (`!Ref`) are not checked: they may come from a `NoEcho` parameter or a secret store, which the template cannot tell.',
    },
  },
  check({graph, report}) {
    for (const fn of graph.ofKind('function')) {
      const variables = get(fn.props, 'Environment', 'Variables')
      if (!isRecord(variables)) continue
      for (const [variable, raw] of Object.entries(variables)) {
        const value = literal(raw)
        if (typeof value !== 'string' || value.trim() === '') continue
        const path = ['Environment', 'Variables', variable]
        const data = {function: displayName(fn), variable}
        const fix = `Move the value of ${variable} to AWS Secrets Manager and read it at run time (pass the secret ARN in the variable instead).`
        if (/\{\{resolve:secretsmanager:/.test(value)) {
          report({node: fn, path, messageId: 'resolvedSecret', data, fix})
          continue
        }
        const known = SECRET_VALUES.find(([pattern]) => pattern.test(value))
        if (known) {
          report({node: fn, path, messageId: 'secretValue', data: {...data, kind: known[1]}, fix})
          continue
        }
        if (SECRET_NAME.test(variable) && !REFERENCE_NAME.test(variable) && !looksLikeReference(value)) {
          report({node: fn, path, messageId: 'secretName', data, fix})
        }
      }
    }
  },
})

// LMB021: a function URL without authentication lets anyone on the internet invoke the function.
import {literal} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'
import {resolveFunction} from './queries.js'

export default defineRule({
  meta: {
    id: 'LMB021',
    name: 'lambda-url-without-auth',
    title: 'Lambda function URL with AuthType NONE',
    severity: 'warning',
    service: 'lambda',
    // No audit collector reads these resources, so the rule cannot see them on a live account.
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: ['P-SEC-5', 'P-SEC-4'],
    messages: {
      public: 'Function URL {{url}} of function {{function}} has AuthType NONE: anyone who finds the URL can invoke the function, and pay for it with your account.',
    },
    equivalents: {checkov: ['CKV_AWS_258']},
    docs: {
      what: 'Finds `AWS::Lambda::Url` resources (SAM: `FunctionUrlConfig`) with `AuthType: NONE`.',
      why: 'An unauthenticated URL has no throttling per caller, no WAF and no authorizer: anyone can call it, flood it and run up the bill. Use `AWS_IAM` (and sign requests, e.g. from CloudFront with origin access control), or put the function behind API Gateway with an authorizer.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Webhook:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      FunctionUrlConfig:\n        AuthType: NONE',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Webhook:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      CodeUri: src/\n      FunctionUrlConfig:\n        AuthType: AWS_IAM',
      whenNotToUse: 'Public webhooks that verify a signature on every request in the handler; suppress with that reason and keep reserved concurrency low.',
      references: ['https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html', 'https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html'],
    },
  },
  check({graph, report}) {
    for (const url of graph.ofKind('functionUrl')) {
      if (literal(url.props.AuthType) !== 'NONE') continue
      const fn = resolveFunction(graph, url.props.TargetFunctionArn)
      report({
        node: url,
        path: ['AuthType'],
        messageId: 'public',
        data: {url: displayName(url), function: fn ? displayName(fn) : String(literal(url.props.TargetFunctionArn) ?? 'unknown')},
        fix: 'Set AuthType to AWS_IAM and sign the requests, or front the function with API Gateway and an authorizer.',
      })
    }
  },
})

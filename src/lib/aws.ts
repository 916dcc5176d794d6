// AWS SDK client configuration shared by commands: the standard credential chain, a profile, a region, adaptive retries.

// The SDK warns on every run under Node 20 that its 2027 releases will need Node 22. The versions this tool
// pins support Node 20, so the warning tells a user nothing they can act on here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

export interface AwsOptions {
  profile?: string
  region?: string
}

export interface AwsClientConfig {
  region?: string
  profile?: string
  retryMode: 'adaptive'
  maxAttempts: number
}

/**
 * Client configuration honouring the SDK's standard chain (environment, SSO, shared files, instance roles),
 * `--profile` and `--region`; `AWS_ENDPOINT_URL` and per-service endpoint variables are read by the SDK itself.
 * Adaptive retry mode slows down on throttling instead of failing.
 */
export function lambdaClientConfig(options: AwsOptions): AwsClientConfig {
  return {region: options.region, profile: options.profile, retryMode: 'adaptive', maxAttempts: 10}
}

// AWS SDK client configuration shared by commands: the standard credential chain, a profile, a region, adaptive retries.

export interface AwsOptions {
  profile?: string
  region?: string
}

export interface AwsClientConfig {
  region?: string
  profile?: string
  retryMode: string
  maxAttempts: number
}

/**
 * Client configuration honouring the SDK's standard chain (environment, SSO, shared files, instance roles),
 * `--profile` and `--region`; `AWS_ENDPOINT_URL` and per-service endpoint variables are read by the SDK itself.
 * Adaptive retry mode slows down on throttling instead of failing.
 */
export function awsClientConfig(options: AwsOptions): AwsClientConfig {
  return {
    region: options.region,
    profile: options.profile,
    // AWS_RETRY_MODE and AWS_MAX_ATTEMPTS still win, as everywhere in the SDK.
    retryMode: process.env.AWS_RETRY_MODE ?? 'adaptive',
    maxAttempts: process.env.AWS_MAX_ATTEMPTS ? Number(process.env.AWS_MAX_ATTEMPTS) : 10,
  }
}

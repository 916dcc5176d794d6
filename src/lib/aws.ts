// AWS SDK client configuration shared by commands: the standard credential chain, a profile, a region, adaptive retries.

export interface AwsOptions {
  profile?: string
  region?: string
  /** Attempts per call when AWS_MAX_ATTEMPTS is not set (default 10). */
  maxAttempts?: number
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
  const config: AwsClientConfig = {
    region: options.region,
    // AWS_RETRY_MODE and AWS_MAX_ATTEMPTS still win, as everywhere in the SDK.
    retryMode: process.env.AWS_RETRY_MODE ?? 'adaptive',
    maxAttempts: process.env.AWS_MAX_ATTEMPTS ? Number(process.env.AWS_MAX_ATTEMPTS) : (options.maxAttempts ?? 10),
  }
  // Only a profile that was asked for: an explicit undefined would still be a key the SDK sees.
  if (options.profile) config.profile = options.profile
  return config
}

// Credentials for each audited account: the role named by --role-name, assumed with the caller's credentials, renewed before it expires.
import {AssumeRoleCommand, STSClient} from '@aws-sdk/client-sts'

import {awsClientConfig, recordCallSites} from '../../lib/aws.js'

export interface AssumedCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  expiration?: Date
}

export type CredentialProvider = () => Promise<AssumedCredentials>

/** Renew this long before the session ends, so no call is signed with credentials about to expire. */
const RENEW_BEFORE_MS = 5 * 60_000

/**
 * Assumes roles in member accounts. sts:AssumeRole is the one call an audit makes that is not a List, Get
 * or Describe: it returns temporary credentials and changes nothing. The session name says sls-eda, so the
 * member accounts' CloudTrail shows who read them.
 */
export class RoleAssumer {
  private readonly client: STSClient
  readonly sessionName = `sls-eda-audit-${Date.now()}`

  constructor(options: {profile?: string; region: string; roleName: string; externalId?: string; partition: string}) {
    this.client = new STSClient(awsClientConfig({profile: options.profile, region: options.region}))
    recordCallSites(this.client, 'sts')
    this.options = options
  }

  private readonly options: {roleName: string; externalId?: string; partition: string}

  roleArn(accountId: string): string {
    return `arn:${this.options.partition}:iam::${accountId}:role/${this.options.roleName}`
  }

  /** A provider of the role's credentials in `accountId`; the first call assumes the role (and throws when it cannot be assumed). */
  provider(accountId: string, onCall?: () => void): CredentialProvider {
    let current: AssumedCredentials | undefined
    let pending: Promise<AssumedCredentials> | undefined
    return async () => {
      if (current && (!current.expiration || current.expiration.getTime() - Date.now() > RENEW_BEFORE_MS)) return current
      pending ??= (async () => {
        onCall?.()
        const answer = await this.client.send(new AssumeRoleCommand({RoleArn: this.roleArn(accountId), RoleSessionName: this.sessionName, ExternalId: this.options.externalId, DurationSeconds: 3600}))
        const credentials = answer.Credentials
        if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error(`sts:AssumeRole returned no credentials for ${this.roleArn(accountId)}`)
        current = {accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken, expiration: credentials.Expiration}
        return current
      })().finally(() => (pending = undefined))
      return pending
    }
  }

  destroy(): void {
    this.client.destroy()
  }
}

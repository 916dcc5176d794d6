// Every concern the audit must find on live state is found on the resources that break the practice, and nothing on those that follow it.
import {describe, expect, it} from 'vitest'

import {ACCOUNT, ARN, CONCERNS, REGION, SECRET, sampleAccount} from './account.js'
import {auditLive, withFakeAws} from './helpers.js'

describe('audit on a live account', () => {
  it('finds each concern on the resource that breaks the practice, and nothing in the stack that follows them', async () => {
    await withFakeAws(sampleAccount(), {}, async () => {
      const {findings, inventory} = await auditLive([REGION])
      expect(inventory.notChecked).toEqual([])
      for (const {rule, resource, concern} of CONCERNS) {
        expect(
          findings.some((finding) => finding.ruleId === rule && finding.resource?.arn === resource),
          `${concern}: ${rule} on ${resource}; got ${JSON.stringify(findings.filter((f) => f.ruleId === rule).map((f) => f.resource?.arn))}`,
        ).toBe(true)
      }
      const good = findings.filter((finding) => finding.resource?.stack === 'good-service' || /good-/.test(finding.resource?.arn ?? ''))
      expect(good.map((finding) => `${finding.ruleId} ${finding.resource?.arn}: ${finding.message}`)).toEqual([])
    })
  })

  it('gives findings their ARN, region, owning stack, logical id and a console link', async () => {
    await withFakeAws(sampleAccount(), {}, async () => {
      const {findings} = await auditLive([REGION])
      const finding = findings.find((f) => f.ruleId === 'SQS001')!
      expect(finding.resource).toMatchObject({arn: ARN.queue('bad-orders-without-dlq'), region: REGION, stack: 'bad-service', logicalId: 'BadOrdersWithoutDlq', type: 'AWS::SQS::Queue'})
      expect(finding.consoleUrl).toBe(
        `https://${REGION}.console.aws.amazon.com/sqs/v3/home?region=${REGION}#/queues/${encodeURIComponent(`https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/bad-orders-without-dlq`)}`,
      )
      const role = findings.find((f) => f.ruleId === 'IAM001')!
      expect(role.resource).toMatchObject({region: 'global', stack: 'bad-service'})
      expect(role.consoleUrl).toBe('https://console.aws.amazon.com/iam/home#/roles/details/bad-admin-role')
    })
  })

  it('names CDK paths from deployed templates when asked', async () => {
    await withFakeAws(sampleAccount(), {}, async () => {
      const {inventory} = await auditLive([REGION], {cdkPaths: true})
      expect(inventory.nodes.find((node) => node.id === ARN.fn('good-worker'))?.origin.cdkPath).toBe('GoodService/Worker/Resource')
    })
  })

  it('never shows a secret found in an environment variable', async () => {
    await withFakeAws(sampleAccount(), {}, async () => {
      const {findings} = await auditLive([REGION])
      expect(findings.some((finding) => finding.ruleId === 'LMB015')).toBe(true)
      expect(JSON.stringify(findings)).not.toContain(SECRET)
    })
  })
})

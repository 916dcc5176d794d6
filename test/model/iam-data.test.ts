// The IAM action data: facts read from the installed Service Authorization Reference package, and the README naming the version in use.
import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

import {changesResources, expandAction, iamAction, iamDataVersion, serviceActions} from '../../src/model/iam-data.js'

describe('IAM action data', () => {
  it('knows access levels and resource types of actions, in any case', () => {
    expect(iamAction('SQS:sendmessage')).toMatchObject({action: 'sqs:SendMessage', accessLevels: ['Write'], resourceTypes: ['queue']})
    expect(iamAction('textract:AnalyzeDocument')).toMatchObject({accessLevels: ['Read'], resourceTypes: []})
    expect(iamAction('sqs:SendMesage')).toBeUndefined()
    expect(serviceActions('notaservice')).toBeUndefined()
  })

  it('expands patterns within one service and tells changing actions apart', () => {
    const gets = expandAction('s3:Get*')!
    expect(gets.length).toBeGreaterThan(30)
    expect(gets.every((action) => action.action.startsWith('s3:Get'))).toBe(true)
    expect(gets.filter(changesResources)).toEqual([])
    expect(
      expandAction('sqs:*')!
        .filter(changesResources)
        .map((a) => a.action),
    ).toContain('sqs:DeleteQueue')
    expect(expandAction('*:Get*')).toBeUndefined()
  })

  it('is the version the README names, so an update records its date', () => {
    const version = iamDataVersion()
    expect(version?.version).toMatch(/^\d+\.\d+\.\d{9}$/)
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    expect(readme).toContain(`version \`${version!.version}\``)
    expect(readme).toContain(version!.updatedAt.slice(0, 10))
  })
})

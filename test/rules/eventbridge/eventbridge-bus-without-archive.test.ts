// EVB004: table-driven cases and fixtures for custom buses without an archive.
import {describe, expect, it} from 'vitest'

import {runRule} from '../../helpers/lint.js'

const bus = `Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders
`

describe('EVB004 eventbridge-bus-without-archive', () => {
  it('reports a bus without an archive', () => {
    expect(runRule('EVB004', bus)).toMatchObject([{messageId: 'noArchive', data: {bus: 'Bus'}, resource: {id: 'Bus'}, location: {line: 2}}])
  })

  it.each([
    ['!GetAtt Bus.Arn', '!GetAtt Bus.Arn'],
    ['the literal ARN of the bus by name', 'arn:aws:events:eu-west-1:123456789012:event-bus/orders'],
    ['a parameter (cannot tell)', '!Ref BusArn'],
  ])('passes an archive whose SourceArn is %s', (_name, source) => {
    expect(runRule('EVB004', `${bus}  Archive:\n    Type: AWS::Events::Archive\n    Properties:\n      SourceArn: ${source}\n`)).toEqual([])
  })

  it('reports when the archive is of another bus', () => {
    expect(runRule('EVB004', `${bus}  Archive:\n    Type: AWS::Events::Archive\n    Properties:\n      SourceArn: arn:aws:events:eu-west-1:123456789012:event-bus/default\n`)).toHaveLength(1)
  })
})

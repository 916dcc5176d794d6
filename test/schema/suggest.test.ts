// Did-you-mean by edit distance.
import {describe, expect, it} from 'vitest'

import {closest, editDistance} from '../../src/schema/suggest.js'

describe('editDistance', () => {
  it.each([
    ['VisibilityTimout', 'VisibilityTimeout', 1],
    ['kitten', 'sitting', 3],
    ['Tracing', 'tracing', 0],
    ['', 'abc', 3],
  ])('%s → %s is %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
  })
})

describe('closest', () => {
  const names = ['VisibilityTimeout', 'MessageRetentionPeriod', 'QueueName', 'QueueUrl', 'Arn']
  it.each([
    ['VisibilityTimout', 'VisibilityTimeout'],
    ['visibilitytimeout', 'VisibilityTimeout'],
    ['QueueNam', 'QueueName'],
    ['Url', 'QueueUrl'],
    ['Arns', 'Arn'],
  ])('suggests %s → %s', (name, suggestion) => {
    expect(closest(name, names)).toBe(suggestion)
  })

  it('suggests nothing far away', () => {
    expect(closest('Completely', names)).toBeUndefined()
    expect(closest('X', names)).toBeUndefined()
  })
})

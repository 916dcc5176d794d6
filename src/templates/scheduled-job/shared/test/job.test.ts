// The job runs for a scheduled time and refuses input that did not come from the schedule.
import {describe, expect, it} from 'vitest'

import {handler, InvalidRunError} from '../src/handlers/job'
import {lambdaContext} from './support/lambda'

describe('job', () => {
  it('runs for the scheduled time it is given', async () => {
    await expect(handler({scheduledTime: '2026-11-23T06:00:00Z', executionId: 'e-1'}, lambdaContext())).resolves.toEqual({scheduledTime: '2026-11-23T06:00:00Z', processed: 0})
  })

  it('fails on a run without a valid scheduled time, so the invocation goes to the failure destination', async () => {
    await expect(handler({scheduledTime: 'yesterday', executionId: 'e-2'}, lambdaContext())).rejects.toBeInstanceOf(InvalidRunError)
  })
})

// Powertools for AWS Lambda, created once per execution environment and shared by every handler of this project.
import {Logger} from '@aws-lambda-powertools/logger'
import {Tracer} from '@aws-lambda-powertools/tracer'
import type {Context} from 'aws-lambda'

/** JSON logs with the service name (POWERTOOLS_SERVICE_NAME) and, per invocation, the request id and cold start. */
export const logger = new Logger()

/** X-Ray tracing; AWS SDK clients wrapped with `tracer.captureAWSv3Client` appear as subsegments. */
export const tracer = new Tracer()

/**
 * Wraps a handler: every log line carries the Lambda context, and the invocation runs in a traced
 * subsegment annotated with cold start and service name, with the error recorded when it fails.
 */
export function instrument<E, R>(name: string, fn: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  return async (event, context) => {
    logger.addContext(context)
    logger.resetKeys()
    const segment = tracer.isTracingEnabled() ? tracer.getSegment() : undefined
    const subsegment = segment?.addNewSubsegment(`## ${name}`)
    if (subsegment) tracer.setSegment(subsegment)
    tracer.annotateColdStart()
    tracer.addServiceNameAnnotation()
    try {
      const result = await fn(event, context)
      tracer.addResponseAsMetadata(result, name)
      return result
    } catch (error) {
      tracer.addErrorAsMetadata(error as Error)
      logger.error('invocation failed', error as Error)
      throw error
    } finally {
      if (segment && subsegment) {
        subsegment.close()
        tracer.setSegment(segment)
      }
    }
  }
}

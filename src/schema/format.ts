// The compact specification index: what validation needs of each resource type, sharded by service so a lint reads only the services a template uses.

/**
 * A value's expected shape. Primitives: s string, n number, i integer, b boolean, j any JSON,
 * d date-time (a string), t tag ({Key, Value}), z null. A number is a definition index in the
 * same shard. ['a', x] a list of x, ['m', x] a map of x, ['u', ...xs] any of xs.
 */
export type Shape = 's' | 'n' | 'i' | 'b' | 'j' | 'd' | 't' | 'z' | number | ['a', Shape] | ['m', Shape] | ['u', ...Shape[]]

/** An object type: its properties, which of them are required, and (SAM events) a Properties shape chosen by Type. */
export interface ObjectEntry {
  /** Properties by name. */
  p: Record<string, Shape>
  /** Required property names. */
  q?: string[]
  /** SAM event sources: the shape of `Properties` by the value of `Type`. */
  k?: Record<string, Shape>
}

export interface ResourceEntry extends ObjectEntry {
  /** Attributes Fn::GetAtt may read. */
  a: string[]
  /** 1 when properties are free-form (custom resources): only their values' intrinsics are checked. */
  o?: 1
  /** SAM: the CloudFormation type whose attributes Fn::GetAtt reads (SAM resolves GetAtt to the generated resource). */
  g?: string
}

export interface Shard {
  /** Resource types of this shard. */
  r: Record<string, ResourceEntry>
  /** Object definitions referenced by index from shapes in this shard. */
  d: ObjectEntry[]
}

export interface IndexMeta {
  /** Changes when the index layout changes; a loader ignores an index of another format. */
  format: number
  /** Version of @aws-cdk/aws-service-spec the index was built from. */
  specVersion: string
  /** Shard file name (without .json) of every resource type. */
  types: Record<string, string>
}

export const INDEX_FORMAT = 1

/** Shard name of a resource type: its namespace, e.g. AWS::SQS::Queue → AWS_SQS. */
export function shardOf(type: string): string {
  const parts = type.split('::')
  return parts.slice(0, 2).join('_').replace(/[^A-Za-z0-9_]/g, '_')
}

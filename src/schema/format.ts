// The compact specification index: what validation needs of each resource type, sharded by service so a lint reads only the services a template uses.

/**
 * A value's expected shape. Primitives: s string, n number, i integer, b boolean, j any JSON,
 * d date-time (a string), t tag ({Key, Value}), z null. A number is a definition index in the
 * same shard. ['a', x] a list of x, ['m', x] a map of x, ['u', ...xs] any of xs, ['v', x, c] an x
 * whose literal values must also meet the constraints c.
 */
export type Shape = 's' | 'n' | 'i' | 'b' | 'j' | 'd' | 't' | 'z' | number | ['a', Shape] | ['m', Shape] | ['u', ...Shape[]] | ['v', Shape, Constraints]

/** What a literal value must meet besides its shape: allowed values, a numeric range, a pattern, a length range. */
export interface Constraints {
  /** Allowed values (strings compared exactly, as CloudFormation compares them). */
  e?: string[]
  /** Minimum and maximum of a number. */
  lo?: number
  hi?: number
  /** Pattern (ECMAScript regular expression source) a string must match. */
  p?: string
  /** Minimum and maximum length of a string, or number of items of a list. */
  ml?: number
  xl?: number
}

/** An object type: its properties, which of them are required, and (SAM events) a Properties shape chosen by Type. */
export interface ObjectEntry {
  /** Properties by name. */
  p: Record<string, Shape>
  /** Required property names. */
  q?: string[]
  /** SAM event sources: the shape of `Properties` by the value of `Type`. */
  k?: Record<string, Shape>
  /** 1 when names besides `p` are accepted (free-form objects): only the known names are checked. */
  o?: 1
}

export interface ResourceEntry extends ObjectEntry {
  /** Attributes Fn::GetAtt may read. */
  a: string[]
  /** Resource keys accepted besides the CloudFormation resource attributes (SAM: IgnoreGlobals, Connectors). */
  x?: string[]
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
  /** What validation needs of SAM besides its types. */
  sam: {
    /** Version of the SAM translator the SAM types were described from. */
    version: string
    /** Globals sections and the SAM type each sets defaults for. */
    globals: Record<string, string>
    /** CloudFormation types that may embed Connectors. */
    connectorSources: string[]
  }
}

export const INDEX_FORMAT = 2

/** Shard name of a resource type: its namespace, e.g. AWS::SQS::Queue → AWS_SQS. */
export function shardOf(type: string): string {
  const parts = type.split('::')
  return parts
    .slice(0, 2)
    .join('_')
    .replace(/[^A-Za-z0-9_]/g, '_')
}

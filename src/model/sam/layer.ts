// AWS::Serverless::LayerVersion: a Lambda layer version under SAM's content-hashed logical id, retained by default.
import {get, isRecord} from '../intrinsics.js'
import type {ResourceDecl} from '../template.js'
import {type Expansion, generated, type Props, s3Location, samLocator, stripUndefined} from './expansion.js'
import {resolveParameterRefs, samHash} from './ids.js'
import {propertiesAreAMap, validateLayerVersion} from './validation.js'

/** The properties SAM's LayerVersion accepts: only these go into the hash of its logical id. */
const LAYER_PROPERTIES = ['LayerName', 'Description', 'PublishLambdaVersion', 'ContentUri', 'CompatibleArchitectures', 'CompatibleRuntimes', 'LicenseInfo', 'RetentionPolicy']
/** Resource attributes SAM keeps in the hashed resource (DeletionPolicy, UpdateReplacePolicy and Metadata are left out). */
const HASHED_ATTRIBUTES = ['Condition', 'UpdatePolicy']

export function expandLayerVersion(expansion: Expansion, decl: ResourceDecl, props: Props): void {
  if (!propertiesAreAMap(expansion, decl)) return
  validateLayerVersion(expansion, decl, props)
  const resolved: Props = {...props}
  for (const key of ['LayerName', 'LicenseInfo', 'Description', 'RetentionPolicy']) {
    if (resolved[key]) resolved[key] = resolveParameterRefs(expansion.template, resolved[key])
  }
  // The new id changes whenever the layer's definition does, so CloudFormation publishes a new version and retains the old.
  const written = get(expansion.resources, decl.id)
  const hashed: Props = {Type: decl.type, Properties: stripUndefined(Object.fromEntries(LAYER_PROPERTIES.map((key) => [key, resolved[key] ?? undefined])))}
  if (isRecord(written)) {
    if (written.DependsOn !== undefined) hashed.DependsOn = written.DependsOn
    for (const attribute of HASHED_ATTRIBUTES) if (written[attribute] !== undefined) hashed[attribute] = written[attribute]
  }
  const newId = `${decl.id}${samHash({[decl.id]: hashed})}`
  expansion.renamedIds.set(decl.id, newId)
  const retention = typeof resolved.RetentionPolicy === 'string' ? ['Retain', 'Delete'].find((option) => option.toLowerCase() === String(resolved.RetentionPolicy).toLowerCase()) : undefined
  const layer = generated(
    decl,
    newId,
    'AWS::Lambda::LayerVersion',
    {
      LayerName: resolved.LayerName || decl.id,
      Description: resolved.Description,
      Content: s3Location(props.ContentUri, {bucket: 'S3Bucket', key: 'S3Key', version: 'S3ObjectVersion'}) ?? props.ContentUri,
      CompatibleArchitectures: props.CompatibleArchitectures,
      CompatibleRuntimes: props.CompatibleRuntimes,
      LicenseInfo: resolved.LicenseInfo,
    },
    samLocator(expansion, decl, 'LayerVersion', (path) => (path[0] === 'Content' ? ['ContentUri'] : path[0] === 'LayerName' && !props.LayerName ? [] : path)),
  )
  layer.deletionPolicy = retention ?? decl.deletionPolicy ?? 'Retain'
  layer.updateReplacePolicy = decl.updateReplacePolicy
  expansion.out.push(layer)
}

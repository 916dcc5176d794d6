// Template rules: validation against the CloudFormation and SAM specifications, and the template's own references.
import templateDependencyCycle from './template-dependency-cycle.js'
import templateInvalidValueType from './template-invalid-value-type.js'
import templateLimitExceeded from './template-limit-exceeded.js'
import templateMissingRequiredProperty from './template-missing-required-property.js'
import templateUnknownGetattAttribute from './template-unknown-getatt-attribute.js'
import templateUnknownProperty from './template-unknown-property.js'
import templateUnknownResourceType from './template-unknown-resource-type.js'
import templateUnresolvedReference from './template-unresolved-reference.js'
import templateUnusedCondition from './template-unused-condition.js'
import templateUnusedParameter from './template-unused-parameter.js'
import templateValueNotAllowed from './template-value-not-allowed.js'
import type {Rule} from '../types.js'

export const TEMPLATE_RULES: Rule[] = [
  templateUnknownResourceType,
  templateUnknownProperty,
  templateInvalidValueType,
  templateValueNotAllowed,
  templateMissingRequiredProperty,
  templateUnknownGetattAttribute,
  templateUnresolvedReference,
  templateDependencyCycle,
  templateUnusedParameter,
  templateUnusedCondition,
  templateLimitExceeded,
]

// IAM rules.
import iamAllowWithNotElement from './iam-allow-with-not-element.js'
import iamBroadManagedPolicy from './iam-broad-managed-policy.js'
import iamFullAdmin from './iam-full-admin.js'
import iamPassroleOnAnyResource from './iam-passrole-on-any-resource.js'
import iamTrustWildcardPrincipal from './iam-trust-wildcard-principal.js'
import iamUnknownAction from './iam-unknown-action.js'
import iamWildcardAction from './iam-wildcard-action.js'
import iamWriteActionOnAnyResource from './iam-write-action-on-any-resource.js'
import type {Rule} from '../types.js'

export const IAM_RULES: Rule[] = [
  iamWildcardAction,
  iamWriteActionOnAnyResource,
  iamFullAdmin,
  iamPassroleOnAnyResource,
  iamAllowWithNotElement,
  iamTrustWildcardPrincipal,
  iamBroadManagedPolicy,
  iamUnknownAction,
]

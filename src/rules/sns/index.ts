// SNS rules.
import snsSubscriptionEndpointMismatch from './sns-subscription-endpoint-mismatch.js'
import snsSubscriptionWithoutRedrive from './sns-subscription-without-redrive.js'
import snsTopicPolicyWildcardPrincipal from './sns-topic-policy-wildcard-principal.js'
import snsTopicWithoutKms from './sns-topic-without-kms.js'
import type {Rule} from '../types.js'

export const SNS_RULES: Rule[] = [snsSubscriptionWithoutRedrive, snsTopicWithoutKms, snsTopicPolicyWildcardPrincipal, snsSubscriptionEndpointMismatch]

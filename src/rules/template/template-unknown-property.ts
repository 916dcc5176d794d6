// TPL002: a property the resource type does not have (often a typo) makes the deployment fail.
import {defineRule} from '../types.js'
import {CFN_RESOURCE_TYPES_REFERENCE, reportIssue, SAM_REFERENCE, schemaIssues} from './issues.js'

export default defineRule({
  meta: {
    id: 'TPL002',
    name: 'template-unknown-property',
    title: 'Property does not exist on the resource type',
    severity: 'error',
    service: 'template',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {
      unknownProperty: '{{property}} is not a property of {{parent}}.',
      unknownPropertyDidYouMean: '{{property}} is not a property of {{parent}}; did you mean {{suggestion}}?',
    },
    equivalents: {'cfn-lint': ['E3002']},
    docs: {
      what: "Finds property names a resource type does not have, at the top of `Properties`, inside nested property types, in SAM resources and event sources, in the SAM `Globals` sections, and among a resource's own keys (`DependsOn`, `Condition`, …).",
      why: 'CloudFormation rejects unknown properties only when it reaches the resource, often minutes into a deployment; a misspelt optional property (`VisibilityTimout`) may also hide that the setting you meant is not applied.',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimout: 120',
      fixed: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 120',
      whenNotToUse: 'Never for AWS types; custom resources and declared registry types are not checked.',
      references: [CFN_RESOURCE_TYPES_REFERENCE, SAM_REFERENCE],
      limitations:
        "Checked against the CloudFormation specification bundled with sls-eda and, for SAM, against the description derived from SAM 1.110's own schema and translator (src/schema/sam-spec.json). Below the first level of a SAM structure (an Api's Auth.Authorizers, ResourcePolicy) names are checked but values are not, as SAM reads them loosely; free-form values (DefinitionBody) are not checked.",
    },
  },
  check(context) {
    for (const issue of schemaIssues(context.graph, 'unknownProperty')) {
      const {property, suggestion} = issue.data
      reportIssue(context, issue, suggestion ? `Rename ${property} to ${suggestion}.` : `Remove ${property}, or move it to where the resource type defines it.`)
    }
  },
})

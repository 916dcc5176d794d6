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
      what: 'Finds property names a resource type does not have, at the top of `Properties`, inside nested property types, in SAM resources and event sources, in the SAM `Globals` sections, and among a resource\'s own keys (`DependsOn`, `Condition`, …).',
      why: 'CloudFormation rejects unknown properties only when it reaches the resource, often minutes into a deployment; a misspelt optional property (`VisibilityTimout`) may also hide that the setting you meant is not applied.',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimout: 120',
      fixed: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 120',
      whenNotToUse: 'Never for AWS types; custom resources and declared registry types are not checked.',
      references: [CFN_RESOURCE_TYPES_REFERENCE, SAM_REFERENCE],
      limitations: 'Checked against the specification bundled with sls-eda; some SAM structures (Auth, DefinitionBody, Cors, Domain) are free-form here and only their shape is checked.',
    },
  },
  check(context) {
    for (const issue of schemaIssues(context.graph, 'unknownProperty')) {
      const {property, suggestion} = issue.data
      reportIssue(context, issue, suggestion ? `Rename ${property} to ${suggestion}.` : `Remove ${property}, or move it to where the resource type defines it.`)
    }
  },
})

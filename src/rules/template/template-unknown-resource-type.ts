// TPL001: a resource type CloudFormation does not know fails the deployment; registry types are declared in configuration.
import {isRegistryType} from '../../schema/validate.js'
import {defineRule} from '../types.js'
import {CFN_RESOURCE_TYPES_REFERENCE, reportIssue, SAM_REFERENCE, schemaIssues} from './issues.js'

export default defineRule({
  meta: {
    id: 'TPL001',
    name: 'template-unknown-resource-type',
    title: 'Resource type does not exist',
    severity: 'error',
    service: 'template',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {
      unknownType: 'Resource {{resource}} has type {{type}}, which the CloudFormation specification does not know.',
      unknownTypeDidYouMean: 'Resource {{resource}} has type {{type}}, which the CloudFormation specification does not know; did you mean {{suggestion}}?',
    },
    equivalents: {'cfn-lint': ['E3006']},
    options: {registryTypes: []},
    docs: {
      what: 'Finds resources whose `Type` is neither a CloudFormation resource type, an AWS SAM type, a custom resource (`Custom::*`, `AWS::CloudFormation::CustomResource`) nor a registry type listed under `registryTypes` in `.sls-eda.yml`.',
      why: 'CloudFormation rejects the whole stack at deploy time when one type is misspelt; finding it in the pull request saves a failed deployment.',
      failing: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queues',
      fixed: 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue',
      whenNotToUse: 'Templates that use private or third-party registry types: declare them under `registryTypes` (exact names, or a prefix ending in `*` such as `MyOrg::*`) instead of turning the rule off.',
      references: [CFN_RESOURCE_TYPES_REFERENCE, SAM_REFERENCE, 'https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/registry.html'],
      limitations: 'Types are checked against the specification version bundled with sls-eda; a type released after it is reported until sls-eda is updated (or listed under `registryTypes`).',
    },
  },
  check(context) {
    const registryTypes = Array.isArray(context.options.registryTypes) ? context.options.registryTypes.filter((type): type is string => typeof type === 'string') : []
    for (const issue of schemaIssues(context.graph, 'unknownType')) {
      const type = String(issue.data.type)
      if (isRegistryType(type, registryTypes)) continue
      const fix = issue.data.suggestion
        ? `Change Type to ${issue.data.suggestion}, or list ${type} under registryTypes in .sls-eda.yml if it is a registry type.`
        : `Use a CloudFormation resource type, or list ${type} under registryTypes in .sls-eda.yml if it is a registry type.`
      reportIssue(context, issue, fix)
    }
  },
})

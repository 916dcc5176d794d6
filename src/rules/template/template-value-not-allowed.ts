// TPL010: a value outside what the property allows (an unknown runtime, a timeout over 900 seconds) fails the deployment.
import {defineRule} from '../types.js'
import {CFN_RESOURCE_TYPES_REFERENCE, reportIssue, SAM_REFERENCE, schemaIssues} from './issues.js'

export default defineRule({
  meta: {
    id: 'TPL010',
    name: 'template-value-not-allowed',
    title: 'Property value is not allowed',
    severity: 'error',
    service: 'template',
    sources: ['template'],
    status: 'stable',
    recommended: true,
    practices: [],
    messages: {
      notAllowed: '{{property}} of {{type}} is "{{value}}", which is not one of {{allowed}}.',
      notAllowedDidYouMean: '{{property}} of {{type}} is "{{value}}", which is not one of {{allowed}}; did you mean {{suggestion}}?',
      outOfRange: '{{property}} of {{type}} is {{value}}, outside the allowed {{range}}.',
      patternMismatch: '{{property}} of {{type}} is "{{value}}", which does not match {{pattern}}.',
      badLength: '{{property}} of {{type}} has {{length}} {{unit}}; it must have {{range}}.',
    },
    equivalents: {'cfn-lint': ['E3030', 'E3034', 'E3031', 'E3033', 'E3032']},
    docs: {
      what: "Finds literal property values CloudFormation or the service will refuse: a value that is not one of the allowed values (with the closest allowed one), a number outside its range, a string that does not match its pattern, a string or list of the wrong length. Allowed values come from the CloudFormation specification; Lambda runtimes and architectures from the Lambda API model; ranges the specification does not carry (Lambda `Timeout` 1–900 and `MemorySize` 128–10240, SQS `VisibilityTimeout` 0–43200, event source mapping `BatchSize` 1–10000, …) from a sourced table in `src/schema/value-overrides.ts`. SAM properties are checked where SAM passes them to CloudFormation, so a SAM event's `BatchSize` is reported once, on the line you wrote.",
      why: 'CloudFormation sends these values to the service only when it creates or updates the resource: the deployment fails minutes in and rolls back.',
      failing:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      CodeUri: src/\n      Runtime: nodejs99.x\n      Timeout: 1000\n      MemorySize: 20000',
      fixed:
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      CodeUri: src/\n      Runtime: nodejs22.x\n      Timeout: 900\n      MemorySize: 1024',
      whenNotToUse: 'Never; values from parameters and other intrinsic functions are not checked.',
      references: [CFN_RESOURCE_TYPES_REFERENCE, SAM_REFERENCE, 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html'],
      limitations:
        'Only literal values are checked: a parameter\'s value is not followed. Limits that depend on another setting (an SQS FIFO queue\'s batch size of 10, a batch size over 10 needing a batching window) and "one of" requirements between properties are not checked: the specification does not describe them.',
    },
  },
  check(context) {
    for (const issue of schemaIssues(context.graph, 'invalidValue')) {
      const {property, suggestion, range, allowed} = issue.data
      const fix =
        issue.messageId === 'notAllowedDidYouMean'
          ? `Set ${property} to ${suggestion}.`
          : issue.messageId === 'notAllowed'
            ? `Set ${property} to one of ${allowed}.`
            : issue.messageId === 'outOfRange'
              ? `Set ${property} within ${range}.`
              : `Change ${property} to a value the property accepts.`
      reportIssue(context, issue, fix)
    }
  },
})

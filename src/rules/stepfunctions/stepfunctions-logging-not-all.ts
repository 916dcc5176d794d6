// SFN002: state machines should log execution history at level ALL to a log group.
import {asArray, get, literal, textOf} from '../../model/intrinsics.js'
import {displayName} from '../helpers.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'SFN002',
    name: 'stepfunctions-logging-not-all',
    title: 'Step Functions state machine does not log at level ALL',
    severity: 'warning',
    service: 'stepfunctions',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: true,
    practices: ['P-OBS-4'],
    messages: {
      noLogging: 'State machine {{stateMachine}} has no LoggingConfiguration: failed executions leave no log; set Level: ALL with a log group destination.',
      level: 'State machine {{stateMachine}} logs at level {{level}}; set LoggingConfiguration.Level to ALL so every state transition is logged.',
      noDestination: 'State machine {{stateMachine}} logs at level ALL but has no Destinations; add a CloudWatch Logs log group.',
    },
    fixable: 'unsafe',
    fixUnsafeReason: 'Logging every execution event is billed as CloudWatch Logs ingestion, and the state machine role needs the log delivery permissions (logs:CreateLogDelivery, logs:PutResourcePolicy, …).',
    cdkFix: 'logs: {destination: logGroup, level: sfn.LogLevel.ALL}',
    equivalents: {'cdk-nag': ['AwsSolutions-SF1']},
    docs: {
      what: 'Finds state machines without `LoggingConfiguration` (SAM: `Logging`), with a level other than `ALL`, or with no log group destination.',
      why: 'Standard workflows keep their history for 90 days in the console only; Express workflows keep none. Logs at level ALL are what lets you reconstruct an execution and correlate it with function logs.',
      failing:
        'Resources:\n  Checkout:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: !GetAtt Role.Arn\n      LoggingConfiguration:\n        Level: ERROR\n        Destinations:\n          - CloudWatchLogsLogGroup: {LogGroupArn: !GetAtt Logs.Arn}',
      fixed:
        'Resources:\n  Checkout:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      RoleArn: !GetAtt Role.Arn\n      LoggingConfiguration:\n        Level: ALL\n        IncludeExecutionData: true\n        Destinations:\n          - CloudWatchLogsLogGroup: {LogGroupArn: !GetAtt Logs.Arn}',
      whenNotToUse: 'Very high-volume Express workflows where level ERROR plus metrics is enough, or executions carrying data that must not reach logs (then keep ALL but set IncludeExecutionData: false).',
      references: ['https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html'],
    },
  },
  check({graph, report}) {
    for (const machine of graph.ofKind('stateMachine')) {
      const config = machine.props.LoggingConfiguration
      const name = displayName(machine)
      if (config === undefined) {
        report({
          node: machine,
          path: [],
          messageId: 'noLogging',
          data: {stateMachine: name},
          fix: 'Add LoggingConfiguration (SAM: Logging) with Level: ALL and a CloudWatchLogsLogGroup destination.',
          autofix: (fixer) => {
            const written = fixer.written(machine)
            if (!written || written.id !== machine.id) return undefined
            const id = fixer.newResourceId(`${written.id}Logs`)
            const group = {Type: 'AWS::Logs::LogGroup', Properties: {LogGroupName: {'Fn::Sub': `/aws/vendedlogs/states/\${AWS::StackName}-${written.id}`}, RetentionInDays: 30}}
            const logging = {Level: 'ALL', IncludeExecutionData: false, Destinations: [{CloudWatchLogsLogGroup: {LogGroupArn: fixer.getAtt(id, 'Arn')}}]}
            return fixer.propose(`Log every execution event to new log group ${id}`, [
              fixer.setProperty(machine, ['LoggingConfiguration'], logging, {path: ['Logging'], value: logging, resource: 'StateMachine'}),
              fixer.addResourceAfter(machine, id, group),
            ])
          },
        })
        continue
      }
      const level = get(config, 'Level')
      // Level is optional and defaults to OFF.
      if (level !== undefined && literal(level) === undefined) continue
      if (level !== 'ALL') {
        report({
          node: machine,
          path: level === undefined ? ['LoggingConfiguration'] : ['LoggingConfiguration', 'Level'],
          messageId: 'level',
          data: {stateMachine: name, level: level === undefined ? 'OFF (the default)' : textOf(level)},
          fix: 'Set LoggingConfiguration.Level to ALL.',
          autofix: (fixer) =>
            fixer.propose('Log every execution event', [fixer.setProperty(machine, ['LoggingConfiguration', 'Level'], 'ALL', {path: ['Logging', 'Level'], value: 'ALL', resource: 'StateMachine'})]),
        })
        continue
      }
      const destinations = get(config, 'Destinations')
      if (destinations === undefined || (Array.isArray(destinations) && asArray(destinations).length === 0)) {
        report({node: machine, path: ['LoggingConfiguration'], messageId: 'noDestination', data: {stateMachine: name}, fix: 'Add LoggingConfiguration.Destinations with a CloudWatchLogsLogGroup.LogGroupArn.'})
      }
    }
  },
})

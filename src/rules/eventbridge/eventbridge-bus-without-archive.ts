// EVB004: custom event buses should archive their events so they can be replayed after a failure.
import {literal} from '../../model/intrinsics.js'
import {userName} from '../sqs/queues.js'
import {defineRule} from '../types.js'

export default defineRule({
  meta: {
    id: 'EVB004',
    name: 'eventbridge-bus-without-archive',
    title: 'Custom event bus without an archive',
    severity: 'info',
    service: 'eventbridge',
    sources: ['template', 'live'],
    status: 'stable',
    recommended: false,
    practices: ['P-ERR-6'],
    messages: {
      noArchive: 'Event bus {{bus}} has no archive: events that a broken consumer missed cannot be replayed.',
    },
    equivalents: {},
    docs: {
      what: 'Finds `AWS::Events::EventBus` resources that no `AWS::Events::Archive` uses as its `SourceArn`.',
      why: 'When a consumer was broken or a rule was wrong, an archive lets the team replay exactly the events of that period instead of asking producers to re-send them.',
      failing: 'Resources:\n  Bus:\n    Type: AWS::Events::EventBus\n    Properties:\n      Name: !Sub ${AWS::StackName}-orders',
      fixed:
        'Resources:\n  Bus:\n    Type: AWS::Events::EventBus\n    Properties:\n      Name: !Sub ${AWS::StackName}-orders\n  BusArchive:\n    Type: AWS::Events::Archive\n    Properties:\n      SourceArn: !GetAtt Bus.Arn\n      RetentionDays: 14',
      whenNotToUse: 'Buses whose events are rebuilt from a source of record anyway, or that carry data you must not retain.',
      references: ['https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive.html'],
      limitations: 'Archives defined in other stacks are visible only when lint links those stacks with this one into an application.',
    },
  },
  check({graph, report}) {
    const archived = new Set<string>()
    const literalSources: string[] = []
    for (const archive of graph.ofKind('archive')) {
      const source = archive.props.SourceArn
      const bus = graph.resolve(source)
      if (bus) archived.add(bus.id)
      else if (typeof source === 'string') literalSources.push(source)
      // An archive whose SourceArn comes from a parameter or import may be any bus's: stay quiet.
      else return
    }
    for (const bus of graph.ofKind('bus')) {
      if (archived.has(bus.id)) continue
      const name = literal(bus.props.Name)
      if (typeof name === 'string' && literalSources.some((arn) => arn.endsWith(`:event-bus/${name}`))) continue
      report({node: bus, path: [], messageId: 'noArchive', data: {bus: userName(bus)}, fix: 'Add an AWS::Events::Archive with SourceArn: !GetAtt Bus.Arn and a RetentionDays.'})
    }
  },
})

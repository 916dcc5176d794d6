// CloudWatch: metric and composite alarms, in AWS::CloudWatch::Alarm and AWS::CloudWatch::CompositeAlarm's shape.
import {type CompositeAlarm, DescribeAlarmsCommand, type MetricAlarm, type MetricDataQuery} from '@aws-sdk/client-cloudwatch'

import {dropUndefined} from '../collection.js'
import {allPages, essential, type RegionContext} from '../context.js'

export async function collectCloudWatch(context: RegionContext): Promise<number> {
  const {region, accountId, collection} = context
  const client = context.clients.get('cloudwatch', region)
  const pages = await essential('cloudwatch', 'DescribeAlarms', () =>
    allPages(
      (NextToken) => client.send(new DescribeAlarmsCommand({AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100, NextToken})),
      (page) => page.NextToken,
    ),
  )
  let count = 0
  for (const alarm of pages.flatMap((page) => page.MetricAlarms ?? [])) {
    if (!alarm.AlarmArn || !alarm.AlarmName) continue
    count++
    collection.add({arn: alarm.AlarmArn, type: 'AWS::CloudWatch::Alarm', props: metricAlarmProps(alarm), region, accountId, names: [alarm.AlarmName], physicalIds: [alarm.AlarmName]})
  }
  for (const alarm of pages.flatMap((page) => page.CompositeAlarms ?? [])) {
    if (!alarm.AlarmArn || !alarm.AlarmName) continue
    count++
    collection.add({arn: alarm.AlarmArn, type: 'AWS::CloudWatch::CompositeAlarm', props: compositeAlarmProps(alarm), region, accountId, names: [alarm.AlarmName], physicalIds: [alarm.AlarmName]})
  }
  return count
}

const list = (values: string[] | undefined): string[] | undefined => (values && values.length > 0 ? [...values] : undefined)

export function metricAlarmProps(alarm: MetricAlarm): Record<string, unknown> {
  return dropUndefined({
    AlarmName: alarm.AlarmName,
    AlarmDescription: alarm.AlarmDescription || undefined,
    ActionsEnabled: alarm.ActionsEnabled,
    AlarmActions: list(alarm.AlarmActions),
    OKActions: list(alarm.OKActions),
    InsufficientDataActions: list(alarm.InsufficientDataActions),
    MetricName: alarm.MetricName,
    Namespace: alarm.Namespace,
    Statistic: alarm.Statistic,
    ExtendedStatistic: alarm.ExtendedStatistic,
    Dimensions: alarm.Dimensions?.length ? alarm.Dimensions.map((dimension) => ({Name: dimension.Name, Value: dimension.Value})) : undefined,
    Period: alarm.Period,
    Unit: alarm.Unit,
    EvaluationPeriods: alarm.EvaluationPeriods,
    DatapointsToAlarm: alarm.DatapointsToAlarm,
    Threshold: alarm.Threshold,
    ComparisonOperator: alarm.ComparisonOperator,
    TreatMissingData: alarm.TreatMissingData,
    EvaluateLowSampleCountPercentile: alarm.EvaluateLowSampleCountPercentile,
    Metrics: alarm.Metrics?.length ? alarm.Metrics.map(metricQuery) : undefined,
    ThresholdMetricId: alarm.ThresholdMetricId,
  })
}

function metricQuery(query: MetricDataQuery): Record<string, unknown> {
  const stat = query.MetricStat
  return dropUndefined({
    Id: query.Id,
    Expression: query.Expression,
    Label: query.Label,
    ReturnData: query.ReturnData,
    Period: query.Period,
    AccountId: query.AccountId,
    MetricStat: stat
      ? dropUndefined({
          Metric: dropUndefined({
            Namespace: stat.Metric?.Namespace,
            MetricName: stat.Metric?.MetricName,
            Dimensions: stat.Metric?.Dimensions?.length ? stat.Metric.Dimensions.map((dimension) => ({Name: dimension.Name, Value: dimension.Value})) : undefined,
          }),
          Period: stat.Period,
          Stat: stat.Stat,
          Unit: stat.Unit,
        })
      : undefined,
  })
}

export function compositeAlarmProps(alarm: CompositeAlarm): Record<string, unknown> {
  return dropUndefined({
    AlarmName: alarm.AlarmName,
    AlarmDescription: alarm.AlarmDescription || undefined,
    AlarmRule: alarm.AlarmRule,
    ActionsEnabled: alarm.ActionsEnabled,
    AlarmActions: list(alarm.AlarmActions),
    OKActions: list(alarm.OKActions),
    InsufficientDataActions: list(alarm.InsufficientDataActions),
    ActionsSuppressor: alarm.ActionsSuppressor,
  })
}

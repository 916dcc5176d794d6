// Links to a live resource in the AWS console, so a finding can be opened in one click.
import {textOf} from '../model/intrinsics.js'
import type {GraphNode} from '../model/types.js'

/** The console's host for a partition and region. */
function consoleHost(partition: string, region: string | undefined): string {
  if (partition === 'aws-cn') return 'https://console.amazonaws.cn'
  if (partition === 'aws-us-gov') return 'https://console.amazonaws-us-gov.com'
  return region && region !== 'global' ? `https://${region}.console.aws.amazon.com` : 'https://console.aws.amazon.com'
}

const last = (arn: string, separator = ':'): string => arn.split(separator).pop() ?? arn

/** The function name in a (possibly qualified) Lambda ARN. */
function functionName(arn: string): string {
  return arn.split(':')[6] ?? last(arn)
}

export function consoleUrl(node: GraphNode): string | undefined {
  const arn = node.origin.arn
  if (!arn || node.source !== 'live') return undefined
  const partition = arn.split(':')[1] ?? 'aws'
  const region = node.origin.region
  const host = consoleHost(partition, region)
  const q = `region=${region}`
  const props = node.props
  switch (node.type) {
    case 'AWS::Lambda::Function':
      return `${host}/lambda/home?${q}#/functions/${encodeURIComponent(functionName(arn))}`
    case 'AWS::Lambda::EventSourceMapping':
    case 'AWS::Lambda::EventInvokeConfig':
    case 'AWS::Lambda::Permission': {
      const target = typeof props.FunctionName === 'string' ? props.FunctionName : arn
      return `${host}/lambda/home?${q}#/functions/${encodeURIComponent(functionName(target))}?tab=configure`
    }
    case 'AWS::SQS::Queue':
    case 'AWS::SQS::QueuePolicy': {
      const url = node.aliases?.find((alias) => alias.startsWith('https://')) ?? (Array.isArray(props.Queues) ? String(props.Queues[0]) : undefined)
      return url ? `${host}/sqs/v3/home?${q}#/queues/${encodeURIComponent(url)}` : `${host}/sqs/v3/home?${q}#/queues`
    }
    case 'AWS::SNS::Topic':
    case 'AWS::SNS::TopicPolicy':
      return `${host}/sns/v3/home?${q}#/topic/${arn}`
    case 'AWS::SNS::Subscription':
      return `${host}/sns/v3/home?${q}#/subscription/${arn}`
    case 'AWS::Events::EventBus':
      return `${host}/events/home?${q}#/eventbus/${encodeURIComponent(textOf(props.Name ?? last(arn, '/')))}`
    case 'AWS::Events::Rule':
      return `${host}/events/home?${q}#/eventbus/${encodeURIComponent(textOf(props.EventBusName ?? 'default'))}/rules/${encodeURIComponent(textOf(props.Name ?? last(arn, '/')))}`
    case 'AWS::StepFunctions::StateMachine':
      return `${host}/states/home?${q}#/statemachines/view/${encodeURIComponent(arn)}`
    case 'AWS::ApiGateway::RestApi':
    case 'AWS::ApiGateway::Stage':
    case 'AWS::ApiGateway::Method': {
      const id = textOf(props.RestApiId ?? node.aliases?.[1] ?? '')
      return node.type === 'AWS::ApiGateway::Stage' ? `${host}/apigateway/main/apis/${id}/stages?api=${id}&${q}` : `${host}/apigateway/main/apis/${id}/resources?api=${id}&${q}`
    }
    case 'AWS::ApiGatewayV2::Api':
    case 'AWS::ApiGatewayV2::Stage':
    case 'AWS::ApiGatewayV2::Route':
    case 'AWS::ApiGatewayV2::Integration': {
      const id = textOf(props.ApiId ?? node.aliases?.[1] ?? '')
      return `${host}/apigateway/main/api-detail?api=${id}&${q}`
    }
    case 'AWS::CloudWatch::Alarm':
    case 'AWS::CloudWatch::CompositeAlarm':
      return `${host}/cloudwatch/home?${q}#alarmsV2:alarm/${encodeURIComponent(textOf(props.AlarmName ?? last(arn)))}`
    case 'AWS::IAM::Role':
      return `${consoleHost(partition, undefined)}/iam/home#/roles/details/${encodeURIComponent(textOf(props.RoleName ?? last(arn, '/')))}`
    case 'AWS::IAM::ManagedPolicy':
      return `${consoleHost(partition, undefined)}/iam/home#/policies/details/${encodeURIComponent(arn)}`
    default:
      return undefined
  }
}

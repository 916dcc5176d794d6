"""Publishes an order event to the topic, with its type as a message attribute that subscriptions filter on."""

import json
import os
import uuid
from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from domain.order_events import ORDER_EVENT_TYPES, InvalidEventError
from shared.powertools import logger, metrics, tracer

# Created once per execution environment and reused by every invocation.
sns = boto3.client("sns")
TOPIC_ARN = os.environ.get("TOPIC_ARN", "")


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(request: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if request.get("eventType") not in ORDER_EVENT_TYPES:
        raise InvalidEventError(f"eventType must be one of {', '.join(ORDER_EVENT_TYPES)}")
    if not isinstance(request.get("orderId"), str) or request["orderId"] == "":
        raise InvalidEventError("orderId is required")
    event = {"eventId": str(uuid.uuid4()), "eventType": request["eventType"], "orderId": request["orderId"], "total": request.get("total")}
    logger.append_keys(eventId=event["eventId"], orderId=event["orderId"])
    result = sns.publish(TopicArn=TOPIC_ARN, Message=json.dumps(event), MessageAttributes={"eventType": {"DataType": "String", "StringValue": event["eventType"]}})
    logger.info("order event published", extra={"eventType": event["eventType"]})
    metrics.add_metric(name="OrderEventsPublished", unit=MetricUnit.Count, value=1)
    return {"eventId": event["eventId"], "messageId": result.get("MessageId")}

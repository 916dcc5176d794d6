"""Write path: stores the order and its OrderCreated event in one DynamoDB transaction (the transactional outbox)."""

import os
from typing import Any

import boto3
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from domain.outbox import order_with_event, validate_order
from shared.powertools import logger, metrics, tracer

# Created once per execution environment and reused by every invocation; the resource's client takes Python values.
dynamodb = boto3.resource("dynamodb").meta.client
TABLE_NAME = os.environ.get("TABLE_NAME", "")


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(request: dict[str, Any], context: LambdaContext) -> dict[str, str]:
    order, event = order_with_event(validate_order(request))
    logger.append_keys(orderId=order["orderId"], eventId=event["eventId"])
    # Both items or neither: the event exists exactly when the order does, and the stream publishes it.
    dynamodb.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": TABLE_NAME, "Item": order, "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Put": {"TableName": TABLE_NAME, "Item": event, "ConditionExpression": "attribute_not_exists(pk)"}},
        ]
    )
    logger.info("order created")
    metrics.add_metric(name="OrdersCreated", unit=MetricUnit.Count, value=1)
    return {"orderId": order["orderId"]}

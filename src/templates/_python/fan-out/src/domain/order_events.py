"""Order events fanned out through the topic: their shape, and a partial-batch SQS worker that handles each event once."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.idempotency import persistence_store
from shared.powertools import logger, metrics, tracer

ORDER_EVENT_TYPES = ("OrderPlaced", "OrderCancelled")


@dataclass(frozen=True)
class OrderEvent:
    event_id: str
    event_type: str
    order_id: str
    total: float


class InvalidEventError(Exception):
    """A message that is not an order event this subscriber handles: it fails, and ends in the DLQ."""


def parse_order_event(body: str) -> OrderEvent:
    try:
        value: Any = json.loads(body)
    except json.JSONDecodeError as error:
        raise InvalidEventError("message body is not JSON") from error
    if not isinstance(value, dict) or not isinstance(value.get("eventId"), str) or not isinstance(value.get("orderId"), str):
        raise InvalidEventError("eventId and orderId are required")
    if value.get("eventType") not in ORDER_EVENT_TYPES:
        raise InvalidEventError(f"unknown eventType {value.get('eventType')}")
    return OrderEvent(event_id=value["eventId"], event_type=value["eventType"], order_id=value["orderId"], total=value.get("total", 0))


def order_event_worker(handle: Callable[[OrderEvent], dict[str, Any]]) -> Callable[[dict[str, Any], LambdaContext], dict[str, Any]]:
    """A Lambda handler for SQS batches of order events: runs `handle` once per event id and reports failed messages individually."""
    processor = BatchProcessor(event_type=EventType.SQS)
    # Raw message delivery: the SQS body is the published message, whose eventId is the idempotency key.
    config = IdempotencyConfig(event_key_jmespath="powertools_json(body).eventId", expires_after_seconds=24 * 60 * 60)

    @idempotent_function(data_keyword_argument="record", persistence_store=persistence_store, config=config, key_prefix=handle.__module__)
    def process_once(record: SQSRecord) -> dict[str, Any]:
        event = parse_order_event(record.body)
        logger.append_keys(messageId=record.message_id, eventId=event.event_id, orderId=event.order_id)
        return handle(event)

    @logger.inject_lambda_context(clear_state=True)
    @tracer.capture_lambda_handler
    @metrics.log_metrics(capture_cold_start_metric=True)
    def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        config.register_lambda_context(context)
        return process_partial_response(event=event, record_handler=process_once, processor=processor, context=context)

    return handler

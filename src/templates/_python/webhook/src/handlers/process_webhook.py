"""Webhook worker: processes each queued delivery once (keyed on the event id the sender puts in the body) and reports failures individually."""

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.idempotency import persistence_store
from shared.powertools import logger, metrics, tracer

# Created once per execution environment and reused by every invocation.
processor = BatchProcessor(event_type=EventType.SQS)
idempotency_config = IdempotencyConfig(
    # Senders retry deliveries with the same event id: one id, one processing.
    event_key_jmespath="powertools_json(body).id",
    raise_on_no_idempotency_key=True,
    expires_after_seconds=7 * 24 * 60 * 60,
)


class InvalidDeliveryError(Exception):
    """A delivery without a string id and type: it can never be processed."""


def react(delivery: dict[str, str]) -> None:
    """Replace with the reaction to the event (update an order, notify a team, call an API)."""
    logger.info("webhook processed", extra={"eventId": delivery["id"], "type": delivery["type"]})


@tracer.capture_method
@idempotent_function(data_keyword_argument="record", persistence_store=persistence_store, config=idempotency_config)
def process_delivery(record: SQSRecord) -> dict[str, str]:
    correlation_id = record.message_attributes.get("correlationId")
    logger.append_keys(messageId=record.message_id, correlationId=correlation_id.string_value if correlation_id else record.message_id)
    delivery = json.loads(record.body)
    if not isinstance(delivery.get("id"), str) or not isinstance(delivery.get("type"), str):
        raise InvalidDeliveryError("a delivery needs a string id and type")
    react(delivery)
    return {"id": delivery["id"], "type": delivery["type"]}


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    idempotency_config.register_lambda_context(context)
    return process_partial_response(event=event, record_handler=process_delivery, processor=processor, context=context)

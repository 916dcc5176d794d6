"""Stream publisher: sends each new outbox event from the table's stream to the event bus; failed records are retried alone."""

import os
from typing import Any

import boto3
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord, DynamoDBRecordEventName
from aws_lambda_powertools.utilities.typing import LambdaContext

from domain.outbox import EVENT_SOURCE
from shared.powertools import logger, metrics, tracer

# Created once per execution environment and reused by every invocation.
events = boto3.client("events")
processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
EVENT_BUS_NAME = os.environ.get("EVENT_BUS_NAME", "")


class PublishError(Exception):
    """The bus refused an event: the record is reported as failed and retried alone."""


@tracer.capture_method
def publish(record: DynamoDBRecord) -> None:
    image = record.dynamodb.new_image if record.dynamodb else None
    # The event source mapping filters on new outbox items; anything else is not this function's business.
    if record.event_name != DynamoDBRecordEventName.INSERT or not image or image.get("type") != "OUTBOX":
        return
    event_id = image.get("eventId")
    logger.append_keys(eventId=event_id)
    result = events.put_events(Entries=[{"EventBusName": EVENT_BUS_NAME, "Source": EVENT_SOURCE, "DetailType": image.get("detailType"), "Detail": image.get("detail")}])
    if result.get("FailedEntryCount", 0) > 0:
        entry = (result.get("Entries") or [{}])[0]
        raise PublishError(f"event {event_id} was not accepted: {entry.get('ErrorCode', 'unknown')} {entry.get('ErrorMessage', '')}".strip())
    logger.info("event published", extra={"detailType": image.get("detailType")})


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return process_partial_response(event=event, record_handler=publish, processor=processor, context=context)

"""SQS worker: processes each message once (Powertools idempotency) and reports only the failed ones back to SQS."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function
from aws_lambda_powertools.utilities.typing import LambdaContext

from domain.order import fulfil_order, parse_order
from shared.idempotency import persistence_store
from shared.powertools import logger, metrics, tracer

# Created once per execution environment and reused by every invocation.
processor = BatchProcessor(event_type=EventType.SQS)
idempotency_config = IdempotencyConfig(
    # SQS delivers at least once: a redelivered message has the same id. Use a business key
    # (e.g. 'powertools_json(body).orderId') if producers may send duplicates.
    event_key_jmespath="messageId",
    expires_after_seconds=24 * 60 * 60,
)


@tracer.capture_method
@idempotent_function(data_keyword_argument="record", persistence_store=persistence_store, config=idempotency_config)
def process_record(record: SQSRecord) -> dict[str, str]:
    correlation_id = record.message_attributes.get("correlationId")
    logger.append_keys(messageId=record.message_id, correlationId=correlation_id.string_value if correlation_id else record.message_id)
    return fulfil_order(parse_order(record.body))


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    idempotency_config.register_lambda_context(context)
    return process_partial_response(event=event, record_handler=process_record, processor=processor, context=context)

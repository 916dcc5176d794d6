"""Consumer: reacts to OrderCreated events from the bus, once per event (EventBridge delivers at least once)."""

from typing import Any

from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.idempotency import persistence_store
from shared.powertools import logger, metrics, tracer

idempotency_config = IdempotencyConfig(event_key_jmespath="id", expires_after_seconds=24 * 60 * 60)


def react(detail: dict[str, Any]) -> None:
    """Replace with the reaction: notify the customer, start fulfilment, update a read model."""
    logger.info("order created event handled", extra={"total": detail.get("total")})


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
@idempotent(config=idempotency_config, persistence_store=persistence_store)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, str]:
    detail = event.get("detail") or {}
    logger.append_keys(eventId=event.get("id"), orderId=detail.get("orderId"))
    if not isinstance(detail.get("orderId"), str):
        raise ValueError("OrderCreated without orderId")
    react(detail)
    return {"orderId": detail["orderId"]}

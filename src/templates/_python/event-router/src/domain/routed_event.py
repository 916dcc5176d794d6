"""Handling of routed events: each event id is handled once (EventBridge delivers at least once), with its ids in every log line."""

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent
from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.idempotency import persistence_store
from shared.powertools import logger, metrics, tracer


class InvalidEventError(Exception):
    """An event this target cannot handle: it fails, EventBridge retries it, then it lands in the DLQ."""


def routed_event_handler(handle: Callable[[EventBridgeEvent], dict[str, Any]]) -> Callable[[dict[str, Any], LambdaContext], dict[str, Any]]:
    """A Lambda handler for one kind of routed event: validates, then runs `handle` once per event id."""
    config = IdempotencyConfig(event_key_jmespath="id", expires_after_seconds=24 * 60 * 60)

    @logger.inject_lambda_context(clear_state=True)
    @tracer.capture_lambda_handler
    @metrics.log_metrics(capture_cold_start_metric=True)
    @idempotent(config=config, persistence_store=persistence_store)
    def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        routed = EventBridgeEvent(event)
        logger.append_keys(eventId=routed.get_id, detailType=routed.detail_type, source=routed.source)
        return handle(routed)

    return handler

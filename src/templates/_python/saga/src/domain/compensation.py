"""Compensations run at most once per booking (Powertools idempotency), however often Step Functions retries them."""

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function
from aws_lambda_powertools.utilities.typing import LambdaContext

from domain.bookings import BookingRequest
from shared.idempotency import persistence_store


def compensation(undo: Callable[[BookingRequest], dict[str, Any]]) -> Callable[[BookingRequest, LambdaContext], dict[str, Any]]:
    """Wraps a compensation so that its result is recorded per booking id and replayed on retries."""
    config = IdempotencyConfig(event_key_jmespath="bookingId", expires_after_seconds=7 * 24 * 60 * 60)
    once = idempotent_function(data_keyword_argument="request", persistence_store=persistence_store, config=config)(undo)

    def run(request: BookingRequest, context: LambdaContext) -> dict[str, Any]:
        config.register_lambda_context(context)
        return once(request=request)

    return run

"""Saga step 3: confirm the booking."""

from aws_lambda_powertools.utilities.typing import LambdaContext

from domain.bookings import BookingRequest, InvalidTransitionError, transition
from shared.powertools import logger, metrics, tracer


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(request: BookingRequest, context: LambdaContext) -> dict:
    logger.append_keys(bookingId=request["bookingId"])
    if not transition(request["bookingId"], "CONFIRMED", ["CHARGED", "CONFIRMED"]):
        raise InvalidTransitionError(f"booking {request['bookingId']} cannot be confirmed from its current state")
    logger.info("booking confirmed")
    return {"confirmed": True}

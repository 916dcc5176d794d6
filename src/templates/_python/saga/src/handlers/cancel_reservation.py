"""Compensation of "reserve": release the seats if they were reserved; nothing to do otherwise."""

from aws_lambda_powertools.utilities.typing import LambdaContext

from domain.bookings import BookingRequest, transition
from domain.compensation import compensation
from shared.powertools import logger, metrics, tracer


def cancel(request: BookingRequest) -> dict:
    cancelled = transition(request["bookingId"], "CANCELLED", ["RESERVED", "CHARGED", "REFUNDED"])
    logger.info("reservation cancelled" if cancelled else "nothing to cancel")
    return {"cancelled": cancelled}


cancel_once = compensation(cancel)


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(request: BookingRequest, context: LambdaContext) -> dict:
    logger.append_keys(bookingId=request["bookingId"])
    return cancel_once(request, context)

"""Compensation of "charge": refund the payment if there was one; nothing to do otherwise."""

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from domain.bookings import BookingRequest, transition
from domain.compensation import compensation
from shared.powertools import logger, metrics, tracer


def refund(request: BookingRequest) -> dict:
    refunded = transition(request["bookingId"], "REFUNDED", ["CHARGED", "CONFIRMED"])
    logger.info("payment refunded" if refunded else "nothing to refund")
    if refunded:
        metrics.add_metric(name="PaymentsRefunded", unit=MetricUnit.Count, value=1)
    return {"refunded": refunded}


refund_once = compensation(refund)


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(request: BookingRequest, context: LambdaContext) -> dict:
    logger.append_keys(bookingId=request["bookingId"])
    return refund_once(request, context)

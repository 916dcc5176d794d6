"""Saga step 1: reserve the seats (a repeated call finds the booking already reserved and succeeds)."""

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from domain.bookings import BookingRequest, InvalidTransitionError, transition
from shared.powertools import logger, metrics, tracer


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(request: BookingRequest, context: LambdaContext) -> dict:
    logger.append_keys(bookingId=request["bookingId"])
    if not transition(request["bookingId"], "RESERVED", ["NEW", "RESERVED"], {"customerId": request["customerId"], "seats": request["seats"]}):
        raise InvalidTransitionError(f"booking {request['bookingId']} cannot be reserved from its current state")
    logger.info("seats reserved", extra={"seats": request["seats"]})
    metrics.add_metric(name="SeatsReserved", unit=MetricUnit.Count, value=request["seats"])
    return {"reserved": True}

"""Saga step 2: charge the customer (replace the payment id with your payment provider's, called with an idempotency key)."""

from decimal import Decimal

from aws_lambda_powertools.utilities.typing import LambdaContext

from domain.bookings import BookingRequest, InvalidTransitionError, transition
from shared.powertools import logger, metrics, tracer


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(request: BookingRequest, context: LambdaContext) -> dict:
    logger.append_keys(bookingId=request["bookingId"])
    payment_id = f"payment-{request['bookingId']}"
    # DynamoDB stores numbers as Decimal; str() keeps the amount exact.
    amount = Decimal(str(request["amount"]))
    if not transition(request["bookingId"], "CHARGED", ["RESERVED", "CHARGED"], {"paymentId": payment_id, "amount": amount}):
        raise InvalidTransitionError(f"booking {request['bookingId']} cannot be charged from its current state")
    logger.info("customer charged", extra={"amount": request["amount"]})
    return {"paymentId": payment_id}

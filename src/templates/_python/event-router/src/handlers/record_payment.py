"""Route target: records a received payment."""

from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent

from domain.routed_event import InvalidEventError, routed_event_handler
from shared.powertools import logger


def record(event: EventBridgeEvent) -> dict:
    payment_id, order_id, amount = event.detail.get("paymentId"), event.detail.get("orderId"), event.detail.get("amount")
    if not isinstance(payment_id, str) or not isinstance(order_id, str) or isinstance(amount, bool) or not isinstance(amount, (int, float)) or amount <= 0:
        raise InvalidEventError("PaymentReceived needs a paymentId, an orderId and a positive amount")
    # Replace with the ledger write.
    logger.info("payment recorded", extra={"paymentId": payment_id, "orderId": order_id, "amount": amount})
    return {"paymentId": payment_id}


handler = routed_event_handler(record)

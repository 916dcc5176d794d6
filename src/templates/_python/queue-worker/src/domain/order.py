"""The work this service does for one message: validate the order it carries and fulfil it."""

import json
import math
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit

from shared.powertools import logger, metrics


@dataclass(frozen=True)
class Order:
    order_id: str
    customer_id: str
    amount: float


class InvalidMessageError(Exception):
    """A message that can never succeed: retrying it is pointless, so it fails at once (and ends in the DLQ)."""


def parse_order(body: str) -> Order:
    """Parses and validates a message body; raises InvalidMessageError for anything that is not an order."""
    try:
        value: Any = json.loads(body)
    except json.JSONDecodeError as error:
        raise InvalidMessageError("message body is not JSON") from error
    if not isinstance(value, dict):
        raise InvalidMessageError("message body is not an object")
    order_id, customer_id, amount = value.get("orderId"), value.get("customerId"), value.get("amount")
    if not isinstance(order_id, str) or order_id == "":
        raise InvalidMessageError("orderId is missing")
    if not isinstance(customer_id, str) or customer_id == "":
        raise InvalidMessageError("customerId is missing")
    if isinstance(amount, bool) or not isinstance(amount, (int, float)) or not math.isfinite(amount) or amount <= 0:
        raise InvalidMessageError("amount must be a positive number")
    return Order(order_id=order_id, customer_id=customer_id, amount=amount)


def fulfil_order(order: Order) -> dict[str, str]:
    """Replace with the real side effect (call a downstream, write a table). It runs once per message thanks to idempotency."""
    logger.info("order fulfilled", extra={"orderId": order.order_id, "customerId": order.customer_id, "amount": order.amount})
    metrics.add_metric(name="OrdersFulfilled", unit=MetricUnit.Count, value=1)
    return {"orderId": order.order_id, "status": "FULFILLED"}

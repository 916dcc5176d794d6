"""The order table's two kinds of items: orders, and outbox events written in the same transaction."""

import json
import os
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

# Event source of everything this service publishes.
EVENT_SOURCE = os.environ.get("EVENT_SOURCE", "orders")

# The table's TTL removes published events after a week.
OUTBOX_RETENTION_SECONDS = 7 * 24 * 60 * 60


class InvalidOrderError(Exception):
    """A request that is not an order: nothing is written."""


def validate_order(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or not isinstance(value.get("customerId"), str) or value["customerId"] == "":
        raise InvalidOrderError("customerId is required")
    if not isinstance(value.get("items"), list) or len(value["items"]) == 0:
        raise InvalidOrderError("items must be a non-empty list")
    total = value.get("total")
    if isinstance(total, bool) or not isinstance(total, (int, float)) or not total > 0:
        raise InvalidOrderError("total must be a positive number")
    return {"customerId": value["customerId"], "items": value["items"], "total": total}


def order_with_event(order: dict[str, Any], now: datetime | None = None, order_id: str | None = None, event_id: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The order and its OrderCreated event, ready to be written together (numbers as Decimal, as DynamoDB wants them)."""
    now = now or datetime.now(timezone.utc)
    order_id = order_id or str(uuid.uuid4())
    event_id = event_id or str(uuid.uuid4())
    created_at = now.isoformat()
    total = Decimal(str(order["total"]))
    order_item = {"pk": f"ORDER#{order_id}", "sk": "ORDER", "type": "ORDER", "orderId": order_id, "createdAt": created_at, "customerId": order["customerId"], "items": order["items"], "total": total}
    event_item = {
        "pk": f"OUTBOX#{event_id}",
        "sk": "EVENT",
        "type": "OUTBOX",
        "eventId": event_id,
        "detailType": "OrderCreated",
        # The event's detail as JSON text, published as it is.
        "detail": json.dumps({"orderId": order_id, "customerId": order["customerId"], "total": order["total"], "createdAt": created_at}),
        "createdAt": created_at,
        "expiresAt": int(now.timestamp()) + OUTBOX_RETENTION_SECONDS,
    }
    return order_item, event_item

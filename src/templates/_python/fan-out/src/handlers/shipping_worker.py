"""Shipping subscriber: prepares a shipment for each placed order (its subscription only delivers OrderPlaced)."""

from domain.order_events import InvalidEventError, OrderEvent, order_event_worker
from shared.powertools import logger


def ship(event: OrderEvent) -> dict:
    if event.event_type != "OrderPlaced":
        raise InvalidEventError(f"shipping does not handle {event.event_type}; check the subscription's filter policy")
    logger.info("shipment prepared")
    return {"orderId": event.order_id}


handler = order_event_worker(ship)

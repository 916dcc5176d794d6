"""Billing subscriber: invoices placed orders and credits cancelled ones."""

from domain.order_events import OrderEvent, order_event_worker
from shared.powertools import logger


def bill(event: OrderEvent) -> dict:
    # Replace with the billing system call, made idempotent by the event id.
    logger.info("invoice issued" if event.event_type == "OrderPlaced" else "credit note issued", extra={"total": event.total})
    return {"orderId": event.order_id, "billed": event.event_type == "OrderPlaced"}


handler = order_event_worker(bill)

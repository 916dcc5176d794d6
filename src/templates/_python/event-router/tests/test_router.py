"""Each route target handles its event once and fails on malformed ones, so EventBridge's retries and the DLQ take over."""

import pytest

from domain.routed_event import InvalidEventError
from handlers import fulfil_order, record_payment
from support import LambdaContext


def event(detail_type: str, detail: dict, event_id: str | None = None) -> dict:
    return {"id": event_id or f"ev-{detail_type}", "version": "0", "account": "123456789012", "time": "2026-11-23T00:00:00Z", "region": "eu-west-1", "resources": [], "source": "test", "detail-type": detail_type, "detail": detail}


def test_starts_fulfilment_of_a_placed_order(idempotency_records):
    assert fulfil_order.handler(event("OrderPlaced", {"orderId": "o-1", "items": [{"sku": "s", "quantity": 1}]}), LambdaContext()) == {"orderId": "o-1"}


def test_fails_on_an_order_without_items(idempotency_records):
    with pytest.raises(InvalidEventError):
        fulfil_order.handler(event("OrderPlaced", {"orderId": "o-1", "items": []}), LambdaContext())


def test_records_a_payment(idempotency_records):
    assert record_payment.handler(event("PaymentReceived", {"paymentId": "p-1", "orderId": "o-1", "amount": 10}), LambdaContext()) == {"paymentId": "p-1"}


def test_fails_on_a_payment_without_an_amount(idempotency_records):
    with pytest.raises(InvalidEventError):
        record_payment.handler(event("PaymentReceived", {"paymentId": "p-1", "orderId": "o-1", "amount": 0}), LambdaContext())


def test_handles_a_redelivered_event_once(idempotency_records, monkeypatch):
    started = []
    monkeypatch.setattr("domain.routed_event.logger.append_keys", lambda **keys: started.append(keys["eventId"]))
    placed = event("OrderPlaced", {"orderId": "o-1", "items": [{"sku": "s", "quantity": 1}]}, event_id="ev-42")
    assert fulfil_order.handler(placed, LambdaContext()) == fulfil_order.handler(placed, LambdaContext()) == {"orderId": "o-1"}
    assert started == ["ev-42"]

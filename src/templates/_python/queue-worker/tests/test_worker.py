"""The worker reports failed messages as batch item failures, lets the others succeed, and processes a redelivered message once."""

import json

import pytest

from domain import order as orders
from domain.order import InvalidMessageError, Order, parse_order
from handlers.worker import handler
from support import LambdaContext, sqs_event, sqs_record


def order(order_id: str, amount: float = 42) -> dict:
    return {"orderId": order_id, "customerId": "c-1", "amount": amount}


def test_reports_nothing_when_every_message_succeeds(idempotency_records):
    result = handler(sqs_event(sqs_record("m-1", order("o-1")), sqs_record("m-2", order("o-2"))), LambdaContext())
    assert result["batchItemFailures"] == []


def test_reports_each_failed_message_and_only_those(idempotency_records):
    event = sqs_event(sqs_record("m-1", order("o-1")), sqs_record("m-2", "not json"), sqs_record("m-3", order("o-3", -5)), sqs_record("m-4", order("o-4")))
    result = handler(event, LambdaContext())
    assert result["batchItemFailures"] == [{"itemIdentifier": "m-2"}, {"itemIdentifier": "m-3"}]


def test_fulfils_a_redelivered_message_once(idempotency_records, monkeypatch):
    fulfilled = []
    original = orders.fulfil_order
    monkeypatch.setattr("handlers.worker.fulfil_order", lambda value: fulfilled.append(value.order_id) or original(value))
    message = sqs_record("m-1", order("o-1"))
    first = handler(sqs_event(message), LambdaContext())
    retry = handler(sqs_event(message), LambdaContext())
    assert first["batchItemFailures"] == retry["batchItemFailures"] == []
    assert fulfilled == ["o-1"]
    assert len(idempotency_records.completed()) == 1


def test_accepts_a_valid_order():
    assert parse_order(json.dumps(order("o-1"))) == Order(order_id="o-1", customer_id="c-1", amount=42)


@pytest.mark.parametrize("body", ["{}", "[]", "null", '{"orderId":"o","customerId":"c","amount":"1"}', '{"orderId":"","customerId":"c","amount":1}'])
def test_refuses_what_is_not_an_order(body):
    with pytest.raises(InvalidMessageError):
        parse_order(body)

"""Publishing with the attribute subscriptions filter on, and subscribers that report failed messages individually and act once per event."""

import json

import pytest

from domain.order_events import InvalidEventError
from handlers import billing_worker, publish_order_event, shipping_worker
from support import LambdaContext, sqs_event, sqs_record


def placed(event_id: str) -> dict:
    return {"eventId": event_id, "eventType": "OrderPlaced", "orderId": f"o-{event_id}", "total": 10}


class Topic:
    def __init__(self) -> None:
        self.published: list[dict] = []

    def publish(self, **message) -> dict:
        self.published.append(message)
        return {"MessageId": "m-1"}


def test_publishes_the_event_with_its_type_as_a_message_attribute(monkeypatch):
    topic = Topic()
    monkeypatch.setattr(publish_order_event, "sns", topic)
    result = publish_order_event.handler({"eventType": "OrderCancelled", "orderId": "o-1", "total": 5}, LambdaContext())
    message = topic.published[0]
    assert message["TopicArn"] == publish_order_event.TOPIC_ARN
    assert message["MessageAttributes"] == {"eventType": {"DataType": "String", "StringValue": "OrderCancelled"}}
    assert json.loads(message["Message"])["eventId"] == result["eventId"]


def test_refuses_an_unknown_event_type_without_publishing(monkeypatch):
    topic = Topic()
    monkeypatch.setattr(publish_order_event, "sns", topic)
    with pytest.raises(InvalidEventError):
        publish_order_event.handler({"eventType": "OrderShipped", "orderId": "o-1", "total": 5}, LambdaContext())
    assert topic.published == []


def test_billing_reports_only_the_malformed_message(idempotency_records):
    event = sqs_event(sqs_record("m-1", placed("e1")), sqs_record("m-2", {"eventType": "OrderPlaced"}), sqs_record("m-3", {**placed("e3"), "eventType": "OrderCancelled"}))
    assert billing_worker.handler(event, LambdaContext())["batchItemFailures"] == [{"itemIdentifier": "m-2"}]


def test_shipping_fails_a_message_its_filter_should_have_kept_out(idempotency_records):
    event = sqs_event(sqs_record("m-1", placed("e1")), sqs_record("m-2", {**placed("e2"), "eventType": "OrderCancelled"}))
    assert shipping_worker.handler(event, LambdaContext())["batchItemFailures"] == [{"itemIdentifier": "m-2"}]


def test_each_subscriber_handles_a_redelivered_event_once(idempotency_records, monkeypatch):
    billed, shipped = [], []
    monkeypatch.setattr(billing_worker, "logger", type("Log", (), {"info": lambda self, message, extra: billed.append(message)})())
    monkeypatch.setattr(shipping_worker, "logger", type("Log", (), {"info": lambda self, message: shipped.append(message)})())
    for _ in range(2):
        assert billing_worker.handler(sqs_event(sqs_record("m-1", placed("e1"))), LambdaContext())["batchItemFailures"] == []
        assert shipping_worker.handler(sqs_event(sqs_record("m-2", placed("e1"))), LambdaContext())["batchItemFailures"] == []
    # One record per subscriber: the same event id does not make shipping skip what billing did.
    assert billed == ["invoice issued"] and shipped == ["shipment prepared"]

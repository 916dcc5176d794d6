"""The outbox: one transaction with both items; the publisher reports only the events the bus refused; the consumer acts once per event."""

import json

import pytest
from botocore.exceptions import ClientError

from domain.outbox import InvalidOrderError
from handlers import create_order, order_created, publish_outbox
from support import LambdaContext


def outbox_record(sequence_number: str, event_id: str) -> dict:
    return {
        "eventName": "INSERT",
        "eventSource": "aws:dynamodb",
        "dynamodb": {
            "SequenceNumber": sequence_number,
            "NewImage": {
                "pk": {"S": f"OUTBOX#{event_id}"},
                "sk": {"S": "EVENT"},
                "type": {"S": "OUTBOX"},
                "eventId": {"S": event_id},
                "detailType": {"S": "OrderCreated"},
                "detail": {"S": json.dumps({"orderId": f"o-{event_id}"})},
            },
        },
    }


class Recorder:
    """Stands in for an AWS client: records the calls and answers with `answer(request)`."""

    def __init__(self, answer=lambda request: {}):
        self.calls: list[dict] = []
        self.answer = answer

    def __getattr__(self, operation):
        def call(**request):
            self.calls.append(request)
            return self.answer(request)

        return call


def test_writes_the_order_and_its_event_in_one_transaction(monkeypatch):
    dynamodb = Recorder()
    monkeypatch.setattr(create_order, "dynamodb", dynamodb)
    result = create_order.handler({"customerId": "c-1", "items": [{"sku": "sku-1", "quantity": 2}], "total": 30}, LambdaContext())
    assert len(dynamodb.calls) == 1
    items = [item["Put"]["Item"] for item in dynamodb.calls[0]["TransactItems"]]
    assert [item["type"] for item in items] == ["ORDER", "OUTBOX"]
    assert items[0]["orderId"] == result["orderId"] and items[0]["customerId"] == "c-1"
    assert items[1]["detailType"] == "OrderCreated"
    assert json.loads(items[1]["detail"])["orderId"] == result["orderId"]


def test_writes_nothing_for_an_invalid_order(monkeypatch):
    dynamodb = Recorder()
    monkeypatch.setattr(create_order, "dynamodb", dynamodb)
    with pytest.raises(InvalidOrderError, match="items"):
        create_order.handler({"customerId": "c-1", "items": [], "total": 30}, LambdaContext())
    assert dynamodb.calls == []


def test_fails_when_the_transaction_fails(monkeypatch):
    def cancelled(request):
        raise ClientError({"Error": {"Code": "TransactionCanceledException", "Message": "Transaction cancelled"}}, "TransactWriteItems")

    monkeypatch.setattr(create_order, "dynamodb", Recorder(cancelled))
    with pytest.raises(ClientError, match="Transaction cancelled"):
        create_order.handler({"customerId": "c-1", "items": [{"sku": "s", "quantity": 1}], "total": 1}, LambdaContext())


def test_publishes_each_outbox_event_and_reports_the_refused_one(monkeypatch):
    def answer(request):
        refused = json.loads(request["Entries"][0]["Detail"])["orderId"] == "o-e2"
        return {"FailedEntryCount": 1, "Entries": [{"ErrorCode": "InternalFailure"}]} if refused else {"FailedEntryCount": 0, "Entries": [{"EventId": "x"}]}

    events = Recorder(answer)
    monkeypatch.setattr(publish_outbox, "events", events)
    result = publish_outbox.handler({"Records": [outbox_record("100", "e1"), outbox_record("200", "e2"), outbox_record("300", "e3")]}, LambdaContext())
    assert len(events.calls) == 3
    assert events.calls[0]["Entries"][0]["EventBusName"] == "test-bus"
    assert result["batchItemFailures"] == [{"itemIdentifier": "200"}]


def test_ignores_items_that_are_not_outbox_events(monkeypatch):
    events = Recorder()
    monkeypatch.setattr(publish_outbox, "events", events)
    order = {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "1", "NewImage": {"type": {"S": "ORDER"}}}}
    assert publish_outbox.handler({"Records": [order]}, LambdaContext())["batchItemFailures"] == []
    assert events.calls == []


def order_created_event(event_id: str) -> dict:
    return {"id": event_id, "version": "0", "account": "123456789012", "time": "2026-01-01T00:00:00Z", "region": "eu-west-1", "resources": [], "source": "orders", "detail-type": "OrderCreated", "detail": {"orderId": "o-1", "customerId": "c-1", "total": 3}}


def test_handles_an_order_created_event_once_however_often_it_is_delivered(idempotency_records, monkeypatch):
    reactions = []
    monkeypatch.setattr(order_created, "react", reactions.append)
    assert order_created.handler(order_created_event("ev-1"), LambdaContext()) == {"orderId": "o-1"}
    assert order_created.handler(order_created_event("ev-1"), LambdaContext()) == {"orderId": "o-1"}
    assert len(reactions) == 1

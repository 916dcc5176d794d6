"""The receiver refuses bad signatures and replayed timestamps with 401 and queues good deliveries with 202; the worker reports failures per message and processes a redelivery once."""

import json
import time

import pytest

from domain.signature import sign, verify
from handlers import process_webhook, receive_webhook
from support import LambdaContext, sqs_event, sqs_record

SECRET = "whsec_test_0123456789"
BODY = json.dumps({"id": "evt_1", "type": "invoice.paid"})


def request(body: str, timestamp: int, signature: str) -> dict:
    return {
        "resource": "/webhook",
        "path": "/webhook",
        "httpMethod": "POST",
        "headers": {"Content-Type": "application/json", "X-Webhook-Timestamp": str(timestamp), "X-Webhook-Signature": signature},
        "multiValueHeaders": {},
        "queryStringParameters": None,
        "body": body,
        "isBase64Encoded": False,
        "requestContext": {"requestId": "req-1", "stage": "live", "resourcePath": "/webhook", "httpMethod": "POST"},
    }


def signed(body: str, age_seconds: int = 0, secret: str = SECRET) -> dict:
    timestamp = int(time.time()) - age_seconds
    return request(body, timestamp, sign(secret, str(timestamp), body))


class Secrets:
    def get(self, name: str, max_age: int) -> str:
        return SECRET


class Queue:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    def send_message(self, **message) -> dict:
        self.sent.append(message)
        return {"MessageId": "m-1"}


@pytest.fixture
def queue(monkeypatch) -> Queue:
    queue = Queue()
    monkeypatch.setattr(receive_webhook, "secrets", Secrets())
    monkeypatch.setattr(receive_webhook, "sqs", queue)
    return queue


def test_answers_202_and_queues_a_correctly_signed_delivery(queue):
    response = receive_webhook.handler(signed(BODY), LambdaContext())
    assert response["statusCode"] == 202
    assert len(queue.sent) == 1
    assert queue.sent[0]["QueueUrl"] == receive_webhook.QUEUE_URL
    assert queue.sent[0]["MessageBody"] == BODY


def test_answers_401_to_a_bad_signature_and_queues_nothing(queue):
    assert receive_webhook.handler(signed(BODY, secret="another-secret"), LambdaContext())["statusCode"] == 401
    assert queue.sent == []


def test_answers_401_to_a_body_changed_after_signing(queue):
    event = signed(BODY)
    event["body"] = BODY.replace("paid", "void")
    assert receive_webhook.handler(event, LambdaContext())["statusCode"] == 401
    assert queue.sent == []


def test_refuses_a_replayed_request_older_than_the_tolerance_even_correctly_signed(queue):
    assert receive_webhook.handler(signed(BODY, age_seconds=301), LambdaContext())["statusCode"] == 401
    assert queue.sent == []


def test_answers_401_without_the_signature_headers(queue):
    event = signed(BODY)
    event["headers"] = {}
    assert receive_webhook.handler(event, LambdaContext())["statusCode"] == 401


def test_answers_400_to_a_signed_body_that_is_not_json(queue):
    assert receive_webhook.handler(signed("not json"), LambdaContext())["statusCode"] == 400
    assert queue.sent == []


def test_verify_names_why_a_request_is_refused():
    assert verify(SECRET, "b", "1000", sign(SECRET, "1000", "b"), 1000, 300) == "ok"
    assert verify(SECRET, "b", "1000", sign(SECRET, "1000", "b"), 1301, 300) == "stale-timestamp"
    assert verify(SECRET, "b", "1000", "short", 1000, 300) == "bad-signature"
    assert verify(SECRET, "b", None, "x", 1000, 300) == "missing-headers"


def test_worker_reports_only_the_deliveries_it_could_not_process(idempotency_records):
    event = sqs_event(sqs_record("m-1", {"id": "evt_1", "type": "invoice.paid"}), sqs_record("m-2", {"type": "no id"}), sqs_record("m-3", "{"))
    result = process_webhook.handler(event, LambdaContext())
    assert result["batchItemFailures"] == [{"itemIdentifier": "m-2"}, {"itemIdentifier": "m-3"}]


def test_worker_processes_a_delivery_the_sender_retried_once(idempotency_records, monkeypatch):
    reactions = []
    monkeypatch.setattr(process_webhook, "react", reactions.append)
    # The sender retried: a second message (new message id) with the same event id.
    event = sqs_event(sqs_record("m-1", {"id": "evt_1", "type": "invoice.paid"}), sqs_record("m-2", {"id": "evt_1", "type": "invoice.paid"}))
    assert process_webhook.handler(event, LambdaContext())["batchItemFailures"] == []
    assert [delivery["id"] for delivery in reactions] == ["evt_1"]

"""Test setup: the configuration the stack gives the functions, with test values, set before any handler is imported."""

import os

import pytest

from support import InMemoryIdempotencyStore

os.environ.update(
    {
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        # Powertools: quiet logs, no X-Ray daemon, no metrics printed.
        "POWERTOOLS_SERVICE_NAME": "unit-test",
        "POWERTOOLS_LOG_LEVEL": "CRITICAL",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_NAMESPACE": "unit-test",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "IDEMPOTENCY_TABLE_NAME": "test-idempotency",
        "TABLE_NAME": "test-table",
        "QUEUE_URL": "https://sqs.eu-west-1.amazonaws.com/123456789012/test-queue",
        "EVENT_BUS_NAME": "test-bus",
        "TOPIC_ARN": "arn:aws:sns:eu-west-1:123456789012:test-topic",
        "WEBHOOK_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:test-webhook-secret",
        "SIGNATURE_TOLERANCE_SECONDS": "300",
    }
)


@pytest.fixture
def idempotency_records(monkeypatch: pytest.MonkeyPatch) -> InMemoryIdempotencyStore:
    """The idempotency table, in memory: every handler's records go to it for the duration of a test."""
    from shared.idempotency import persistence_store

    store = InMemoryIdempotencyStore()
    store.replace(persistence_store, monkeypatch)
    return store

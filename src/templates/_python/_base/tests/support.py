"""Test doubles for what Lambda passes a handler (a context, SQS records) and for the idempotency table."""

import json
from dataclasses import dataclass
from typing import Any

import pytest
from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError
from aws_lambda_powertools.utilities.idempotency.persistence.base import BasePersistenceLayer
from aws_lambda_powertools.utilities.idempotency.persistence.datarecord import DataRecord


@dataclass
class LambdaContext:
    function_name: str = "test-function"
    function_version: str = "$LATEST"
    invoked_function_arn: str = "arn:aws:lambda:eu-west-1:123456789012:function:test-function"
    memory_limit_in_mb: int = 512
    aws_request_id: str = "c6af9ac6-7b61-11e6-9a41-93e812345678"
    log_group_name: str = "/aws/lambda/test-function"
    log_stream_name: str = "2026/01/01/[$LATEST]abcdef"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def sqs_record(message_id: str, body: Any) -> dict[str, Any]:
    return {
        "messageId": message_id,
        "receiptHandle": f"handle-{message_id}",
        "body": body if isinstance(body, str) else json.dumps(body),
        "attributes": {
            "ApproximateReceiveCount": "1",
            "SentTimestamp": "1767225600000",
            "SenderId": "AIDAEXAMPLE",
            "ApproximateFirstReceiveTimestamp": "1767225600000",
        },
        "messageAttributes": {},
        "md5OfBody": "not-checked",
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:test-queue",
        "awsRegion": "eu-west-1",
    }


def sqs_event(*records: dict[str, Any]) -> dict[str, Any]:
    return {"Records": list(records)}


class InMemoryIdempotencyStore:
    """Replaces the DynamoDB reads and writes of a Powertools persistence layer with a dict, with the same conditions."""

    def __init__(self) -> None:
        self.records: dict[str, DataRecord] = {}

    def replace(self, layer: BasePersistenceLayer, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(layer, "_get_record", self._get_record)
        monkeypatch.setattr(layer, "_put_record", self._put_record)
        monkeypatch.setattr(layer, "_update_record", self._save)
        monkeypatch.setattr(layer, "_delete_record", self._delete_record)

    def completed(self) -> list[str]:
        return [key for key, record in self.records.items() if record.status == "COMPLETED"]

    def _get_record(self, idempotency_key: str) -> DataRecord:
        if idempotency_key not in self.records:
            raise IdempotencyItemNotFoundError
        return self.records[idempotency_key]

    def _put_record(self, data_record: DataRecord) -> None:
        # The table's condition: a record that exists and has not expired is not overwritten.
        existing = self.records.get(data_record.idempotency_key)
        if existing is not None and not existing.is_expired:
            raise IdempotencyItemAlreadyExistsError(old_data_record=existing)
        self._save(data_record)

    def _save(self, data_record: DataRecord) -> None:
        self.records[data_record.idempotency_key] = data_record

    def _delete_record(self, data_record: DataRecord) -> None:
        self.records.pop(data_record.idempotency_key, None)

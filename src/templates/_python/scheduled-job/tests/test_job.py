"""The job runs once for a scheduled time, however often it is invoked for it, and refuses input that did not come from the schedule."""

import pytest

from handlers import job
from support import LambdaContext


def test_runs_for_the_scheduled_time_it_is_given(idempotency_records):
    assert job.handler({"scheduledTime": "2026-11-23T06:00:00Z", "executionId": "e-1"}, LambdaContext()) == {"scheduledTime": "2026-11-23T06:00:00Z", "processed": 0}


def test_fails_on_a_run_without_a_valid_scheduled_time(idempotency_records):
    with pytest.raises(job.InvalidRunError):
        job.handler({"scheduledTime": "yesterday", "executionId": "e-2"}, LambdaContext())


def test_a_retried_run_does_the_work_once(idempotency_records, monkeypatch):
    runs = []
    monkeypatch.setattr(job, "run_job", lambda scheduled_time: runs.append(scheduled_time) or {"scheduledTime": scheduled_time, "processed": 0})
    for execution_id in ("e-1", "e-1-retry"):
        job.handler({"scheduledTime": "2026-11-23T06:00:00Z", "executionId": execution_id}, LambdaContext())
    assert runs == ["2026-11-23T06:00:00Z"]

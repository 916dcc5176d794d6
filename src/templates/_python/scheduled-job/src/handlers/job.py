"""Scheduled job: runs once per scheduled time (Powertools idempotency), however often the scheduler or Lambda retries it."""

from datetime import datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent
from aws_lambda_powertools.utilities.typing import LambdaContext

from shared.idempotency import persistence_store
from shared.powertools import logger, metrics, tracer

idempotency_config = IdempotencyConfig(event_key_jmespath="scheduledTime", expires_after_seconds=7 * 24 * 60 * 60)


class InvalidRunError(Exception):
    """Input that did not come from the schedule: the invocation fails and goes to the failure destination."""


def run_job(scheduled_time: str) -> dict[str, Any]:
    """The work of one run. Replace with the job (a report, a clean-up, a sync); keep it shorter than the function timeout."""
    logger.info("job run")
    return {"scheduledTime": scheduled_time, "processed": 0}


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
@idempotent(config=idempotency_config, persistence_store=persistence_store)
def handler(run: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    scheduled_time = run.get("scheduledTime")
    try:
        datetime.fromisoformat(str(scheduled_time).replace("Z", "+00:00"))
    except ValueError as error:
        raise InvalidRunError(f'scheduledTime "{scheduled_time}" is not a date') from error
    logger.append_keys(scheduledTime=scheduled_time, executionId=run.get("executionId"))
    result = run_job(scheduled_time)
    metrics.add_metric(name="JobRuns", unit=MetricUnit.Count, value=1)
    return result

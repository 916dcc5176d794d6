"""Webhook receiver: checks the signature, enqueues the payload and answers 202 at once; the worker does the processing."""

import json
import os
import time
from typing import Any

import boto3
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities import parameters
from aws_lambda_powertools.utilities.typing import LambdaContext

from domain.signature import verify
from shared.powertools import logger, metrics, tracer

# Created once per execution environment and reused by every invocation.
app = APIGatewayRestResolver()
sqs = boto3.client("sqs")
secrets = parameters.SecretsProvider()
QUEUE_URL = os.environ.get("QUEUE_URL", "")
SECRET_ARN = os.environ.get("WEBHOOK_SECRET_ARN", "")
TOLERANCE_SECONDS = int(os.environ.get("SIGNATURE_TOLERANCE_SECONDS", "300"))
# The secret is cached for five minutes: rotation takes effect within that time, and most requests cost no Secrets Manager call.
SECRET_MAX_AGE_SECONDS = 300


def respond(status_code: int, body: dict[str, Any]) -> Response:
    return Response(status_code=status_code, content_type=content_types.APPLICATION_JSON, body=json.dumps(body))


@app.post("/webhook")
@tracer.capture_method
def receive() -> Response:
    event = app.current_event
    body = event.decoded_body or ""
    request_id = event.request_context.request_id or app.lambda_context.aws_request_id
    secret = secrets.get(SECRET_ARN, max_age=SECRET_MAX_AGE_SECONDS)
    if not isinstance(secret, str) or secret == "":
        raise ValueError("the webhook secret is empty")
    verdict = verify(secret, body, event.headers.get("x-webhook-timestamp"), event.headers.get("x-webhook-signature"), int(time.time()), TOLERANCE_SECONDS)
    if verdict != "ok":
        # The reason is logged for operators; the caller learns nothing that helps forging a request.
        logger.warning("webhook refused", extra={"reason": verdict})
        metrics.add_metric(name="WebhooksRefused", unit=MetricUnit.Count, value=1)
        return respond(401, {"message": "invalid signature"})
    try:
        json.loads(body)
    except json.JSONDecodeError:
        return respond(400, {"message": "body must be JSON"})
    sqs.send_message(QueueUrl=QUEUE_URL, MessageBody=body, MessageAttributes={"correlationId": {"DataType": "String", "StringValue": request_id}})
    logger.info("webhook accepted")
    metrics.add_metric(name="WebhooksAccepted", unit=MetricUnit.Count, value=1)
    return respond(202, {"accepted": True, "requestId": request_id})


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

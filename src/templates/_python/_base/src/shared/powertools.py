"""Powertools for AWS Lambda (Python), created once per execution environment and shared by every handler of this project."""

from aws_lambda_powertools import Logger, Metrics, Tracer

# JSON logs with the service name (POWERTOOLS_SERVICE_NAME); `inject_lambda_context` adds the request id and cold start.
logger = Logger()

# X-Ray tracing; boto3 calls appear as subsegments. Disabled outside Lambda by POWERTOOLS_TRACE_DISABLED.
tracer = Tracer()

# CloudWatch metrics in the embedded metric format, in the POWERTOOLS_METRICS_NAMESPACE namespace.
metrics = Metrics()

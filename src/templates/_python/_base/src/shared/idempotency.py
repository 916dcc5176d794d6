"""The idempotency records (Powertools idempotency on DynamoDB), shared by every handler that must act once per event."""

import os

from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer

# Created once per execution environment; the table's TTL removes records after their expiry.
persistence_store = DynamoDBPersistenceLayer(table_name=os.environ.get("IDEMPOTENCY_TABLE_NAME", ""))

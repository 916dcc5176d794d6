"""Booking state in DynamoDB. Every step is a conditional status change, so running a step twice changes nothing."""

import os
from datetime import datetime, timezone
from typing import Any, Literal, TypedDict

import boto3
from botocore.exceptions import ClientError

# Created once per execution environment and reused by every invocation.
table = boto3.resource("dynamodb").Table(os.environ.get("TABLE_NAME", ""))

BookingStatus = Literal["RESERVED", "CHARGED", "CONFIRMED", "REFUNDED", "CANCELLED"]


class BookingRequest(TypedDict):
    """What the state machine is started with."""

    bookingId: str
    customerId: str
    seats: int
    amount: float


class InvalidTransitionError(Exception):
    """A step that cannot happen from the booking's current state: retrying will not help."""


def transition(booking_id: str, to: BookingStatus, from_: list[str], attributes: dict[str, Any] | None = None) -> bool:
    """
    Moves a booking to `to` when its status is one of `from_` (or it does not exist yet, when
    `from_` includes 'NEW'). Returns False when the booking is in another state.
    """
    names = {"#status": "status", "#updatedAt": "updatedAt"}
    values: dict[str, Any] = {":to": to, ":now": datetime.now(timezone.utc).isoformat()}
    sets = ["#status = :to", "#updatedAt = :now"]
    for index, (key, value) in enumerate((attributes or {}).items()):
        names[f"#a{index}"] = key
        values[f":a{index}"] = value
        sets.append(f"#a{index} = :a{index}")
    allowed = [status for status in from_ if status != "NEW"]
    for index, status in enumerate(allowed):
        values[f":from{index}"] = status
    conditions = ["attribute_not_exists(bookingId)"] if "NEW" in from_ else []
    if allowed:
        conditions.append(f"#status IN ({', '.join(f':from{index}' for index in range(len(allowed)))})")
    try:
        table.update_item(
            Key={"bookingId": booking_id},
            UpdateExpression=f"SET {', '.join(sets)}",
            ConditionExpression=" OR ".join(conditions),
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
            return False
        raise
    return True

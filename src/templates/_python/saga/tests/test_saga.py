"""The saga as Step Functions runs it: steps in order, and on a failure the completed steps compensated in reverse order, once."""

import json
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from asl import execute
from handlers import cancel_reservation, charge, confirm, refund_payment, reserve
from support import LambdaContext

DEFINITION = json.loads((Path(__file__).parent.parent / "statemachine" / "booking.asl.json").read_text())
HANDLERS = {
    "ReserveFunctionArn": reserve.handler,
    "ChargeFunctionArn": charge.handler,
    "ConfirmFunctionArn": confirm.handler,
    "RefundPaymentFunctionArn": refund_payment.handler,
    "CancelReservationFunctionArn": cancel_reservation.handler,
}
REQUEST = {"bookingId": "b-1", "customerId": "c-1", "seats": 2, "amount": 120}


class BookingsTable:
    """Replaces the DynamoDB table: records each status change; a status in `failing` fails to be written, as a throttled table would."""

    def __init__(self, *failing: str) -> None:
        self.failing = set(failing)
        self.statuses: list[str] = []

    def update_item(self, **request) -> dict:
        status = request["ExpressionAttributeValues"][":to"]
        if status in self.failing:
            raise ClientError({"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "Rate exceeded"}}, "UpdateItem")
        self.statuses.append(status)
        return {}


@pytest.fixture
def bookings(monkeypatch):
    def install(*failing: str) -> BookingsTable:
        table = BookingsTable(*failing)
        monkeypatch.setattr("domain.bookings.table", table)
        return table

    return install


def test_reserves_charges_and_confirms(bookings, idempotency_records):
    table = bookings()
    execution = execute(DEFINITION, HANDLERS, REQUEST, LambdaContext())
    assert execution.status == "SUCCEEDED"
    assert execution.visited == ["Reserve", "Charge", "Confirm", "BookingConfirmed"]
    assert table.statuses == ["RESERVED", "CHARGED", "CONFIRMED"]


def test_refunds_then_cancels_when_confirming_fails(bookings, idempotency_records):
    table = bookings("CONFIRMED")
    execution = execute(DEFINITION, HANDLERS, REQUEST, LambdaContext())
    assert execution.status == "FAILED"
    assert execution.error == "BookingFailed"
    assert execution.visited == ["Reserve", "Charge", "Confirm", "RefundPayment", "CancelReservation", "BookingFailed"]
    assert table.statuses == ["RESERVED", "CHARGED", "REFUNDED", "CANCELLED"]


def test_runs_the_compensations_after_a_failed_charge_in_reverse_order(bookings, idempotency_records):
    table = bookings("CHARGED")
    execution = execute(DEFINITION, HANDLERS, REQUEST, LambdaContext())
    assert execution.visited == ["Reserve", "Charge", "RefundPayment", "CancelReservation", "BookingFailed"]
    assert table.statuses == ["RESERVED", "REFUNDED", "CANCELLED"]
    assert execution.output["error"]["Error"] == "ClientError"
    assert "ProvisionedThroughputExceededException" in execution.output["error"]["Cause"]


def test_ends_in_compensation_failed_when_a_compensation_keeps_failing(bookings, idempotency_records):
    bookings("CHARGED", "REFUNDED")
    execution = execute(DEFINITION, HANDLERS, REQUEST, LambdaContext())
    assert execution.visited == ["Reserve", "Charge", "RefundPayment", "CompensationFailed"]
    assert execution.error == "CompensationFailed"


def test_a_retried_compensation_refunds_once(bookings, idempotency_records):
    table = bookings()
    charged = {**REQUEST, "error": {"Error": "States.Timeout"}}
    first = refund_payment.handler(charged, LambdaContext())
    retry = refund_payment.handler(charged, LambdaContext())
    assert first == retry == {"refunded": True}
    assert table.statuses == ["REFUNDED"]


def test_every_task_retries_catches_and_has_a_timeout():
    for name, state in DEFINITION["States"].items():
        if state["Type"] == "Task":
            assert isinstance(state.get("TimeoutSeconds"), int), name
            assert state.get("Retry") and state.get("Catch"), name

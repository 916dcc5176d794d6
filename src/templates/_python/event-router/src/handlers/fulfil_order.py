"""Route target: starts fulfilment of a placed order."""

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent

from domain.routed_event import InvalidEventError, routed_event_handler
from shared.powertools import logger, metrics


def fulfil(event: EventBridgeEvent) -> dict:
    order_id, items = event.detail.get("orderId"), event.detail.get("items")
    if not isinstance(order_id, str) or not isinstance(items, list) or len(items) == 0:
        raise InvalidEventError("OrderPlaced needs an orderId and items")
    # Replace with the fulfilment call (a warehouse API, a Step Functions execution).
    logger.info("fulfilment started", extra={"orderId": order_id, "lines": len(items)})
    metrics.add_metric(name="FulfilmentsStarted", unit=MetricUnit.Count, value=1)
    return {"orderId": order_id}


handler = routed_event_handler(fulfil)

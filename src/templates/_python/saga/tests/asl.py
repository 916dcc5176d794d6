"""A small local runner for the saga's state machine definition: Task, Succeed and Fail states, ResultPath and Catch.

It runs the real definition file against the real handlers, so tests see the order in which steps and compensations run.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

TaskHandler = Callable[[dict[str, Any], Any], Any]


@dataclass
class Execution:
    status: str
    visited: list[str]
    output: dict[str, Any]
    error: str | None = None


def _with_result(data: dict[str, Any], result_path: str | None, result: Any) -> dict[str, Any]:
    if result_path is None:
        return data
    if result_path == "$":
        return result
    return {**data, result_path.removeprefix("$."): result}


def execute(definition: dict[str, Any], handlers: dict[str, TaskHandler], data: dict[str, Any], context: Any) -> Execution:
    """Runs the definition; `handlers` maps each `${Substitution}` of a Task's Resource to the function it names.

    A handler's exception becomes the error named by its class, as Lambda reports it to Step Functions.
    """
    visited: list[str] = []
    name = definition["StartAt"]
    for _ in range(100):
        state = definition["States"][name]
        visited.append(name)
        if state["Type"] == "Succeed":
            return Execution("SUCCEEDED", visited, data)
        if state["Type"] == "Fail":
            return Execution("FAILED", visited, data, error=state.get("Error"))
        if state["Type"] == "Task":
            variable = re.fullmatch(r"\$\{(\w+)\}", state.get("Resource", ""))
            handler = handlers.get(variable.group(1)) if variable else None
            if handler is None:
                raise KeyError(f"no handler for {state.get('Resource')}")
            try:
                data = _with_result(data, state.get("ResultPath", "$"), handler(dict(data), context))
            except Exception as error:  # noqa: BLE001 - any failure of a task is what Catch decides about
                error_name = type(error).__name__
                rule = next((rule for rule in state.get("Catch", []) if "States.ALL" in rule["ErrorEquals"] or error_name in rule["ErrorEquals"]), None)
                if rule is None:
                    return Execution("FAILED", visited, data, error=error_name)
                data = _with_result(data, rule.get("ResultPath", "$"), {"Error": error_name, "Cause": str(error)})
                name = rule["Next"]
                continue
        if state.get("End") or "Next" not in state:
            return Execution("SUCCEEDED", visited, data)
        name = state["Next"]
    raise RuntimeError("the execution did not end within 100 states")

"""Property-based tests of the whole API: schemathesis generates requests from the live
OpenAPI schema and sends them to the Django WSGI app in-process, against the test database
holding the demo city, with a supervisor's token. No generated request may cause a 5xx,
and every answer must be one the schema documents (status code, content type, body).

The schema is loaded when the module is imported (serving it needs no database); each API
operation becomes one test with its own transaction and its own copy of the demo city.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from fazhi.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
STEPS = ("assign", "accept", "extend", "report", "return", "close")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def connection_kept():
    """Django closes "old" connections when a request starts and ends; inside the test's
    transaction that would end the transaction, so keep it, as Django's test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def demo_city(db):
    """The demo city's records, and a token of its supervisor (who may read all of them)."""
    from fazhi.core import demo
    from fazhi.core.models import ApiToken
    from fazhi.supervision.models import SupervisionItem

    city = demo.load()
    token = ApiToken.issue(city.users["supervisor"], "schemathesis")
    return {"token": token, "items": list(SupervisionItem.objects.values_list("pk", flat=True))}


def aim_at_demo_records(case, items: list[int]) -> None:
    """Generated ids and step names rarely name anything; send most of them to the demo's
    items and the procedure's steps, so that the steps run with generated bodies."""
    params = case.path_parameters or {}
    if isinstance(params.get("item_id"), int) and params["item_id"] % 5:
        params["item_id"] = items[params["item_id"] % len(items)]
    if isinstance(params.get("step"), str) and len(params["step"]) % 7:
        params["step"] = STEPS[len(params["step"]) % 7 - 1]


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_generated_request_causes_a_server_error(case, connection_kept, demo_city):
    aim_at_demo_records(case, demo_city["items"])
    response = case.call(headers={"Authorization": f"Bearer {demo_city['token']}"})
    case.validate_response(response, checks=CHECKS)

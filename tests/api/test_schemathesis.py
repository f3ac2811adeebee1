"""The API and its OpenAPI schema agree: schemathesis (property-based, from PyPI) generates
requests from the schema for every operation and sends them, in-process, as every role and
as an anonymous caller, on SQLite and on PostgreSQL (tools/test runs the suite on both). Every
check must pass: no server error, status codes, content types, headers and bodies as
documented, invalid requests refused and valid ones accepted.

Fixed seed (hypothesis `derandomize`), a bounded number of examples per operation and role
(`SOMELUOTSI_SCHEMATHESIS_EXAMPLES`, default 6) so that the run fits CI.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from someluotsi.accounts.enums import Role
from tests.factories import ChannelFactory, UserFactory
from tests.urlcatalogue.world import ROLES

EXAMPLES = int(os.environ.get("SOMELUOTSI_SCHEMATHESIS_EXAMPLES", "4"))
# The fixed seed, and the fuzzing phase: random valid and invalid requests (invalid ones must be
# refused). The coverage phase (every boundary of every field) is on with
# SOMELUOTSI_SCHEMATHESIS_COVERAGE=1; it takes much longer than CI allows on two cores.
COVERAGE = os.environ.get("SOMELUOTSI_SCHEMATHESIS_COVERAGE") == "1"
CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {
        "seed": 20261129,
        "phases": {"examples": {"enabled": False}, "coverage": {"enabled": COVERAGE}},
        "generation": {"mode": "all"},
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application, config=CONFIG)
CASES: Counter[str] = Counter()


@pytest.fixture
def tokens(db: None) -> dict[str, str]:
    """One API token per role; a channel so that lists are not all empty."""
    keys: dict[str, str] = {}
    for role in Role:
        user = UserFactory.create(roles=[role], username=f"st-{role.value}")
        keys[role.value] = Token.objects.create(user=user).key
    ChannelFactory.create()
    return keys


@pytest.fixture
def _test_connection_kept() -> Iterator[None]:
    """The calls go through the WSGI handler, whose request signals close "old" database
    connections; inside the test's transaction (autocommit off) Django takes the connection for
    obsolete and closes it, which on PostgreSQL ends the test's transaction (an in-memory SQLite
    is never closed). Django's test client disconnects these receivers the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    total = sum(CASES.values())
    print(f"\nschemathesis: {total} cases over {len(CASES)} operation x role runs")  # noqa: T201


@pytest.mark.django_db
@pytest.mark.usefixtures("_test_connection_kept")
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.value if role else "anonymous")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(
    case: schemathesis.Case[Any], role: Role | None, tokens: dict[str, str]
) -> None:
    headers = {"Authorization": f"Token {tokens[role.value]}"} if role else {}
    CASES[f"{case.operation.label} {role}"] += 1
    # Not run: positive_data_acceptance. A schema-valid id or unit code that names no existing
    # object is refused with a 400 naming the field; schemathesis cannot know which exist.
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

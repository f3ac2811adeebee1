"""Any string, lone surrogates included, gets a report from the HTTP API, never a 500."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User

ANY_TEXT = st.one_of(
    st.text(max_size=200),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=5),
    st.lists(
        st.sampled_from(["\ud800", "\udfff", "131052-308T", "040\u2011123 4567", "🇫🇮", " ", "a"]),
        max_size=12,
    ).map("".join),
)


@pytest.mark.django_db
def test_any_string_gets_a_report_or_a_client_error(make_user: Callable[..., User]) -> None:
    user = make_user(Role.EMPLOYEE)
    client = APIClient()
    client.force_authenticate(user)

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(ANY_TEXT, st.booleans())
    def post(text: str, save_text: bool) -> None:
        body = json.dumps({"text": text, "save_text": save_text})  # \ud800 as a JSON escape
        response = client.post("/api/v1/check", body, content_type="application/json")
        assert response.status_code < 500, response.content[:300]
        if response.status_code == 200:
            report = json.loads(response.content)
            for finding in report["findings"]:
                assert 0 <= finding["start"] <= finding["end"] <= len(text)

    post()

"""A removal that names no absence (a forged or stale form: `absence=abc`, an id that is gone)
is answered with what is wrong, never with the new-absence form's "required" errors; a real
removal still works."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from someluotsi.channels.models import MaintainerAbsence
from tests.channels.conftest import City

NO_SUCH = {
    "fi": "Tällaista poissaoloa ei ole",
    "sv": "Det finns ingen sådan frånvaro",
    "en": "There is no such absence",
}


def _client(city: City, language: str) -> Client:
    client = Client()
    client.force_login(city.requester)
    client.cookies["someluotsi_language"] = language
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    "data",
    [
        {"absence": "abc"},
        {"absence": "abc", "action": "delete"},
        {"absence": "999999", "action": "delete"},
        {"action": "delete"},
    ],
)
def test_a_removal_of_no_absence_says_so(city: City, language: str, data: dict[str, str]) -> None:
    today = timezone.localdate()
    kept = MaintainerAbsence.objects.create(user=city.requester, starts_on=today, ends_on=today)
    response = _client(city, language).post(reverse("channels:absences"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert NO_SUCH[language] in page
    # The new-absence form is not the one refused: no error summary, no field errors.
    assert 'class="form-errors' not in page
    assert "field-error" not in page
    assert MaintainerAbsence.objects.filter(pk=kept.pk).exists()


@pytest.mark.django_db
def test_a_real_removal_still_removes(city: City) -> None:
    today = timezone.localdate()
    absence = MaintainerAbsence.objects.create(user=city.requester, starts_on=today, ends_on=today)
    response = _client(city, "en").post(
        reverse("channels:absences"), {"absence": str(absence.pk), "action": "delete"}
    )
    assert response.status_code == 302
    assert not MaintainerAbsence.objects.filter(pk=absence.pk).exists()

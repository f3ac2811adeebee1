"""A local time the clocks skip (the spring daylight saving change) or pass twice (autumn) is
refused with a sentence saying so and what to pick, in the composer and the API alike (found by
a fresh tester: "…-arvoa ei pystytty lukemaan aikavyöhykkeellä Europe/Helsinki; se saattaa olla
moniarvoinen…")."""

from __future__ import annotations

from datetime import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from rest_framework import serializers

from someluotsi.core.dates import BoundedDateTimeField, BoundedDateTimeSerializerField
from someluotsi.publishing.forms import DATETIME_INPUT
from someluotsi.publishing.models import Post
from tests.publishing.conftest import World

SKIPPED = "2027-03-28T03:30"  # Europe/Helsinki: 03:00 → 04:00
REPEATED = "2027-10-31T03:30"  # Europe/Helsinki: 04:00 → 03:00

MESSAGES = {
    ("fi", SKIPPED): "Aikaa 28.3.2027 klo 3.30 ei ole: kellot siirretään sinä yönä eteenpäin "
    "klo 3.00 → 4.00 (kesäaika alkaa). Valitse aika ennen klo 3.00 tai klo 4.00 tai myöhemmin.",
    ("fi", REPEATED): "Aika 31.10.2027 klo 3.30 on kahteen kertaan: kellot siirretään sinä yönä "
    "taaksepäin klo 4.00 → 3.00 (kesäaika päättyy). Valitse aika ennen klo 3.00 tai klo 4.00 "
    "tai myöhemmin.",
    ("sv", SKIPPED): "28.3.2027 kl. 03:30 finns inte: klockorna ställs fram från 03:00 till "
    "04:00 den natten (sommartiden börjar). Välj en tid före 03:00 eller från 04:00.",
    ("sv", REPEATED): "31.10.2027 kl. 03:30 infaller två gånger: klockorna ställs tillbaka från "
    "04:00 till 03:00 den natten (sommartiden slutar). Välj en tid före 03:00 eller från 04:00.",
    ("en", SKIPPED): "03:30 on 28 Mar 2027 does not exist: the clocks go forward from 03:00 to "
    "04:00 that night (summer time begins). Pick a time before 03:00 or from 04:00 on.",
    ("en", REPEATED): "03:30 on 31 Oct 2027 comes twice: the clocks go back from 04:00 to 03:00 "
    "that night (summer time ends). Pick a time before 03:00 or from 04:00 on.",
}
CASES = sorted(MESSAGES)


def _form_error(value: str) -> str:
    field = BoundedDateTimeField(input_formats=DATETIME_INPUT)
    with pytest.raises(forms.ValidationError) as error:
        field.clean(value)
    return str(error.value.messages[0])


def _api_error(value: str) -> str:
    field = BoundedDateTimeSerializerField()
    with pytest.raises(serializers.ValidationError) as error:
        field.run_validation(value)
    return str(error.value.detail[0])  # type: ignore[index]


@pytest.mark.parametrize(("language", "value"), CASES)
def test_a_form_time_the_clocks_skip_or_repeat_is_explained(language: str, value: str) -> None:
    with translation.override(language):
        assert _form_error(value) == MESSAGES[(language, value)]


@pytest.mark.parametrize(("language", "value"), CASES)
def test_an_api_time_the_clocks_skip_or_repeat_is_explained(language: str, value: str) -> None:
    with translation.override(language):
        assert _api_error(value) == MESSAGES[(language, value)]


@pytest.mark.parametrize(
    "value", ["2027-03-28T02:59", "2027-03-28T04:00", "2027-10-31T02:59", "2027-10-31T04:00"]
)
def test_the_times_either_side_are_taken(value: str) -> None:
    local = datetime.fromisoformat(value)
    assert (
        BoundedDateTimeField(input_formats=DATETIME_INPUT).clean(value).replace(tzinfo=None)
        == local
    )
    moment = BoundedDateTimeSerializerField().run_validation(value)
    assert moment.replace(tzinfo=None) == local


def test_an_api_time_with_an_offset_is_never_ambiguous() -> None:
    moment = BoundedDateTimeSerializerField().run_validation("2027-10-31T03:30+02:00")
    assert moment.utcoffset() is not None


def test_the_composer_explains_a_skipped_hour(world: World) -> None:
    from django.test import Client

    client = Client()
    client.force_login(world.updater)
    with translation.override("fi"):
        expected = MESSAGES[("fi", SKIPPED)]
    data = {
        "title": "Uimahalli",
        "channels": [world.city.pk],
        "text": "Uimahalli avataan maanantaina.",
        "scheduled_at": SKIPPED,
    }
    page = client.post(reverse("publishing:compose"), data).content.decode()
    assert expected in page
    assert "moniarvoinen" not in page
    assert not Post.objects.exists()

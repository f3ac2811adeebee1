"""The mavi team's reply templates are shared wording edited through a form: a teammate's save
in between is refused like any stale edit (core.conflicts), the refused text stays in its cell
with the message (fi, sv, en), and nothing is written. The form carries version 0 while no
wording was saved yet, so two first saves of the same cell conflict too."""

from __future__ import annotations

import pytest
from django.test import Client

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import RoleAssignment, User
from someluotsi.audit.models import AuditEvent
from someluotsi.core.conflicts import EditConflictError
from someluotsi.inbox.models import ReplyTemplate
from someluotsi.inbox.services import reply_template_save
from tests.factories import UserFactory
from tests.inbox.conftest import World

CONFLICT = {
    "fi": "Muutoksiasi ei tallennettu",
    "sv": "Dina ändringar sparades inte",
    "en": "Your changes were not saved",
}
DAMAGED = {
    "fi": "versiotieto on vioittunut",
    "sv": "versionsuppgift är skadad",
    "en": "version information is damaged",
}


def _teammate(world: World) -> User:
    person = UserFactory.create(unit=world.unit, first_name="Maija", last_name="Meikäläinen")
    RoleAssignment.objects.create(user=person, role=Role.MAVI)
    return person


def _client(user: User, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["someluotsi_language"] = language
    return client


def _post(client: Client, text: str, version: object) -> str:
    data = {"category": "question", "language": "fi", "text": text, "version": version}
    response = client.post("/inbox/replies/", data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("first_saved", [False, True], ids=["first wording", "edited wording"])
def test_a_stale_reply_template_save_is_refused_and_loses_nothing(
    world: World, language: str, first_saved: bool
) -> None:
    if first_saved:
        reply_template_save(actor=world.mavi, category="question", language="fi", text="Alku.")
    opened = ReplyTemplate.objects.first().version if first_saved else 0  # type: ignore[union-attr]
    teammate = _teammate(world)
    _post(_client(teammate, "fi"), "Tiimikaverin sanamuoto.", opened)
    page = _post(_client(world.mavi, language), "Oma sanamuotoni, {feedback_url}.", opened)
    assert CONFLICT[language] in page
    if language != "en":
        assert CONFLICT["en"] not in page
    assert "Maija Meikäläinen" in page  # who saved in between
    assert "Oma sanamuotoni, {feedback_url}." in page  # the refused text is still there
    template = ReplyTemplate.objects.get(category="question", language="fi")
    assert template.text == "Tiimikaverin sanamuoto."
    assert template.updated_by == teammate
    saves = AuditEvent.objects.filter(action="reply_template.saved").count()
    assert saves == (2 if first_saved else 1)


def test_reply_template_saves_one_after_another_both_go_through(world: World) -> None:
    client = _client(world.mavi, "fi")
    _post(client, "Yksi.", 0)
    _post(client, "Kaksi.", 1)
    template = ReplyTemplate.objects.get(category="question", language="fi")
    assert (template.text, template.version) == ("Kaksi.", 2)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("version", ["", "x", "-1", "99999999999"])
def test_a_missing_or_broken_reply_template_version_saves_nothing(
    world: World, language: str, version: str
) -> None:
    page = _post(_client(world.mavi, language), "Muutettu.", version)
    assert DAMAGED[language] in page
    assert not ReplyTemplate.objects.exists()


def test_the_reply_template_service_refuses_a_stale_version(world: World) -> None:
    reply_template_save(actor=world.mavi, category="question", language="sv", text="A", version=0)
    with pytest.raises(EditConflictError) as caught:
        reply_template_save(
            actor=world.mavi, category="question", language="sv", text="B", version=0
        )
    assert (caught.value.code, caught.value.status_code) == ("edit_conflict", 409)
    assert ReplyTemplate.objects.get(category="question", language="sv").text == "A"

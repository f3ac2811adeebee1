"""An updater keeps their own saved replies beside the city's templates and starts a reply
from one; nobody else sees or changes them."""

from __future__ import annotations

import pytest
from django.test import Client

from someluotsi.audit.models import AuditEvent
from someluotsi.core.errors import ApplicationError, PermissionDeniedError
from someluotsi.inbox.models import SavedReply
from someluotsi.inbox.services import saved_reply_delete, saved_reply_save
from tests.inbox.conftest import World


def _client(user: object, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies["someluotsi_language"] = language
    return client


def test_save_edit_and_remove_through_the_page(world: World) -> None:
    client = _client(world.updater)
    response = client.post(
        "/inbox/replies/mine/",
        {"title": "Aukioloajat", "language": "fi", "text": "Kirjasto on auki 10–16."},
    )
    assert response.status_code == 302
    reply = SavedReply.objects.get(owner=world.updater)
    page = client.get("/inbox/replies/mine/").content.decode()
    assert "Aukioloajat" in page
    client.post(
        "/inbox/replies/mine/",
        {"reply": reply.pk, "title": "Aukioloajat", "language": "fi", "text": "Auki 9–17."},
    )
    reply.refresh_from_db()
    assert reply.text == "Auki 9–17."
    client.post("/inbox/replies/mine/", {"reply": reply.pk, "action": "delete"})
    assert not SavedReply.objects.exists()
    actions = list(
        AuditEvent.objects.filter(action__startswith="saved_reply").values_list("action", flat=True)
    )
    assert actions.count("saved_reply.saved") == 2
    assert "saved_reply.deleted" in actions
    assert all("9–17" not in str(e.data) for e in AuditEvent.objects.all())  # titles, no texts


def test_someone_elses_reply_is_neither_shown_nor_changed(world: World) -> None:
    reply = saved_reply_save(actor=world.updater, title="Oma", language="fi", text="Teksti")
    other = _client(world.backup)
    assert "Oma" not in other.get("/inbox/replies/mine/").content.decode()
    other.post("/inbox/replies/mine/", {"reply": reply.pk, "action": "delete"})
    assert SavedReply.objects.filter(pk=reply.pk).exists()
    with pytest.raises(PermissionDeniedError):
        saved_reply_delete(actor=world.backup, reply=reply)
    with pytest.raises(PermissionDeniedError):
        saved_reply_save(actor=world.backup, reply=reply, title="x", language="fi", text="y")


@pytest.mark.parametrize(
    ("title", "language", "text"),
    [("", "fi", "teksti"), ("Otsikko", "fi", "   "), ("Otsikko", "de", "Text"),
     ("x" * 101, "fi", "teksti"), ("Otsikko", "fi", "x" * 2001)],
)  # fmt: skip
def test_bad_replies_are_refused(world: World, title: str, language: str, text: str) -> None:
    with pytest.raises(ApplicationError):
        saved_reply_save(actor=world.updater, title=title, language=language, text=text)
    assert not SavedReply.objects.exists()


def test_a_title_is_used_once_per_person(world: World) -> None:
    saved_reply_save(actor=world.updater, title="Hinnat", language="fi", text="a")
    with pytest.raises(ApplicationError):
        saved_reply_save(actor=world.updater, title="hinnat", language="sv", text="b")
    saved_reply_save(actor=world.backup, title="Hinnat", language="fi", text="c")


def test_reply_starts_from_a_saved_reply_or_the_citys_template(world: World) -> None:
    message = world.ingest("Milloin kirjasto aukeaa lauantaina?")
    reply = saved_reply_save(
        actor=world.updater, title="Lauantai", language="fi", text="Lauantaisin 10–15."
    )
    client = _client(world.updater)
    page = client.get(f"/inbox/{message.pk}/").content.decode()
    assert f"?use=saved-{reply.pk}" in page
    assert "?use=city-sv" in page
    chosen = client.get(f"/inbox/{message.pk}/?use=saved-{reply.pk}").content.decode()
    assert "Lauantaisin 10–15.</textarea>" in chosen
    swedish = client.get(f"/inbox/{message.pk}/?use=city-sv").content.decode()
    assert "Tack för frågan" in swedish.split('name="reply"')[1].split("</textarea>")[0]
    # Another person's saved reply cannot be pulled in by its id.
    other = _client(world.backup).get(f"/inbox/{message.pk}/?use=saved-{reply.pk}")
    assert "Lauantaisin 10–15." not in other.content.decode()


@pytest.mark.parametrize(
    ("category", "language"),
    [("question", "x" * 20_000), ("nonsense", "fi"), ("question", "de"), ("", "")],
)
def test_a_reply_template_with_an_unknown_category_or_language_is_refused_not_echoed(
    world: World, category: str, language: str
) -> None:
    """The redirect never echoes what was posted; the refusal says why; nothing is stored."""
    from someluotsi.inbox.models import ReplyTemplate

    client = _client(world.mavi)
    response = client.post(
        "/inbox/replies/", {"category": category, "language": language, "text": "Kiitos!"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/inbox/replies/"
    assert not ReplyTemplate.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Unknown category or language." in page
    saved = client.post(
        "/inbox/replies/", {"category": "question", "language": "sv", "text": "Tack!"}
    )
    assert saved["Location"] == "/inbox/replies/#tpl-question-sv"

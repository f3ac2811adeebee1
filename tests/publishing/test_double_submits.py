"""A double submit is one action: the composer's one-time key makes a second "Save draft" of
the same form show the first post, and a post's state changes lock its row and check its state
inside the transaction, so a second approval (in a row, or at once on PostgreSQL) is refused
with a clear message and the history shows the approval once."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from someluotsi.audit.models import AuditEvent
from someluotsi.core.errors import ApplicationError
from someluotsi.core.idempotency import clean_form_key, new_form_key
from someluotsi.publishing import services
from someluotsi.publishing.enums import PostStatus
from someluotsi.publishing.models import Post
from tests.helpers import run_concurrently
from tests.publishing.conftest import World, draft_input


def _compose_fields(world: World, key: str) -> dict[str, Any]:
    return {
        "action": "save",
        "form_key": key,
        "title": "Uimahalli aukeaa",
        "channels": [str(world.city.pk)],
        "text": "Uimahalli avataan maanantaina. Tervetuloa! #KokkolaKarleby",
        "text_sv": "Simhallen öppnar på måndag. Välkommen! #KokkolaKarleby",
    }


def _client(user: Any, language: str = "fi") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["someluotsi_language"] = language
    return client


def test_the_composer_carries_a_one_time_key(world: World) -> None:
    page = _client(world.updater).get("/publishing/new/").content.decode()
    found = re.search(r'<input type="hidden" name="form_key" value="([^"]+)"', page)
    assert found is not None
    assert clean_form_key(found.group(1)) == found.group(1)
    again = _client(world.updater).get("/publishing/new/").content.decode()
    assert found.group(1) not in again  # a fresh key for each empty form


def test_saving_the_same_draft_form_twice_creates_one_post(world: World) -> None:
    client = _client(world.updater, "en")
    fields = _compose_fields(world, new_form_key())
    first = client.post("/publishing/new/", fields)
    second = client.post("/publishing/new/", fields, follow=True)
    assert first.status_code == 302
    assert Post.objects.count() == 1
    post = Post.objects.get()
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "This form was already sent" in second.content.decode()
    assert AuditEvent.objects.filter(action="post.created").count() == 1
    # A new form (a new key) is a new post.
    client.post("/publishing/new/", _compose_fields(world, new_form_key()))
    assert Post.objects.exclude(pk=post.pk).count() == 1


def test_the_service_returns_the_first_post_for_the_same_key(world: World) -> None:
    key = new_form_key()
    data = draft_input([world.city])
    first, created = services.post_create_once(actor=world.updater, data=data, key=key)
    again, created_again = services.post_create_once(actor=world.updater, data=data, key=key)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    # Someone else's key is theirs only; no key (a script) creates as before.
    other, _c = services.post_create_once(actor=world.mavi, data=data, key=key)
    assert other.pk != first.pk
    services.post_create(actor=world.updater, data=data)
    services.post_create(actor=world.updater, data=data)
    assert Post.objects.count() == 4


@pytest.mark.parametrize("key", ["", "short", "x" * 65, "bad key with spaces!", "ä" * 20])
def test_a_key_that_is_not_one_counts_as_none(world: World, key: str) -> None:
    data = draft_input([world.city])
    services.post_create_once(actor=world.updater, data=data, key=key)
    services.post_create_once(actor=world.updater, data=data, key=key)
    assert Post.objects.count() == 2


def _in_review(world: World, make_post: Callable[..., Post]) -> Post:
    post = make_post()
    services.post_submit(actor=world.updater, post=post)
    assert post.status == PostStatus.IN_REVIEW
    return post


@pytest.mark.parametrize(
    ("language", "words"),
    [("fi", "jo hyväksytty"), ("sv", "redan godkänt"), ("en", "already approved")],
)
def test_a_second_approval_in_a_row_is_refused_and_recorded_once(
    world: World, make_post: Callable[..., Post], language: str, words: str
) -> None:
    post = _in_review(world, make_post)
    client = _client(world.mavi, language)
    url = f"/publishing/posts/{post.pk}/action/"
    client.post(url, {"action": "approve"})
    second = client.post(url, {"action": "approve"}, follow=True)
    assert words in second.content.decode()
    post.refresh_from_db()
    assert post.status in {PostStatus.APPROVED, PostStatus.SCHEDULED}
    assert AuditEvent.objects.filter(action="post.approved").count() == 1
    assert AuditEvent.objects.filter(action="post.channels_approved").count() == 1
    assert post.events.filter(action="approved_channel").count() == 1


def test_an_approval_with_a_stale_post_object_sees_the_fresh_state(
    world: World, make_post: Callable[..., Post]
) -> None:
    """Two requests that loaded the post before either approved it: the second reads the
    state again under the lock and is refused."""
    post = _in_review(world, make_post)
    stale = Post.objects.get(pk=post.pk)
    services.post_approve(actor=world.mavi, post=post)
    with pytest.raises(ApplicationError) as refused:
        services.post_approve(actor=world.mavi2, post=stale)
    assert refused.value.code == "already_approved"
    assert AuditEvent.objects.filter(action="post.approved").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_approvals_at_once_approve_once_on_postgresql(
    require_postgres: None, world: World, make_post: Callable[..., Post]
) -> None:
    post = _in_review(world, make_post)
    url = f"/publishing/posts/{post.pk}/action/"

    def approve() -> int:
        client = _client(world.mavi, "en")
        return client.post(url, {"action": "approve"}).status_code

    assert run_concurrently(approve) == [302, 302, 302, 302]
    assert AuditEvent.objects.filter(action="post.approved").count() == 1
    assert AuditEvent.objects.filter(action="post.channels_approved").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_draft_saved_at_once_is_one_post_on_postgresql(
    require_postgres: None, world: World
) -> None:
    fields = _compose_fields(world, new_form_key())

    def save() -> int:
        return _client(world.updater).post("/publishing/new/", fields).status_code

    assert run_concurrently(save) == [302, 302, 302, 302]
    assert Post.objects.count() == 1

"""The publishing pages through their HTTP interface: the composer's as-you-type check and its
plain-form fallback, the conflict message that keeps the editor's text, the calendar and its
feed, the hub's check and share links, clearance requests, and junk input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from someluotsi.publishing import calendar as cal
from someluotsi.publishing import services
from someluotsi.publishing.enums import PostStatus
from someluotsi.publishing.hub import share_key
from someluotsi.publishing.models import ClearanceRequest, Post, PostTarget, ShareRecord
from tests.publishing.conftest import World

HETU = "Uimahalli avataan. Lisätiedot: Matti Meikäläinen, hetu 131052-308T"


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _form(world: World, **extra: object) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Uimahalli",
        "channels": [world.city.pk],
        "text": HETU,
        "text_sv": "Simhallen öppnar på måndag. #KokkolaKarleby",
        "scheduled_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(extra)
    return data


def test_as_you_type_check_shows_findings_with_their_section(world: World) -> None:
    client = _client(world.updater)
    response = client.post(
        reverse("publishing:compose_check"), _form(world), headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page  # a fragment for htmx
    assert "privacy-001" in page
    assert "§2.5" in page
    assert "Miksi:" in page  # the check page's explanation, in the same words
    assert 'id="check-status"' in page  # the live summary, swapped out of band
    assert "Kokkolan kaupunki" in page  # the channel's preview
    assert not Post.objects.exists()


def test_check_button_without_javascript_shows_findings_and_saves_nothing(world: World) -> None:
    client = _client(world.updater)
    response = client.post(reverse("publishing:compose"), _form(world, action="check"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "privacy-001" in page
    assert HETU in page  # the draft stays in the form
    assert not Post.objects.exists()


def test_previews_count_the_platform_way_and_suggest_camelcase(world: World) -> None:
    client = _client(world.updater)
    text = "Tervetuloa uimaan! #kokkolakarleby " + "x" * 300
    response = client.post(
        reverse("publishing:compose_check"),
        _form(world, text=text, channels=[world.city.pk, world.other_channel.pk]),
    )
    page = response.content.decode()
    assert "#KokkolaKarleby" in page  # the readable form of the city's hashtag
    assert "Liikunta" not in page  # a channel the user may not publish to is ignored


def test_saving_then_a_stale_save_keeps_the_editors_text_with_a_clear_message(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = make_post()
    url = reverse("publishing:edit", args=[post.pk])
    first = _client(world.updater).post(
        url, _form(world, text="Ensimmäinen versio.", version=str(post.version), action="save")
    )
    assert first.status_code == 302
    second = _client(world.mavi).post(
        url, _form(world, text="Toisen ihmisen versio.", version=str(post.version), action="save")
    )
    page = second.content.decode()
    assert second.status_code == 200
    assert "Toisen ihmisen versio." in page  # nothing lost
    assert 'role="alert"' in page
    assert "sparade" in page  # "... saved this post at ...", in the mavi member's Swedish
    assert Post.objects.get(pk=post.pk).text == "Ensimmäinen versio."


def test_submit_from_the_composer_and_approve_from_the_post_page(
    world: World, make_post: Callable[..., Post]
) -> None:
    response = _client(world.updater).post(
        reverse("publishing:compose"),
        _form(world, text="Uimahalli avataan maanantaina. #KokkolaKarleby", action="submit"),
    )
    post = Post.objects.get()
    assert response["Location"] == reverse("publishing:post", args=[post.pk])
    assert post.status == PostStatus.IN_REVIEW
    mavi = _client(world.mavi)
    page = mavi.get(reverse("publishing:post", args=[post.pk])).content.decode()
    assert 'value="approve"' in page
    mavi.post(reverse("publishing:action", args=[post.pk]), {"action": "approve"})
    assert Post.objects.get().status == PostStatus.SCHEDULED


def test_move_by_drag_answers_json_and_refuses_the_past(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = make_post()
    url = reverse("publishing:action", args=[post.pk])
    client = _client(world.updater)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(
        url,
        {"action": "move", "scheduled_at": past, "version": post.version},
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "time_in_past"
    for far in ("9999-12-31T23:59", "2100-12-31T23:59"):
        too_far = client.post(
            url,
            {"action": "move", "scheduled_at": far, "version": post.version},
            headers={"Accept": "application/json"},
        )
        assert too_far.status_code == 400, far
    ahead = timezone.localtime() + timedelta(days=5)
    moved = client.post(
        url,
        {
            "action": "move",
            "scheduled_at": ahead.strftime("%Y-%m-%dT%H:%M"),
            "version": post.version,
        },
        headers={"Accept": "application/json"},
    )
    assert moved.json()["ok"] is True
    assert timezone.localtime(Post.objects.get().scheduled_at).date() == ahead.date()
    stale = client.post(
        url,
        {
            "action": "move",
            "scheduled_at": ahead.strftime("%Y-%m-%dT%H:%M"),
            "version": post.version,
        },
        headers={"Accept": "application/json"},
    )
    assert stale.status_code == 409


@pytest.mark.parametrize("view", ["month", "week", "list"])
def test_calendar_views_show_the_post_and_filter_by_status(
    world: World, make_post: Callable[..., Post], view: str
) -> None:
    post = make_post()
    day = timezone.localdate(post.scheduled_at).isoformat()
    client = _client(world.updater)
    url = reverse("publishing:calendar_view", args=[view])
    assert post.title in client.get(url, {"day": day}).content.decode()
    filtered = client.get(url, {"day": day, "status": "published"}).content.decode()
    assert post.title not in filtered
    assert (
        post.title in client.get(url, {"day": day, "channel": str(world.city.pk)}).content.decode()
    )


def test_calendar_hides_posts_of_channels_the_user_does_not_see(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = make_post()
    from tests.factories import UserFactory

    stranger = UserFactory.create(roles=["updater"])
    day = timezone.localdate(post.scheduled_at).isoformat()
    page = _client(stranger).get(reverse("publishing:calendar"), {"day": day}).content.decode()
    assert post.title not in page
    assert _client(stranger).get(reverse("publishing:post", args=[post.pk])).status_code == 404


def test_calendar_feed_needs_its_secret_and_stops_when_revoked(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = make_post()
    token = cal.feed_token_create(user=world.updater)
    anonymous = Client()
    body = anonymous.get(reverse("publishing:feed", args=[token]))
    assert body["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(body.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [f"[Luonnos] {post.title}"]
    assert anonymous.get(reverse("publishing:feed", args=["guess"])).status_code == 404
    cal.feed_token_revoke(user=world.updater)
    assert anonymous.get(reverse("publishing:feed", args=[token])).status_code == 404


def _published_shareable(world: World, make_post: Callable[..., Post]) -> Post:
    post = make_post(shareable=True, share_text="Uimahalli on taas auki!")
    services.post_submit(actor=world.updater, post=post)
    services.post_approve(actor=world.mavi, post=post)
    target = post.targets.get()
    PostTarget.objects.filter(pk=target.pk).update(delivery="by_hand")
    target.refresh_from_db()
    services.target_record_by_hand(
        actor=world.updater, target=target, permalink="https://www.facebook.com/kokkola/posts/1"
    )
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    return post


def test_hub_checks_the_employees_text_in_their_role_and_counts_shares(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = _published_shareable(world, make_post)
    employee = _client(world.employee)
    page = employee.get(reverse("publishing:hub")).content.decode()
    assert post.title in page
    assert "#KokkolaKarleby" in page
    checked = employee.post(
        reverse("publishing:share", args=[post.pk]),
        {"text": "Mielestäni kaupungin päätös sulkea uimahalli oli täysin väärä."},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "disclaimer-001" in checked
    assert "§9.2" in checked
    key = share_key(user=world.employee, post=post)
    go = employee.get(
        reverse("publishing:share_go", args=[post.pk, "x"]),
        {"key": key, "text": "Uimaan! #KokkolaKarleby"},
    )
    assert go.status_code == 302
    assert go["Location"].startswith("https://x.com/intent/post?")
    assert "facebook.com%2Fkokkola" in go["Location"]
    employee.get(reverse("publishing:share_go", args=[post.pk, "x"]), {"key": key})  # again
    assert ShareRecord.objects.count() == 1
    assert "Jaettu kerran" not in page
    mavi_page = _client(world.mavi).get(reverse("publishing:hub")).content.decode()
    assert "Delad en gång" in mavi_page  # the mavi team sees the count (in Swedish here)
    assert (
        employee.get(reverse("publishing:share_go", args=[post.pk, "myspace"])).status_code == 404
    )


@pytest.mark.parametrize("key", [None, "", "0" * 32, "x" * 10_000, "other-post", "other-person"])
def test_a_share_link_from_elsewhere_counts_nothing_and_sends_nowhere(
    world: World, make_post: Callable[..., Post], key: str | None
) -> None:
    """The share address is a GET: a link or an image on another site would be followed with
    the person's session (top-level navigation sends the cookie). Only the hub's own link,
    with the person's key for that post, counts a share and opens the platform's dialog."""
    post = _published_shareable(world, make_post)
    other = _published_shareable(world, make_post)
    if key == "other-post":
        key = share_key(user=world.employee, post=other)
    elif key == "other-person":
        key = share_key(user=world.mavi, post=post)
    query = {"text": "Kaupunki valehtelee!"} | ({"key": key} if key is not None else {})
    for platform in ("x", "facebook", "email"):
        go = _client(world.employee).get(
            reverse("publishing:share_go", args=[post.pk, platform]), query
        )
        assert go.status_code == 403, platform
        assert "Location" not in go
    assert not ShareRecord.objects.exists()
    page = _client(world.employee).get(reverse("publishing:hub")).content.decode()
    own = share_key(user=world.employee, post=post)
    assert f"?key={own}&amp;text=" in page  # the hub's own links carry the key


def test_hub_shares_by_email_with_a_mailto_link(
    world: World, make_post: Callable[..., Post]
) -> None:
    post = _published_shareable(world, make_post)
    go = _client(world.employee).get(
        reverse("publishing:share_go", args=[post.pk, "email"]),
        {"key": share_key(user=world.employee, post=post), "text": "Uimaan!"},
    )
    assert go.status_code == 302
    assert go["Location"].startswith("mailto:?body=Uimaan%21")
    assert ShareRecord.objects.filter(platform="email").count() == 1


def test_a_share_text_with_a_blocking_finding_is_never_sent_to_a_platform(
    world: World, make_post: Callable[..., Post]
) -> None:
    """A henkilötunnus in the text: no share links are offered, and the share address refuses
    with a message instead of redirecting to the platform with the text; nothing is counted."""
    post = _published_shareable(world, make_post)
    employee = _client(world.employee)
    text = "Naapurini hetu on 131052-308T"
    for platform in ("x", "email"):
        go = employee.get(
            reverse("publishing:share_go", args=[post.pk, platform]),
            {"key": share_key(user=world.employee, post=post), "text": text},
        )
        assert go.status_code == 400, platform
        assert "Location" not in go
    assert not ShareRecord.objects.exists()
    page = employee.post(reverse("publishing:share", args=[post.pk]), {"text": text})
    body = page.content.decode()
    assert 'class="share-blocked"' in body
    assert reverse("publishing:share_go", args=[post.pk, "x"]) not in body
    fine = employee.post(reverse("publishing:share", args=[post.pk]), {"text": "Uimaan!"})
    assert reverse("publishing:share_go", args=[post.pk, "x"]) in fine.content.decode()


def test_clearance_request_is_answered_and_shown_beside_the_draft(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    elected = _client(world.elected)
    with django_capture_on_commit_callbacks(execute=True):
        response = elected.post(
            reverse("publishing:clearances"),
            {
                "preparer_email": world.manager.email,
                "matter": "Kouluverkkoselvitys",
                "document": "Valmisteluasiakirja 12/2026",
                "draft_text": "Koulujen tulevaisuudesta keskustellaan, katso liite.",
            },
        )
    item = ClearanceRequest.objects.get()
    assert response["Location"] == reverse("publishing:clearance", args=[item.pk])
    assert world.manager.notifications.exists()
    preparer = _client(world.manager)
    preparer.post(
        reverse("publishing:clearance", args=[item.pk]),
        {"action": "clear", "answer": "Saa jakaa 1.6. alkaen."},
    )
    page = elected.get(reverse("publishing:clearance", args=[item.pk])).content.decode()
    assert "Saa jakaa 1.6. alkaen." in page
    assert "Koulujen tulevaisuudesta" in page
    outsider = _client(world.employee)
    assert outsider.get(reverse("publishing:clearance", args=[item.pk])).status_code == 404


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(
            ["text", "text_sv", "channels", "assets", "campaign", "scheduled_at", "link", "post"]
        ),
        st.text(max_size=200),
    )
)
def test_junk_in_the_composer_never_breaks_it(world: World, data: dict[str, str]) -> None:
    client = _client(world.updater)
    # Never a 500; a NUL character is removed with a message, the draft kept (core.middleware).
    expected = 200
    assert client.post(reverse("publishing:compose_check"), data).status_code == expected
    saved = client.post(reverse("publishing:compose"), {**data, "action": "save"})
    assert saved.status_code == expected


@pytest.mark.parametrize(
    "extra",
    [
        {"channels": ["99999999999999999999999"]},
        {"assets": ["9999999999999999999999999999999999999999"]},
        {"campaign": "99999999999999999999999"},
    ],
)
def test_composer_refuses_an_id_beyond_the_database_as_a_form_error(
    world: World, extra: dict[str, object]
) -> None:
    """A tampered id is a form error on the refilled composer, not a server error."""
    response = _client(world.updater).post(reverse("publishing:compose"), _form(world, **extra))
    assert response.status_code == 200
    assert HETU in response.content.decode()  # the draft stays
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("", "http://testserver"),
        ("https://someluotsi.kokkola.fi/", "https://someluotsi.kokkola.fi"),
    ],
)
def test_calendar_feed_links_each_post_by_an_absolute_address(
    world: World, make_post: Callable[..., Post], settings: Any, base_url: str, expected: str
) -> None:
    settings.BASE_URL = base_url
    post = make_post()
    token = cal.feed_token_create(user=world.updater)
    body = Client().get(reverse("publishing:feed", args=[token]))
    (event,) = Calendar.from_ical(body.content).walk("VEVENT")
    assert str(event["url"]) == f"{expected}{reverse('publishing:post', args=[post.pk])}"


@pytest.mark.parametrize("text", ["a" * 2_001, "Katso \x1b[2J\u202etämä"])
def test_a_review_comment_page_refuses_with_a_message_and_cuts_nothing(
    world: World, make_post: Callable[..., Post], text: str
) -> None:
    post = make_post()
    response = _client(world.updater).post(
        reverse("publishing:action", args=[post.pk]),
        {"action": "comment", "comment": text},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["code"] in {"comment_too_long", "control_characters"}
    assert not post.comments.exists()

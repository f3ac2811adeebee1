"""Every aria-describedby and aria-labelledby on every page points to an element of the page
(WCAG 1.3.1, 4.1.2): a help text, an error or a heading a screen reader can find. Django puts
`aria-describedby="id_<field>_helptext"` on a field with a help text, so the page must render
that help text with that id. The pages of the demo are crawled as the people who use them,
with each inbox message, the checker and each channel's figures."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.demo.load import USERS, demo_load
from someluotsi.inbox.models import Escalation, Message
from tests.site_crawl import crawl

pytestmark = pytest.mark.django_db


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, id)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in {"aria-describedby", "aria-labelledby"} and value is not None:
                self.references += [(tag, name, ref) for ref in value.split()]
                if not value.split():
                    self.references.append((tag, name, ""))


def broken_references(html: str) -> list[str]:
    """`tag attribute="id"` for each reference to an id the page lacks."""
    parser = _References()
    parser.feed(html)
    return [f'<{t} {a}="{i}">' for t, a, i in parser.references if i not in parser.ids]


def test_the_check_finds_a_reference_to_nothing() -> None:
    page = '<p id="help">x</p><input aria-describedby="help gone"><b aria-labelledby="">'
    assert broken_references(page) == ['<input aria-describedby="gone">', '<b aria-labelledby="">']


def test_every_aria_reference_points_to_an_element_of_the_page() -> None:
    demo_load()
    problems: list[str] = []
    pages = 0
    assert Escalation.objects.exists()
    for spec in USERS:
        username = spec.username
        client = Client()
        client.force_login(User.objects.get(username=username))
        fetched = [(page.url, page.html) for page in crawl(client) if page.html]
        extra = ["/check/", "/inbox/replies/mine/", "/inbox/replies/"]
        extra += [f"/inbox/{pk}/" for pk in Message.objects.values_list("pk", flat=True)[:10]]
        extra += [
            f"/inbox/escalations/{pk}/" for pk in Escalation.objects.values_list("pk", flat=True)
        ]
        extra += [f"/metrics/channel/{pk}/" for pk in Channel.objects.values_list("pk", flat=True)]
        for url in extra:
            response = client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                fetched.append((url, response.content.decode()))
        for url, html in fetched:
            pages += 1
            problems += [f"{username} {url}: {b}" for b in broken_references(html)]
    assert pages > 50
    assert sorted(set(problems)) == [], "\n".join(sorted(set(problems)))


def test_the_reply_and_the_save_box_point_to_their_help() -> None:
    demo_load()
    client = Client()
    client.force_login(User.objects.get(username="mavi"))
    check = client.get("/check/").content.decode()
    assert re.search(r'aria-describedby="[^"]*"', check)
    assert broken_references(check) == []
    message = Message.objects.first()
    assert message is not None
    detail = client.get(f"/inbox/{message.pk}/").content.decode()
    assert re.search(r"<textarea[^>]*aria-describedby", detail)
    assert broken_references(detail) == []


def test_a_form_shown_again_with_its_errors_points_to_them() -> None:
    """Django points a field with an error to `id_<field>_error`: the page has it."""
    demo_load()
    client = Client()
    client.force_login(User.objects.get(username="mavi"))
    page = client.post(
        "/check/", {"text": "", "role": "nobody", "channel": "x", "image_alt": "x" * 5000}
    ).content.decode()
    assert "aria-invalid" in page
    assert broken_references(page) == []


def test_the_sign_in_and_new_password_forms_point_to_their_help_and_errors() -> None:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from tests.factories import UserFactory

    client = Client()
    login = client.post("/accounts/login/", {"username": "nobody", "password": ""})
    assert broken_references(login.content.decode()) == []
    person: User = UserFactory.create()
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    form = client.get(f"/accounts/password/reset/{uid}/{token}/", follow=True)
    address = form.redirect_chain[-1][0]
    html = form.content.decode()
    assert "_helptext" in html
    assert broken_references(html) == []
    refused = client.post(address, {"new_password1": "short", "new_password2": "other"})
    html = refused.content.decode()
    assert "aria-invalid" in html
    assert broken_references(html) == []

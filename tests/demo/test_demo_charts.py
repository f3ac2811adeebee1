"""Every chart the app draws for the demo data is valid SVG: no negative width or height (the
browser drops such a rect and reports "A negative value is not valid"), so a day with a net
loss of followers is drawn below the zero line instead of vanishing."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.demo.load import demo_load
from tests.site_crawl import crawl

NEGATIVE_SIZE = re.compile(r'<(?:rect|line|svg)\b[^>]*\b(?:width|height)="-[^"]*"')


@pytest.mark.django_db
def test_no_chart_for_the_demo_data_has_a_negative_size() -> None:
    demo_load()
    client = Client()
    client.force_login(User.objects.get(username="mavi"))
    pages = [(page.url, page.html) for page in crawl(client) if page.html]
    for channel in Channel.objects.all():
        url = f"/metrics/channel/{channel.pk}/"
        pages.append((url, client.get(url).content.decode()))
    svgs = [(url, svg) for url, html in pages for svg in re.findall(r"<svg.*?</svg>", html, re.S)]
    assert svgs, "no chart was drawn: the test measured nothing"
    bad = [f"{url}: {match}" for url, svg in svgs for match in NEGATIVE_SIZE.findall(svg)]
    assert bad == [], "\n".join(bad[:10])
    # The demo's follower figures include days of net loss: they are drawn below a zero line.
    assert any('class="column-zero"' in svg for _url, svg in svgs)

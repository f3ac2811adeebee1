"""Charts on a 320 px phone: no bar label, bar, value or axis label runs past the screen, and
the axis labels of a column chart never run together ("14/11 19/11 24/11")."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest

from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.demo.load import demo_load
from tests.browser.conftest import login

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 720}

# Every drawn part of every chart on the page: what it is, its text and its box; and per column
# chart, the boxes of its shown axis labels.
CHART_PARTS_JS = """() => {
  const parts = [...document.querySelectorAll(
      'main .bar-chart, main .column-chart, main .bar-chart .bar-label, main .bar-chart rect,'
      + ' main .bar-chart text, main .column-chart rect, main .column-chart text')]
    .filter((el) => el.checkVisibility())
    .map((el) => { const r = el.getBoundingClientRect();
      return {what: el.tagName.toLowerCase() + '.' + (el.getAttribute('class') || ''),
              text: (el.textContent || '').trim().slice(0, 60), left: r.left, right: r.right}; });
  const axes = [...document.querySelectorAll('main .column-chart svg')].map((svg) =>
    [...svg.querySelectorAll('text')].filter((t) => t.checkVisibility()).map((t) => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent.trim(), left: r.left, right: r.right}; })
      .sort((a, b) => a.left - b.left));
  return {parts, axes, width: document.documentElement.clientWidth}; }"""


@pytest.fixture
def narrow(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url, viewport=NARROW, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_no_chart_part_runs_past_a_320_px_screen(
    narrow: Any, transactional_db: None, language: str
) -> None:
    logins = {login.username: login.password for login in demo_load()}
    user = User.objects.get(username="mavi")
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    login(narrow, "mavi", logins["mavi"])
    channel = Channel.objects.order_by("pk").first()
    assert channel is not None
    problems: list[str] = []
    measured = 0
    axes_seen = 0
    for url in ("/metrics/", "/inbox/figures/", f"/metrics/channel/{channel.pk}/"):
        narrow.goto(url)
        narrow.evaluate("document.querySelectorAll('main details').forEach((d) => d.open = true)")
        found = narrow.evaluate(CHART_PARTS_JS)
        width = found["width"]
        for part in found["parts"]:
            measured += 1
            if part["left"] < -0.5 or part["right"] > width + 0.5:
                problems.append(
                    f"{url}: {part['what']} {part['text']!r} spans "
                    f"{part['left']:.0f}–{part['right']:.0f} px of {width}"
                )
        for labels in found["axes"]:
            axes_seen += 1
            for before, after in pairwise(labels):
                if after["left"] < before["right"] + 4:
                    problems.append(
                        f"{url}: axis labels {before['text']!r} and {after['text']!r} touch"
                    )
    assert problems == [], "\n".join(problems)
    assert measured, "no chart on the pages: the test measured nothing"
    assert axes_seen, "no column chart on the pages: the axis was not measured"

"""Realistic clean city posts: none blocked, no threat or insult found (issue 5's bar)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from someluotsi.guideline.checker.engine import check
from someluotsi.guideline.model import AuthorRole, Category, Verdict

POSTS = tomllib.loads((Path(__file__).parent / "clean_posts.toml").read_text(encoding="utf-8"))[
    "post"
]
HARMFUL = {Category.THREAT, Category.INSULT, Category.OBSCENE, Category.IDENTITY_ATTACK}


def test_there_are_at_least_fifty_clean_posts_in_three_languages() -> None:
    assert len(POSTS) >= 50
    assert {post["lang"] for post in POSTS} == {"fi", "sv", "en"}


@pytest.mark.parametrize("post", POSTS, ids=[p["text"][:40] for p in POSTS])
@pytest.mark.parametrize("role", [AuthorRole.ORGANIZATION, AuthorRole.EMPLOYEE])
def test_clean_post_is_not_blocked_and_has_no_harm_finding(
    post: dict[str, str], role: AuthorRole
) -> None:
    report = check(post["text"], role=role, language=post["lang"])
    assert report.verdict is not Verdict.BLOCK, [f.rule for f in report.findings]
    harmful = [(f.rule, f.excerpt) for f in report.findings if f.category in HARMFUL]
    assert harmful == []

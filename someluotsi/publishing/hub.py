"""The ambassador hub (§2.3–2.4, §3, §5): share links per platform, the check of an employee's
own wording in their role, and the share count the mavi team sees.

A share link only opens the platform's own share dialog with the post's address (and the text
where the platform takes one): nothing is posted for anyone, and no platform API is called.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from someluotsi.accounts.models import User
from someluotsi.audit.services import audit_record
from someluotsi.compliance.services import default_author_role
from someluotsi.core.blank import is_blank
from someluotsi.core.errors import ApplicationError
from someluotsi.guideline.model import AuthorRole, ChannelContext, Report
from someluotsi.publishing.composing import check_text, city_hashtags
from someluotsi.publishing.enums import SharePlatform
from someluotsi.publishing.limits import hashtags_in, mentions_in
from someluotsi.publishing.models import Post, ShareRecord

MAX_SHARE_TEXT = 3000
REPEAT_WINDOW = timedelta(minutes=30)


def share_url(platform: str, *, url: str, text: str) -> str:
    """The platform's share dialog for `url` (documented share endpoints; Facebook and
    LinkedIn take only the address, the person pastes the text there)."""
    if platform == SharePlatform.FACEBOOK:
        return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})
    if platform == SharePlatform.LINKEDIN:
        return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})
    if platform == SharePlatform.X:
        return "https://x.com/intent/post?" + urlencode({"text": text, "url": url})
    if platform == SharePlatform.WHATSAPP:
        return "https://wa.me/?" + urlencode({"text": f"{text}\n{url}".strip()})
    if platform == SharePlatform.EMAIL:
        return "mailto:?" + urlencode({"body": f"{text}\n\n{url}".strip()}).replace("+", "%20")
    raise ValueError(platform)


def takes_text(platform: str) -> bool:
    return platform in (SharePlatform.X, SharePlatform.WHATSAPP, SharePlatform.EMAIL)


@dataclass(frozen=True)
class ShareKit:
    """What an ambassador needs for one post: where it is, what to say, which tags to use."""

    post: Post
    url: str
    suggested_text: str
    hashtags: list[str]
    mentions: list[str]


def share_kit(post: Post) -> ShareKit:
    permalinks = [t.permalink for t in post.targets.all() if t.permalink]
    text = post.share_text or ""
    tags = list(dict.fromkeys([*hashtags_in(post.text), *city_hashtags()]))
    return ShareKit(post, permalinks[0] if permalinks else "", text, tags, mentions_in(post.text))


def share_check(*, user: User, text: str, ui_language: str) -> Report:
    """The employee's own words checked in their role on a personal profile: the
    personal-opinion, loyalty and role-conduct rules apply (§4, §6, §9.2, §9.4)."""
    role: AuthorRole = default_author_role(user=user)
    return check_text(
        text[:MAX_SHARE_TEXT], role=role, channel=ChannelContext(), ui_language=ui_language
    )


def share_blocked(*, user: User, text: str, ui_language: str) -> bool:
    """True when the person's text has a finding that must be fixed (a henkilötunnus, a
    threat): such a text is not handed to a platform's share dialog. A text that shows
    nothing (`core.blank`) has nothing to block."""
    if is_blank(text):
        return False
    report = share_check(user=user, text=text, ui_language=ui_language)
    return report.verdict.value == "block"


@transaction.atomic
def share_key(*, user: User, post: Post) -> str:
    """The key a share link carries (`?key=`): a keyed digest of the person and the post, so
    that only links the hub itself handed to that person count a share. The share address is
    a GET (a link opens the platform's dialog), and without the key a link or an image on
    another site could make a signed-in person's browser record shares in their name and open
    a dialog with a text of that site's choosing."""
    return salted_hmac("someluotsi.publishing.share", f"{user.pk}:{post.pk}").hexdigest()[:32]


def share_key_valid(*, user: User, post: Post, key: str) -> bool:
    """Whether `key` is the share key of `user` for `post` (compared in constant time)."""
    return constant_time_compare(key[:64], share_key(user=user, post=post))


def share_record(*, user: User, post: Post, platform: str) -> ShareRecord:
    """Count one share (the mavi team sees the counts per post)."""
    if platform not in SharePlatform.values:
        raise ApplicationError(_("Unknown platform."), code="invalid_platform")
    recent = ShareRecord.objects.filter(
        post=post, user=user, platform=platform, created_at__gte=timezone.now() - REPEAT_WINDOW
    ).first()
    if recent is not None:
        return recent  # a second click (or a prefetch) within the window counts once
    record = ShareRecord.objects.create(post=post, user=user, platform=platform)
    audit_record(actor=user, action="post.shared", target=post, data={"platform": platform})
    return record

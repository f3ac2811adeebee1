"""Checking a draft for a signed-in user and recording the run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from someluotsi.accounts.enums import Role
from someluotsi.accounts.models import User
from someluotsi.accounts.selectors import user_roles
from someluotsi.channels.enums import ChannelKind as ChannelModelKind
from someluotsi.channels.models import Channel
from someluotsi.compliance.engine import configured_engine
from someluotsi.compliance.models import CheckRun
from someluotsi.core.blank import is_blank
from someluotsi.core.errors import ApplicationError
from someluotsi.guideline.checker.redaction import redact
from someluotsi.guideline.model import AuthorRole, ChannelContext, ChannelKind, Media, Report

_CHANNEL_KINDS = {
    ChannelModelKind.CITY: ChannelKind.CITY,
    ChannelModelKind.UNIT: ChannelKind.UNIT,
    ChannelModelKind.OFFICE_ROLE: ChannelKind.OFFICE_ROLE,
    ChannelModelKind.EXPERT: ChannelKind.EXPERT,
}


@dataclass(frozen=True)
class CheckOutcome:
    report: Report
    redacted: str
    run: CheckRun


def default_author_role(*, user: User) -> AuthorRole:
    """Elected officials write as elected officials; everyone else as an employee by default."""
    if Role.ELECTED in user_roles(user=user):
        return AuthorRole.ELECTED
    return AuthorRole.EMPLOYEE


def channel_context(channel: Channel | None) -> ChannelContext:
    if channel is None:
        return ChannelContext()
    kind = _CHANNEL_KINDS.get(ChannelModelKind(channel.kind), ChannelKind.UNIT)
    return ChannelContext(kind=kind, platform=channel.platform, name=channel.name)


@transaction.atomic
def check_run_create(
    *,
    user: User,
    text: str,
    role: AuthorRole,
    channel: Channel | None = None,
    media: Sequence[Media] = (),
    language: str | None = None,
    ui_language: str = "fi",
    save_text: bool = False,
) -> CheckOutcome:
    """Check `text` with the configured engine and store the run (the text only if asked).

    Raises EngineError (TextTooLongError) for input the engine refuses, and ApplicationError
    (`text_required`) for a text that shows nothing (`core.blank`); nothing is stored then.
    """
    if is_blank(text):
        raise ApplicationError(_("Write or paste the draft first."), code="text_required")
    report = configured_engine().check(
        text,
        role=role,
        channel=channel_context(channel),
        media=media,
        language=language,
        ui_language=ui_language,
    )
    run = CheckRun.objects.create(
        author=user,
        role=role.value,
        channel=channel,
        verdict=report.verdict.value,
        rule_ids=list(report.rule_ids),
        categories=sorted({f.category.value for f in report.findings}),
        guideline_version=report.guideline_version,
        language=report.language,
        text_length=len(text),
        text=text if save_text else "",
    )
    return CheckOutcome(report, redact(text, report.findings, ui_language=ui_language), run)

"""The one check of every text that goes out in the city's name from the inbox.

A reply recorded as given (inbox), a reply sent live through a connector (connectors), and the
reply wording kept for reuse (the city's templates and a person's saved replies) all pass
through `city_text_require`: the guideline engine reads the text as the organisation speaking
on the channel (§8, §10), a blocking finding (personal data §9, a threat or an insult §10, …)
refuses the text with the findings worded in the reader's language, and the warnings are
handed back for the page to show. Only the live reply accepts an audited override reason
(the caller passes it); everywhere else a blocking finding is a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from someluotsi.channels.models import Channel
from someluotsi.compliance.engine import configured_engine
from someluotsi.compliance.services import channel_context
from someluotsi.core.blank import is_blank
from someluotsi.core.errors import ApplicationError
from someluotsi.guideline.model import AuthorRole, Severity, Verdict

# One finding as pages show it: {"rule": str, "severity": "block"|"warn"|"info",
# "message": str (in the reader's language), "guideline": [§ strings], "excerpt": str}.
FindingRow = dict[str, object]


@dataclass(frozen=True)
class CityTextCheck:
    """The engine's verdict on a text the city is about to say ("ok", "warn" or "block") and
    its findings as `FindingRow`s, worded in the language asked for."""

    verdict: str
    findings: list[FindingRow] = field(default_factory=list)

    @property
    def blocks(self) -> bool:
        return self.verdict == Verdict.BLOCK.value

    @property
    def blocking(self) -> list[FindingRow]:
        return [f for f in self.findings if f["severity"] == Severity.BLOCK.value]

    @property
    def warnings(self) -> list[FindingRow]:
        return [f for f in self.findings if f["severity"] == Severity.WARN.value]


def _listed(findings: list[FindingRow]) -> str:
    """Findings on one line for a flash message: "§9.2 Personal identity code …; …"."""
    parts = []
    for row in findings:
        sections = ", ".join(str(s) for s in row.get("guideline") or [])  # type: ignore[attr-defined]
        parts.append(f"{sections} {row['message']}".strip())
    return "; ".join(parts)


def city_text_check(
    *, text: str, channel: Channel | None, ui_language: str = "fi"
) -> CityTextCheck:
    """Check `text` as the organisation speaking on `channel` (None: no channel context), with
    the findings worded in `ui_language` ("fi", "sv" or "en"). Raises EngineError for a text
    the engine refuses (longer than its MAX_CHARS); callers limit the length first. A text
    that shows nothing (`core.blank`) raises ApplicationError `text_required`."""
    if is_blank(text):
        raise ApplicationError(_("Write or paste the draft first."), code="text_required")
    report = configured_engine().check(
        text, role=AuthorRole.ORGANIZATION, channel=channel_context(channel),
        ui_language=ui_language,
    )  # fmt: skip
    findings: list[FindingRow] = [
        {"rule": f.rule, "severity": f.severity.value, "message": f.message,
         "guideline": list(f.guideline), "excerpt": f.excerpt}
        for f in report.findings
    ]  # fmt: skip
    return CityTextCheck(report.verdict.value, findings)


def city_text_refusal(check: CityTextCheck, *, can_override: bool = False) -> ApplicationError:
    """The refusal of a blocked text: code "reply_blocked", the blocking findings named in the
    message (and, with `can_override`, that a reason lets it go anyway) and all findings in
    `details["findings"]`."""
    if can_override:
        message = _(
            "The post checker stops this reply: %(findings)s. Fix it, or give a reason to send "
            "it anyway."
        )
    else:
        message = _("The post checker stops this text: %(findings)s. Fix it and try again.")
    return ApplicationError(
        message % {"findings": _listed(check.blocking)},
        code="reply_blocked",
        details={"findings": check.findings},
    )


def city_text_warning(check: CityTextCheck) -> str:
    """The warnings of a text that may go out, on one line for the page ("" when none)."""
    if not check.warnings:
        return ""
    return _("The post checker warns: %(findings)s.") % {"findings": _listed(check.warnings)}


def city_text_require(
    *,
    text: str,
    channel: Channel | None,
    ui_language: str = "fi",
    override_reason: str | None = None,
) -> CityTextCheck:
    """Check `text` (`city_text_check`) and raise `city_text_refusal` when it blocks. A caller
    that offers an override passes `override_reason` (a str, "" when none was given): a reason
    that shows something lets a blocking text through (only the live reply offers one; the
    caller audits it). None: no override. Returns the check, so that the caller can show its
    warnings."""
    check = city_text_check(text=text, channel=channel, ui_language=ui_language)
    if check.blocks and (override_reason is None or is_blank(override_reason)):
        raise city_text_refusal(check, can_override=override_reason is not None)
    return check

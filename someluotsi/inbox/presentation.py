"""Words for the engine's triage reasons in the user's language (the engine speaks English)."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

# Every fixed reason the triage engine gives (guideline.messages.triage.PLANS and triage()).
KNOWN_REASONS = (
    gettext_noop("a threat"),
    gettext_noop("personal data or a sensitive personal matter"),
    gettext_noop("obscenity"),
    gettext_noop("suspicious link or scam wording; links are not opened"),
    gettext_noop("a question"),
    gettext_noop("feedback (angry tone counts as feedback when no one is attacked)"),
    gettext_noop("praise"),
    gettext_noop("nothing to act on"),
    gettext_noop("an attack on a person or a group"),
    gettext_noop("explicit threat of violence"),
)


def reason_label(reason: str) -> str:
    """A known reason translated; a rule list ("rules: threat-001") shown as it is."""
    return gettext(reason) if reason in KNOWN_REASONS else reason

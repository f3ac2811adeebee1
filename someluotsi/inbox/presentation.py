"""Words for the engine's triage reasons in the user's language (the engine speaks English)."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from someluotsi.compliance.engine import configured_engine

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
    # guideline.messages.triage.CONCERN_REASONS
    gettext_noop("thoughts of suicide"),
    gettext_noop("a child-welfare concern"),
    gettext_noop("a gap in a place's security, told in public"),
    gettext_noop("an emergency: the emergency number first"),
    gettext_noop("someone not seen for days: may need help now"),
    # guideline.messages.triage.HAZARD_REASON
    gettext_noop("a hazard that may hurt someone: to be fixed soon"),
    # guideline.messages.triage.REMOVAL_REASON
    gettext_noop("a request to take down a picture or a post: act on it soon"),
    # guideline.messages.triage.DATA_REQUEST_REASON
    gettext_noop("a request about the writer's personal data: answered within a month"),
)


RULES_PREFIX = "rules: "


def reason_label(reason: str) -> str:
    """A known reason translated; the rules behind a threat ("rules: threat-001, threat-003")
    as the guideline sections they apply ("guideline sections §10.6"), since readers know
    the guideline, not the rule ids; anything else as it is."""
    if reason in KNOWN_REASONS:
        return gettext(reason)
    if reason.startswith(RULES_PREFIX):
        rulebook = configured_engine().rulebook
        sections: dict[str, None] = {}
        for rule_id in reason.removeprefix(RULES_PREFIX).split(","):
            rule = rulebook.rules.get(rule_id.strip())
            for section in rule.guideline if rule else ():
                sections[section] = None
        if sections:
            return gettext("guideline sections %(sections)s") % {"sections": ", ".join(sections)}
    return reason

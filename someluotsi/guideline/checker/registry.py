"""Every detector the engine runs, registered explicitly (no discovery)."""

from __future__ import annotations

from someluotsi.guideline.checker.detectors.accessibility import AccessibilityDetector
from someluotsi.guideline.checker.detectors.base import Detector
from someluotsi.guideline.checker.detectors.children import ChildrenNamedDetector
from someluotsi.guideline.checker.detectors.conduct import (
    CityDecisionDetector,
    DisclaimerDetector,
    ElectionCallDetector,
    RoleConductDetector,
    RumorDetector,
    SpeakingForCityDetector,
)
from someluotsi.guideline.checker.detectors.confidential import (
    ConfidentialDetector,
    MarkingLabelDetector,
)
from someluotsi.guideline.checker.detectors.engagement import EngagementDetector
from someluotsi.guideline.checker.detectors.harmful import (
    IdentityAttackDetector,
    InsultDetector,
    ObsceneDetector,
    ThreatDetector,
)
from someluotsi.guideline.checker.detectors.links import SuspiciousLinkDetector
from someluotsi.guideline.checker.detectors.model import HarmModelDetector
from someluotsi.guideline.checker.detectors.personal_data import (
    BusinessIdDetector,
    EmailDetector,
    IbanDetector,
    PassportNumberDetector,
    PaymentCardDetector,
    PersonalIdentityCodeDetector,
    PhoneNumberDetector,
    RegistrationPlateDetector,
    SensitivePersonDetector,
    StreetAddressDetector,
    SwedishPersonalNumberDetector,
)
from someluotsi.guideline.checker.detectors.security import SecurityDetector, SecurityGapDetector
from someluotsi.guideline.checker.detectors.tone import ProvocationDetector

# Rule-based detectors; the trained classifier's detector is added after them (DETECTORS).
RULE_DETECTORS: tuple[Detector, ...] = (
    PersonalIdentityCodeDetector(),
    SwedishPersonalNumberDetector(),
    BusinessIdDetector(),
    PhoneNumberDetector(),
    EmailDetector(),
    IbanDetector(),
    PaymentCardDetector(),
    PassportNumberDetector(),
    StreetAddressDetector(),
    RegistrationPlateDetector(),
    SensitivePersonDetector(),
    ChildrenNamedDetector(),
    ConfidentialDetector(),
    MarkingLabelDetector(),
    SecurityDetector(),
    SecurityGapDetector(),
    SuspiciousLinkDetector(),
    AccessibilityDetector(),
    EngagementDetector(),
    ThreatDetector(),
    InsultDetector(),
    ObsceneDetector(),
    IdentityAttackDetector(),
    RumorDetector(),
    RoleConductDetector(),
    DisclaimerDetector(),
    ElectionCallDetector(),
    SpeakingForCityDetector(),
    CityDecisionDetector(),
    ProvocationDetector(),
)
DETECTORS: tuple[Detector, ...] = (*RULE_DETECTORS, HarmModelDetector())

# A match of the key rule is dropped when it overlaps a match of any rule in the value: the
# more specific identifier wins (an IBAN's digits are not also a phone number).
SUBSUMED_BY: dict[str, frozenset[str]] = {
    "privacy-004": frozenset(
        {
            "privacy-001",
            "privacy-002",
            "privacy-003",
            "privacy-007",
            "privacy-012",
            "privacy-013",
            "privacy-014",
        }
    ),
    "privacy-013": frozenset({"privacy-007"}),
    "privacy-003": frozenset({"privacy-001", "privacy-007"}),
    "privacy-002": frozenset({"privacy-003"}),
    "privacy-012": frozenset({"privacy-007"}),
    "link-006": frozenset({"link-003"}),
    "threat-004": frozenset({"threat-001", "threat-002", "threat-003"}),
    "insult-001": frozenset({"identity-001"}),
    "obscene-001": frozenset({"insult-001", "identity-001"}),
}

# A model finding is dropped when any of these rules matched anywhere in the text: the rule
# already says it, with a span and a reason.
_HARM_RULES = frozenset(
    {
        "threat-001",
        "threat-002",
        "threat-003",
        "insult-001",
        "obscene-001",
        "identity-001",
        "identity-002",
    }
)
REDUNDANT_WITH: dict[str, frozenset[str]] = {
    "threat-005": frozenset({"threat-001", "threat-002", "threat-003", "threat-004"}),
    "insult-002": frozenset({"insult-001", "identity-001", "identity-002"}),
    "insult-003": _HARM_RULES | {"insult-002", "identity-003", "obscene-002", "threat-005"},
    "identity-003": frozenset({"identity-001", "identity-002"}),
    "obscene-002": frozenset({"obscene-001"}),
}

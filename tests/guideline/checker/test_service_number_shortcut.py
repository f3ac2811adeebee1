"""`_service_number` types the number `_parse_phone` already parsed and tells a Finnish mobile
number by its prefix: it must answer as asking phonenumbers for every region's type does."""

from __future__ import annotations

import random

import phonenumbers

from someluotsi.guideline.checker.detectors import personal_data


def _reference(candidate: str) -> bool:
    types = []
    for region in ("FI", "SE"):
        try:
            parsed = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            types.append(phonenumbers.number_type(parsed))
    mobile = phonenumbers.PhoneNumberType.MOBILE
    return bool(types) and types[0] in personal_data.SERVICE_TYPES and mobile not in types


def _candidates() -> list[str]:
    chosen = random.Random(3)
    known = ["0800 147 111", "0295 419 800", "020 22 00 00", "0771 567 567", "070-123 45 67",
             "040 123 4567", "050 555 1234", "+358 40 123 4567", "06 826 5111",
             "+46 70 123 45 67", "08 123 456 78", "0600 123 456", "075 323 1000"]  # fmt: skip
    prefixes = [f"0{i}" for i in range(10, 100)] + [f"0{i}" for i in range(100, 1000, 7)]
    prefixes += [f"+358 {i}" for i in range(1, 100)] + [f"+46 {i}" for i in range(1, 100)]
    for prefix in prefixes:
        for _ in range(3):
            digits = "".join(chosen.choice("0123456789") for _ in range(chosen.randint(5, 8)))
            known.append(f"{prefix} {digits}")
    return known


def test_the_shortcut_answers_as_every_regions_type_does() -> None:
    valid = [c for c in _candidates() if personal_data._parse_phone(c) is not None]
    assert len(valid) > 500
    services = 0
    for candidate in valid:
        expected = _reference(candidate)
        assert personal_data._service_number(candidate) == expected, candidate
        services += expected
    assert services > 50  # the sample holds service numbers as well as personal ones


def test_the_identity_code_check_decides_as_stdnum_with_every_sign() -> None:
    """`_hetu_check_fits` only skips codes stdnum would refuse with each century sign."""
    from stdnum.fi import hetu

    chosen = random.Random(5)
    fitting = 0
    for _ in range(3000):
        day, month = chosen.randint(1, 31), chosen.randint(1, 12)
        digits = f"{day:02d}{month:02d}{chosen.randint(0, 99):02d}{chosen.randint(2, 899):03d}"
        check = personal_data.HETU_CHECK[int(digits) % 31]
        for code in (digits + check, digits + chosen.choice(personal_data.HETU_CHECK)):
            valid = any(
                hetu.is_valid(code[:6] + sign + code[6:], allow_temporary=True)
                for sign in personal_data.HETU_CENTURIES
            )
            fits = personal_data._hetu_check_fits(code)
            assert fits or not valid, code
            fitting += fits and valid
    assert fitting > 1000

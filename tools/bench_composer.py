"""Benchmark the composer's as-you-type check, on demand (never part of the test suite).

    uv run python tools/bench_composer.py [--requests 200] [--chars 2000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/someluotsi uv run python tools/bench_composer.py

Sets up a fresh test database with a city-level channel (bilingual, approved by the mavi team),
an updater who maintains it and an image in the library, then sends the composer's htmx request
(`POST /publishing/check/`) the way typing does: a Finnish draft of `--chars` characters (a
realistic city announcement with a link, hashtags and one phone number) growing by a few
characters per request, with a Swedish version beside it. Server time is measured around the
whole request in process (middleware, session, access checks, the engine on both language
versions, previews, the template), p50/p95/max over `--requests` requests after a warm-up.

Two cases: "typing" (the Finnish text changes each time, the Swedish one does not: what a person
typing produces) and "both change" (no report can be reused: the worst case).
The target (issue 18) is p95 ≤ 150 ms for a 2,000-character draft. Prints a markdown report.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

FINNISH = (
    "Kokkolan kaupunki tiedottaa: uimahalli avautuu remontin jälkeen maanantaina klo 6. "
    "Uudistetussa hallissa on esteetön sisäänkäynti, uudet pukuhuoneet ja lasten allas. "
    "Aukioloajat ja hinnat löydät osoitteesta https://www.kokkola.fi/uimahalli. "
    "Kysy lisää asiakaspalvelusta numerosta 040 123 4567 arkisin klo 8–16. "
    "Tervetuloa uimaan! #KokkolaKarleby #LaajempiHorisontti "
)
SWEDISH = (
    "Karleby stad informerar: simhallen öppnar efter renoveringen på måndag kl. 6. "
    "Den förnyade hallen har en tillgänglig entré, nya omklädningsrum och en barnbassäng. "
    "Öppettider och priser finns på https://www.kokkola.fi/simhallen. Välkommen! "
    "#KokkolaKarleby "
)


def _text(base: str, chars: int) -> str:
    return (base * (chars // len(base) + 1))[:chars]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(requests: int, chars: int) -> str:
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client
    from django.test.utils import get_runner, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    import io
    import tempfile

    from PIL import Image

    from someluotsi.accounts.enums import Role
    from someluotsi.accounts.models import RoleAssignment, Unit, User
    from someluotsi.channels.enums import ChannelKind, Platform
    from someluotsi.channels.models import Channel, ChannelMaintainer
    from someluotsi.publishing.assets import AssetDetails, asset_create

    settings.MEDIA_ROOT = tempfile.mkdtemp()
    lines = [
        f"# As-you-type check benchmark ({connection.vendor})",
        "",
        f"{requests} requests of `POST /publishing/check/` after 10 warm-up requests; a "
        f"{chars:,}-character Finnish draft and a {len(SWEDISH) * 2:,}-character Swedish "
        "version, one city-level channel and one image.",
        "",
        "| case | p50 ms | p95 ms | max ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    try:
        unit = Unit.objects.create(code="mavi", name_fi="Mavi", name_sv="Mavi")
        user = User.objects.create_user("bench", password="x" * 20, unit=unit)
        RoleAssignment.objects.create(user=user, role=Role.UPDATER)
        channel = Channel.objects.create(
            platform=Platform.FACEBOOK, name="Kokkolan kaupunki", unit=unit, kind=ChannelKind.CITY
        )
        ChannelMaintainer.objects.create(channel=channel, user=user)
        picture = io.BytesIO()
        Image.new("RGB", (1200, 800), (40, 110, 170)).save(picture, "JPEG")
        asset = asset_create(
            actor=user,
            upload=SimpleUploadedFile("kuva.jpg", picture.getvalue()),
            details=AssetDetails(
                title="Uimahalli",
                alt_text="Uimahallin allas aamulla, kaksi uimaria radoilla.",
                photographer="Viestintä",
                licence="city",
                consent="no_people",
            ),
        )
        client = Client()
        client.force_login(user)
        base = _text(FINNISH, chars)
        swedish = SWEDISH * 2

        def post(text: str, text_sv: str) -> float:
            began = time.perf_counter()
            response = client.post(
                "/publishing/check/",
                {
                    "title": "Uimahalli",
                    "channels": [channel.pk],
                    "assets": [asset.pk],
                    "text": text,
                    "text_sv": text_sv,
                },
                headers={"HX-Request": "true"},
            )
            elapsed = (time.perf_counter() - began) * 1000
            if response.status_code != 200:
                raise SystemExit(f"the check answered HTTP {response.status_code}")
            return elapsed

        for index in range(10):
            post(base[: chars - 10] + str(index), swedish)
        for case, vary_swedish in (("typing (Swedish unchanged)", False), ("both change", True)):
            times = []
            for index in range(requests):
                mark = "toinen" if vary_swedish else "muutos"
                typed = base[: chars - 12] + f" {mark}{index:05d}"[:12]
                text_sv = f"{swedish} {index}" if vary_swedish else swedish
                times.append(post(typed, text_sv))
            lines.append(
                f"| {case} | {statistics.median(times):.0f} | "
                f"{_percentile(times, 0.95):.0f} | {max(times):.0f} |"
            )
            print(f"{case}: done", file=sys.stderr, flush=True)
    finally:
        runner.teardown_databases(old)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per case")
    parser.add_argument("--chars", type=int, default=2000, help="length of the Finnish draft")
    parser.add_argument("--out", default="", help="also write the report to this file")
    args = parser.parse_args()
    report = run(args.requests, args.chars)
    print(report)
    if args.out:
        Path(args.out).write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Demo metrics and a demo storm: 120 days of daily figures per active channel (seeded, so the
same every time), goals for this year, the LinkedIn sample export applied, drafts run through
the post checker, and a wave of angry
comments on the city's Facebook page that the storm detector picks up, taken up as an incident.
Reports: a monthly city report scheduled to the communications manager, the mavi team and the
management group's outside address (in Swedish), a yearly report of the library to its manager,
and last month's city report that the mavi team asked for, ready to download.
Idempotent: nothing is added twice."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from someluotsi.accounts.models import Unit, User
from someluotsi.channels.enums import ChannelStatus, Platform
from someluotsi.channels.models import Channel
from someluotsi.compliance.models import CheckRun
from someluotsi.compliance.services import check_run_create
from someluotsi.demo.connectors import demo_on_platform
from someluotsi.guideline.model import AuthorRole, Media
from someluotsi.inbox.services import IncomingMessage, message_ingest
from someluotsi.incidents.detection import storm_scan_channel
from someluotsi.incidents.enums import PlaybookStep, StepState
from someluotsi.incidents.models import StormAlert
from someluotsi.incidents.services import incident_open, incident_reply_draft, incident_step
from someluotsi.metrics.enums import GoalKind, Metric, ReportFormat, ValueSource
from someluotsi.metrics.models import (
    Goal,
    MetricImport,
    MetricValue,
    ReportFrequency,
    ReportJob,
    ReportSchedule,
)
from someluotsi.metrics.platform_exports import SAMPLE_EXPORTS
from someluotsi.metrics.report_jobs import ReportRequest, report_job_request, report_job_run
from someluotsi.metrics.schedules import Outside, last_period, schedule_save
from someluotsi.metrics.services import metric_import_apply, metric_import_upload

SAMPLES = SAMPLE_EXPORTS
DAYS = 120
ANGRY = (
    "Surkea päätös sulkea uimahalli, hävetkää!",
    "Tämä on aivan järkyttävä ja huono päätös.",
    "Ihan kamalaa, miksi kukaan ei kuuntele asukkaita?",
    "Valehtelette taas, uimahalli piti pitää auki. Surkeaa.",
    "Huono päätös, olen todella vihainen.",
    "Skandaali! Kaupunki pettää lapsiperheet.",
    "Det här är ett dåligt och dumt beslut.",
    "Järkyttävää toimintaa, ei mitään järkeä.",
)


def _daily(channel: Channel, users: dict[str, User]) -> None:
    if MetricValue.objects.filter(channel=channel).exists():
        return
    rng = random.Random(f"{channel.platform}:{channel.handle}")  # noqa: S311 - demo figures
    sizes: dict[str, int] = {Platform.FACEBOOK: 9000, Platform.INSTAGRAM: 4000}
    size = sizes.get(channel.platform, 1200)
    today = timezone.localdate()
    start = today - timedelta(days=DAYS)
    rows = [
        MetricValue(
            channel=channel, day=start, metric=Metric.FOLLOWERS, value=Decimal(size),
            source=ValueSource.MANUAL, recorded_by=users["mavi"],
        )
    ]  # fmt: skip
    for offset in range(1, DAYS):
        day = start + timedelta(days=offset)
        weekend = day.weekday() >= 5
        reach = int(size * rng.uniform(0.05, 0.25) * (0.7 if weekend else 1))
        posted = rng.random() < (0.3 if weekend else 0.8)
        figures = {
            Metric.NEW_FOLLOWERS: rng.randint(-2, max(3, size // 800)),
            Metric.REACH: reach,
            Metric.VIEWS: int(reach * rng.uniform(1.2, 2.0)),
            Metric.REACTIONS: int(reach * rng.uniform(0.01, 0.04)),
            Metric.COMMENTS: int(reach * rng.uniform(0.001, 0.006)),
            Metric.SHARES: int(reach * rng.uniform(0.0, 0.004)),
            Metric.POSTS: 1 if posted else 0,
        }
        rows += [
            MetricValue(channel=channel, day=day, metric=metric, value=Decimal(value),
                        source=ValueSource.MANUAL, recorded_by=users["mavi"])
            for metric, value in figures.items()
        ]  # fmt: skip
    MetricValue.objects.bulk_create(rows)
    year = today.year
    for kind, target in (
        (GoalKind.FOLLOWER_GROWTH, 10),
        (GoalKind.MEDIAN_RESPONSE, 4),
        (GoalKind.NEGATIVE_SHARE, 15),
        (GoalKind.POSTS_MONTH, 12),
    ):
        Goal.objects.get_or_create(
            channel=channel, kind=kind, year=year,
            defaults={"target": Decimal(target), "created_by": users["mavi"]},
        )  # fmt: skip


def _linkedin_import(users: dict[str, User]) -> None:
    channel = Channel.objects.filter(platform=Platform.LINKEDIN).first()
    sample = SAMPLES / "linkedin_followers.xlsx"
    if channel is None or not sample.is_file() or MetricImport.objects.exists():
        return
    record = metric_import_upload(
        actor=users["mavi"], channel=channel, file_name=sample.name, data=sample.read_bytes()
    )
    metric_import_apply(actor=users["mavi"], metric_import=record)
    bad = SAMPLES / "meta_follows_bad_rows_utf16.csv"
    facebook = Channel.objects.filter(platform=Platform.FACEBOOK).first()
    if facebook is not None and bad.is_file():  # left waiting, to show the rejected rows
        metric_import_upload(
            actor=users["mavi"], channel=facebook, file_name=bad.name, data=bad.read_bytes()
        )


DRAFTS = (
    ("Kirjaston satutunti taas lauantaina klo 11! Tervetuloa koko perhe. #KokkolaKarleby", ()),
    ("Uimahallin aukioloajat muuttuvat ensi viikolla, katso tiedote verkkosivuilta.", ()),
    ("Soita Mikalle numeroon 040 123 4567, niin hän kertoo lisää.", ()),
    ("Luonnos: budjettiesitys ei ole vielä julkinen, mutta säästöjä tulee kouluihin.", ()),
    ("Välkommen på sagostund i biblioteket på lördag klockan 11!", ()),
    ("Katso kuvat nuorisotalon avajaisista!", (Media("image", alt=""),)),
    ("Palvelinhuoneen ovikoodi on 4321, muistakaa sulkea ovi.", ()),
    ("Lasten kesäleirin ilmoittautuminen alkaa maanantaina, linkki: bit.ly/leiri2026", ()),
)


def _checked_drafts(users: dict[str, User]) -> None:
    """Drafts run through the post checker over the last weeks, for the checker figures."""
    if CheckRun.objects.exists():
        return
    channels = list(Channel.objects.filter(status=ChannelStatus.ACTIVE).order_by("pk"))
    if not channels:
        return
    now = timezone.now()
    for index, (text, media) in enumerate(DRAFTS * 3):
        outcome = check_run_create(
            user=users["paivittaja"],
            text=text,
            role=AuthorRole.EMPLOYEE,
            channel=channels[index % len(channels)],
            media=media,
        )
        CheckRun.objects.filter(pk=outcome.run.pk).update(
            created_at=now - timedelta(days=index * 1.3, hours=index % 7)
        )


def _storm(users: dict[str, User]) -> None:
    channel = (
        Channel.objects.filter(platform=Platform.FACEBOOK, status=ChannelStatus.ACTIVE)
        .order_by("pk")
        .first()
    )
    if channel is None or StormAlert.objects.exists():
        return
    now = timezone.now()
    rng = random.Random(17)  # noqa: S311 - demo texts
    # On the sandbox platform where the demo connects the channel (demo.connectors): the
    # page's live actions work on the storm's comments too.
    items = [
        demo_on_platform(
            IncomingMessage(
                channel=channel,
                external_id=f"demo-storm-{index}",
                kind="comment",
                text=rng.choice(ANGRY),
                received_at=now - timedelta(minutes=40 - index * 1.5),
                author_handle=f"asukas{index}",
                parent_external_id="demo-post-uimahalli",
            )
        )
        for index in range(24)
    ]
    message_ingest(actor=None, items=items, auto_escalate=False)
    alert = StormAlert.objects.filter(channel=channel).first() or storm_scan_channel(
        channel, now=now
    )
    if alert is None:
        return
    incident = incident_open(
        actor=users["mavi"], channel=channel, title=f"Uimahallin sulkeminen – {channel.name}",
        owner=users["mavi"], alert=alert,
    )  # fmt: skip
    incident_step(
        actor=users["mavi"], incident=incident, step=PlaybookStep.FOLLOW, state=StepState.DONE,
        note="Seurataan tunneittain.",
    )  # fmt: skip
    incident_reply_draft(
        actor=users["mavi"], incident=incident,
        text="Lukekaa ohjeet ennen kuin valitatte!! Päätös on tehty.", ui="fi",
    )  # fmt: skip
    incident_reply_draft(
        actor=users["mavi"],
        incident=incident,
        text="Kiitos palautteesta. Uimahallin remontti kestää kolme viikkoa; korvaavat vuorot "
        "löytyvät kaupungin verkkosivuilta.",
        ui="fi",
    )


def _reports(users: dict[str, User]) -> None:
    """The scheduled reports and one report made through the metrics page's own path."""
    mavi = users["mavi"]
    if not ReportSchedule.objects.filter(name="Somen kuukausiraportti").exists():
        schedule_save(
            actor=mavi,
            name="Somen kuukausiraportti",
            frequency=ReportFrequency.MONTHLY,
            unit=None,
            users=[users["viestintapaallikko"], mavi],
            outside=[Outside(email="johtoryhma@demo.kokkola.invalid", language="sv")],
        )
    if not ReportSchedule.objects.filter(name="Kirjaston vuosiraportti").exists():
        schedule_save(
            actor=mavi,
            name="Kirjaston vuosiraportti",
            frequency=ReportFrequency.YEARLY,
            unit=Unit.objects.get(code="kirjasto"),
            users=[users["yksikonpaallikko"]],
            outside=[],
        )
    if not ReportJob.objects.filter(requested_by=mavi).exists():
        year, month = last_period(ReportFrequency.MONTHLY, timezone.localdate())
        job = report_job_request(
            actor=mavi,
            data=ReportRequest(
                year=year, month=month, unit=None, language="fi", format=ReportFormat.CSV
            ),
        )
        report_job_run(job.pk)  # made now; the start after the commit finds it done


@transaction.atomic
def demo_metrics_load(users: dict[str, User]) -> None:
    for channel in Channel.objects.filter(status=ChannelStatus.ACTIVE):
        _daily(channel, users)
    _linkedin_import(users)
    _checked_drafts(users)
    _storm(users)
    _reports(users)

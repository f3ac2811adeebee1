from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.compliance.forms import CheckForm
from someluotsi.compliance.presentation import (
    CATEGORY_LABELS,
    SEVERITY_LABELS,
    findings_by_importance,
    highlight_segments,
    language_line,
)
from someluotsi.compliance.selectors import check_channel_choices
from someluotsi.compliance.services import check_run_create, default_author_role
from someluotsi.core.access import area_required
from someluotsi.guideline.model import AuthorRole, EngineError, Media


def _media(data: dict[str, Any]) -> list[Media]:
    media = []
    if data.get("image"):
        media.append(Media(kind="image", alt=data.get("image_alt") or ""))
    if data.get("video"):
        media.append(Media(kind="video", captions=bool(data.get("video_captions"))))
    return media


@area_required(Area.CHECK)
def check_page(request: HttpRequest) -> HttpResponse:
    """The "Check a post" page; with htmx only the result part is swapped in."""
    user = cast(User, request.user)
    channels = check_channel_choices(user=user)
    context: dict[str, Any] = {}
    if request.method == "POST":
        form = CheckForm(request.POST, channels=channels)
        if form.is_valid():
            data = form.cleaned_data
            ui_language = (get_language() or "fi")[:2]
            try:
                outcome = check_run_create(
                    user=user,
                    text=data["text"],
                    role=AuthorRole(data["role"]),
                    channel=data["channel"],
                    media=_media(data),
                    ui_language=ui_language,
                    save_text=data["save_text"],
                )
            except EngineError as exc:
                form.add_error("text", str(exc))
            else:
                report = outcome.report
                ordered = findings_by_importance(report.findings)
                context.update(
                    report=report,
                    redacted=outcome.redacted,
                    segments=highlight_segments(
                        data["text"], ordered, report.parts, report.language
                    ),
                    language_line=language_line(report),
                    findings=[
                        {
                            "number": number,
                            "finding": finding,
                            "category": CATEGORY_LABELS[finding.category],
                            "severity": SEVERITY_LABELS[finding.severity],
                        }
                        for number, finding in enumerate(ordered, 1)
                    ],
                    counts={
                        level: sum(1 for f in report.findings if f.severity.value == level)
                        for level in ("block", "warn", "info")
                    },
                )
    else:
        form = CheckForm(channels=channels, initial={"role": default_author_role(user=user).value})
    context["form"] = form
    if getattr(request, "htmx", False) and request.method == "POST":
        return render(request, "compliance/_result.html", context)
    return render(request, "compliance/check.html", context)

"""Pages of the connectors: connecting a channel (OAuth), the panels on the channel and message
pages, platform actions from the message page, and the sandbox platform's own pages."""

from __future__ import annotations

import secrets
from typing import cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from someluotsi.accounts.access import Area
from someluotsi.accounts.models import User
from someluotsi.channels.models import Channel
from someluotsi.channels.selectors import channel_list_for_user
from someluotsi.compliance.speaking import city_text_warning
from someluotsi.connectors import moderation, services
from someluotsi.connectors.base import Capability
from someluotsi.connectors.enums import ActionKind, ConnectionStatus
from someluotsi.connectors.errors import NOT_FOUND, ConnectorError
from someluotsi.connectors.models import InboundItem, PlatformThread
from someluotsi.connectors.registry import CONNECTORS, connector_for, platform_enabled
from someluotsi.connectors.sandbox.connector import SandboxConnector
from someluotsi.connectors.selectors import (
    actions_for_message,
    connection_can_manage,
    connection_for_channel,
    sandbox_view_for_user,
)
from someluotsi.core.access import area_required
from someluotsi.core.errors import ApplicationError
from someluotsi.core.pages import show_refusal
from someluotsi.core.typed_text import posted_text
from someluotsi.inbox.models import Message
from someluotsi.inbox.selectors import (
    message_can_work,
    message_get_for_user,
    readability_for_user,
)


# What a platform does not let us do, said on the message page (README has the whole list).
def _not_allowed_note(capability: Capability, platform: str) -> str:
    if capability == Capability.HIDE:
        return _(
            "%(platform)s does not let comments be hidden through its interface: delete the "
            "comment, or hide it by hand on the platform and record it below."
        ) % {"platform": platform}
    return _(
        "%(platform)s lets the account delete only its own posts and replies through its interface."
    ) % {"platform": platform}


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _callback_uri(request: HttpRequest) -> str:
    path = reverse("connectors:callback")
    return settings.BASE_URL + path if settings.BASE_URL else request.build_absolute_uri(path)


def _platforms_for(channel: Channel) -> list[tuple[str, str]]:
    """The connectors a channel can use: its own platform's, and the sandbox where enabled."""
    options = []
    if channel.platform in CONNECTORS and platform_enabled(channel.platform):
        options.append((channel.platform, channel.get_platform_display()))
    if platform_enabled("sandbox"):
        options.append(("sandbox", _("Sandbox (demo platform)")))
    return options


def channel_panel(request: HttpRequest, channel: Channel) -> str:
    """The channel page's "Platform connection" panel."""
    connection = connection_for_channel(channel=channel)
    user = _user(request)
    context = {
        "channel": channel,
        "connection": connection,
        "can_manage": connection_can_manage(user=user, channel=channel),
        "platforms": _platforms_for(channel),
        "broken": connection is not None
        and connection.status in {ConnectionStatus.EXPIRED, ConnectionStatus.REVOKED},
        "error_text": ConnectorError(connection.last_error_code).user_message()
        if connection is not None and connection.last_error_code
        else "",
    }
    return render_to_string("connectors/_channel_panel.html", context, request=request)


def message_panel(request: HttpRequest, message: Message) -> str:
    """The message page's "On the platform" panel: thread context, platform actions and
    their results."""
    user = _user(request)
    connection = connection_for_channel(channel=message.channel)
    actions = list(actions_for_message(message=message)[:20])
    if connection is None and not actions:
        return ""
    can_read = readability_for_user(user=user).can_read(message)
    can_work = message_can_work(user=user, message=message)
    capabilities: frozenset[Capability] = frozenset()
    working = connection is not None and connection.status == ConnectionStatus.ACTIVE
    if connection is not None:
        capabilities = connector_for(connection.platform).capabilities
    item = InboundItem.objects.filter(message=message).first()
    thread = (
        PlatformThread.objects.filter(connection=item.connection, thread_id=item.thread_id).first()
        if item is not None and item.thread_id
        else None
    )
    name = connection.get_platform_display() if connection else ""
    notes = [
        _not_allowed_note(cap, name)
        for cap in (Capability.HIDE, Capability.DELETE)
        if connection is not None and cap not in capabilities
    ]
    session_key = f"connectors-draft-{message.pk}"
    draft = request.session.pop(session_key, None) if hasattr(request, "session") else None
    context = {
        "message": message,
        "connection": connection,
        "working": working,
        "can_read": can_read,
        "can_work": can_work and working,
        "can_reply": Capability.REPLY in capabilities,
        "can_hide": Capability.HIDE in capabilities,
        "can_delete": Capability.DELETE in capabilities,
        "notes": notes,
        "thread": thread if can_read else None,
        # The target is gone: deleted on the platform (a webhook said so) or an action found it
        # missing. The live actions are then not offered (they could only fail).
        "gone": (item is not None and item.gone_at is not None)
        or any(a.error_code == NOT_FOUND for a in actions),
        "actions": [
            (a, ConnectorError(a.error_code).user_message() if a.error_code else "")
            for a in actions
        ],
        "key": secrets.token_urlsafe(16),
        "draft": draft or {},
        "reply_text": (draft or {}).get("text") or message.suggested_reply,
    }
    return render_to_string("connectors/_message_panel.html", context, request=request)


@require_POST
@area_required(Area.CHANNELS)
def connect_start(request: HttpRequest, channel_id: int) -> HttpResponse:
    user = _user(request)
    channel = get_object_or_404(channel_list_for_user(user=user), pk=channel_id)
    platform = request.POST.get("platform", "")
    if platform not in dict(_platforms_for(channel)):
        flash.error(request, _("Choose a platform this channel can connect to."))
        return HttpResponseRedirect(reverse("channels:detail", args=[channel.pk]))
    try:
        url = services.oauth_start(
            actor=user, channel=channel, platform=platform, redirect_uri=_callback_uri(request)
        )
    except ApplicationError as exc:
        show_refusal(request, exc)
        return HttpResponseRedirect(reverse("channels:detail", args=[channel.pk]))
    except ConnectorError as exc:
        flash.error(request, exc.user_message())
        return HttpResponseRedirect(reverse("channels:detail", args=[channel.pk]))
    return HttpResponseRedirect(url)


@require_safe
@area_required(Area.CHANNELS)
def connect_callback(request: HttpRequest) -> HttpResponse:
    """The platform sends the user back here with `code` and our `state` (or an `error`)."""
    user = _user(request)
    state, code = request.GET.get("state", ""), request.GET.get("code", "")
    if request.GET.get("error") or not state or not code:
        flash.error(request, _("The platform did not grant access. Nothing was connected."))
        return HttpResponseRedirect(reverse("channels:list"))
    try:
        connection = services.oauth_finish(
            actor=user, state=state[:200], code=code[:4000], redirect_uri=_callback_uri(request)
        )
    except ApplicationError as exc:
        show_refusal(request, exc)
        return HttpResponseRedirect(reverse("channels:list"))
    except ConnectorError as exc:
        flash.error(request, exc.user_message())
        return HttpResponseRedirect(reverse("channels:list"))
    flash.success(
        request,
        _("Connected to %(account)s. Messages from the last %(days)s days are being fetched.")
        % {"account": connection.account_name or connection.account_id,
           "days": settings.CONNECTORS_BACKFILL_DAYS},
    )  # fmt: skip
    return HttpResponseRedirect(reverse("channels:detail", args=[connection.channel_id]))


@require_POST
@area_required(Area.CHANNELS)
def disconnect(request: HttpRequest, channel_id: int) -> HttpResponse:
    user = _user(request)
    channel = get_object_or_404(channel_list_for_user(user=user), pk=channel_id)
    connection = connection_for_channel(channel=channel)
    if connection is not None:
        try:
            services.connection_disconnect(actor=user, connection=connection)
            flash.success(request, _("The channel was disconnected from its platform."))
        except ApplicationError as exc:
            show_refusal(request, exc)
    return HttpResponseRedirect(reverse("channels:detail", args=[channel.pk]))


@require_POST
@area_required(Area.INBOX)
def message_act(request: HttpRequest, message_id: int) -> HttpResponse:
    """Reply, hide, unhide or delete on the platform (queued; the result shows on the page)."""
    user = _user(request)
    message = message_get_for_user(user=user, message_id=message_id)
    if message is None:
        raise Http404
    detail = reverse("inbox:detail", args=[message.pk])
    action = request.POST.get("action", "")
    if action not in {k.value for k in ActionKind} - {"publish", "delete_post"}:
        flash.error(request, _("Unknown action."))
        return HttpResponseRedirect(detail)
    text = ""
    warnings: list[str] = []
    try:
        text = posted_text(request.POST, "reply")
        moderation.action_request(
            actor=user, message=message, kind=ActionKind(action),
            key=request.POST.get("key", "")[:64] or secrets.token_urlsafe(16), text=text,
            override_reason=posted_text(request.POST, "override_reason"),
            ui_language=(get_language() or "fi")[:2],
            on_check=lambda check: warnings.append(city_text_warning(check)),
        )  # fmt: skip
        flash.success(request, _("Sent to the platform. The result appears on this page."))
        for warning in filter(None, warnings):
            flash.warning(request, warning)
    except ApplicationError as exc:
        if exc.code == "reply_blocked":
            request.session[f"connectors-draft-{message.pk}"] = {
                "text": text[:8000],
                "findings": exc.details.get("findings", []),
            }
        show_refusal(request, exc)
    return HttpResponseRedirect(detail + "#platform-h")


@require_http_methods(["GET", "HEAD", "POST"])
@area_required(Area.CHANNELS)
def sandbox_authorize(request: HttpRequest) -> HttpResponse:
    """The sandbox platform's consent page: grant access to an account, then back to the
    callback with a code bound to the PKCE challenge. Only our own callback is accepted."""
    if not platform_enabled("sandbox"):
        raise Http404
    params = request.POST if request.method == "POST" else request.GET
    redirect_uri = params.get("redirect_uri", "")
    # Exactly this site's own callback (scheme, host and path), never another host's: the
    # consent page hands out a code and must not be an open redirect.
    if redirect_uri != _callback_uri(request):
        raise Http404
    state, challenge = params.get("state", ""), params.get("code_challenge", "")
    if request.method == "POST":
        name = (posted_text(request.POST, "account") or "Kokkola").strip()[:100]
        account_id = "sbx-" + "".join(ch for ch in name.lower() if ch.isalnum())[:40]
        if request.POST.get("decision") != "grant":
            return HttpResponseRedirect(
                redirect_uri + "?" + urlencode({"error": "access_denied", "state": state})
            )
        code = SandboxConnector.issue_code(
            account_id=account_id, account_name=name, code_challenge=challenge
        )
        return HttpResponseRedirect(redirect_uri + "?" + urlencode({"code": code, "state": state}))
    context = {"redirect_uri": redirect_uri, "state": state, "challenge": challenge,
               "scopes": SandboxConnector.scopes}  # fmt: skip
    return render(request, "connectors/sandbox_authorize.html", context)


@require_safe
@login_required
def sandbox_item(request: HttpRequest, item_id: str) -> HttpResponse:
    """The sandbox platform's page of a post or comment with its thread (what "the platform"
    shows: replies, hidden and deleted comments). Comments and their authors only under the
    inbox rule (connectors.selectors.sandbox_view_for_user), each reading audited; a comment
    the person may not read is a 404, a post shows how many comments are not shown."""
    if not platform_enabled("sandbox"):
        raise Http404
    view = sandbox_view_for_user(user=_user(request), item_id=item_id)
    if view is None:
        raise Http404
    services.sandbox_view_record(actor=_user(request), view=view, request=request)
    return render(
        request,
        "connectors/sandbox_item.html",
        {"item": view.item, "root": view.root, "thread": view.shown, "hidden": view.hidden},
    )

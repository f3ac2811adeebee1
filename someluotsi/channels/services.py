"""Changes to the channel register: registering an existing account, editing its plan and
status, its maintainers and their absences. Each change writes an audit event in the same
transaction. New accounts come through `channels.requests` (§11.1), not through here."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from someluotsi.accounts.models import Unit, User
from someluotsi.accounts.selectors import AnyUser
from someluotsi.audit.services import audit_record
from someluotsi.channels.addresses import channel_url_clean
from someluotsi.channels.enums import (
    BrandConformity,
    ChannelKind,
    ChannelStatus,
    MaintainerRole,
    Platform,
)
from someluotsi.channels.models import Channel, ChannelMaintainer, MaintainerAbsence
from someluotsi.channels.plan import plan_clean
from someluotsi.channels.selectors import (
    CANNOT_MAINTAIN,
    absence_can_record,
    channel_can_edit,
    channel_can_staff,
    cover_is_eligible,
    user_can_maintain,
    user_is_city_wide,
)
from someluotsi.core.conflicts import claim_version
from someluotsi.core.errors import ApplicationError, PermissionDeniedError

REGISTER_FIELDS = ("name", "handle", "url", "kind", "status", "brand_conformity")
MAX_ABSENCE_DAYS = 366


def _choice(value: Any, choices: type[Any], field: str) -> str:
    if value not in choices.values:
        raise ApplicationError(
            _("Unknown choice: %(values)s.") % {"values": str(value)[:50]}, code=f"bad_{field}"
        )
    return str(value)


def _clean_register(
    data: dict[str, Any], platform: str, current_url: str | None = None
) -> dict[str, Any]:
    """The register fields in `data`, checked; the address against `platform`'s domains."""
    cleaned: dict[str, Any] = {}
    if "name" in data:
        name = str(data["name"] or "").strip()
        if not name or len(name) > 200:
            raise ApplicationError(_("Give the channel a name of 1–200 characters."), code="name")
        cleaned["name"] = name
    if "handle" in data:
        text = str(data["handle"] or "").strip()
        if len(text) > 200:
            raise ApplicationError(_("At most 200 characters."), code="bad_handle")
        cleaned["handle"] = text
    if "url" in data:
        text = str(data["url"] or "").strip()
        # An address saved before the domain check is left as it is by an unrelated edit.
        unchanged = current_url is not None and text == current_url
        cleaned["url"] = text if unchanged else channel_url_clean(text, platform)
    for field, choices in (
        ("kind", ChannelKind),
        ("status", ChannelStatus),
        ("brand_conformity", BrandConformity),
    ):
        if field in data:
            cleaned[field] = _choice(data[field], choices, field)
    if "brand_reviewed_on" in data:
        cleaned["brand_reviewed_on"] = data["brand_reviewed_on"] or None
    return cleaned


def _name_taken(platform: str, name: str, exclude: int | None = None) -> bool:
    same = Channel.objects.filter(platform=platform, name__iexact=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    return same.exists()


@transaction.atomic
def channel_register(
    *,
    actor: User,
    platform: str,
    name: str,
    unit: Unit,
    kind: str,
    data: dict[str, Any] | None = None,
) -> Channel:
    """Add an account that already exists to the register (the mavi team's inventory).

    A new account is not created here: that takes the two decisions of §11.1."""
    if not user_is_city_wide(user=actor):
        raise PermissionDeniedError(
            _("Only the mavi team registers existing accounts; ask for a new one with a request.")
        )
    platform = _choice(platform, Platform, "platform")
    fields = _clean_register({"name": name, "kind": kind, **(data or {})}, platform)
    fields.update(plan_clean(data or {}))
    if _name_taken(platform, fields["name"]):
        raise ApplicationError(
            _("A channel with this name is already registered on this platform."),
            code="channel_exists",
        )
    channel = Channel.objects.create(platform=platform, unit=unit, **fields)
    audit_record(
        actor=actor,
        action="channel.registered",
        target=channel,
        data={"platform": platform, "unit": unit.code, "kind": channel.kind},
    )
    return channel


def _claim_version(channel: Channel, version: int) -> None:
    """Lock the channel's row and refuse a save that started from an older version
    (core.conflicts)."""
    claim_version(Channel.objects.all(), channel.pk, version)


@transaction.atomic
def channel_update(
    *, actor: AnyUser, channel: Channel, data: dict[str, Any], version: int | None = None
) -> Channel:
    """Edit the plan (maintainers, managers, mavi) and register fields (managers, mavi).

    `version` is the channel's version the editor's form started from (the edit form always
    sends it; None only for callers that hold the row themselves): when someone saved in
    between, the save is refused with core.conflicts.EditConflictError (code "edit_conflict",
    status 409) and nothing is written, so the caller can show the editor's changes again."""
    if not channel_can_edit(user=actor, channel=channel):
        raise PermissionDeniedError(_("You cannot edit this channel."))
    fields = plan_clean(data)
    register = _clean_register(data, channel.platform, current_url=channel.url)
    if register and not channel_can_staff(user=actor, channel=channel):
        raise PermissionDeniedError(
            _("The unit's managers and the mavi team change the channel's name, kind and status.")
        )
    fields.update(register)
    if "name" in fields and _name_taken(channel.platform, fields["name"], exclude=channel.pk):
        raise ApplicationError(
            _("A channel with this name is already registered on this platform."),
            code="channel_exists",
        )
    if version is not None:
        _claim_version(channel, version)
    changed = {k: v for k, v in fields.items() if getattr(channel, k) != v}
    if not changed:
        return channel
    for field, value in changed.items():
        setattr(channel, field, value)
    channel.version = F("version") + 1
    channel.last_edited_by = actor if isinstance(actor, User) else None
    channel.save(update_fields=[*changed, "version", "last_edited_by", "updated_at"])
    channel.refresh_from_db(fields=["version"])
    audit_record(
        actor=actor, action="channel.updated", target=channel, data={"fields": sorted(changed)}
    )
    return channel


@transaction.atomic
def channel_record_post(
    *, actor: AnyUser | None, channel: Channel, at: datetime | None = None
) -> Channel:
    """Record that the channel published: by hand, or (`actor` None) reported by the platform
    connectors, whose platform clock may run a little ahead of ours."""
    if actor is not None and not channel_can_edit(user=actor, channel=channel):
        raise PermissionDeniedError(_("You cannot edit this channel."))
    at = at or timezone.now()
    if actor is None:
        at = min(at, timezone.now())
    elif at > timezone.now():
        raise ApplicationError(_("A post cannot be in the future."), code="future_post")
    if channel.last_post_at is None or at > channel.last_post_at:
        channel.last_post_at = at
        channel.save(update_fields=["last_post_at", "updated_at"])
        audit_record(actor=actor, action="channel.post_recorded", target=channel)
    return channel


@transaction.atomic
def channel_note_published(*, channel: Channel, at: datetime) -> Channel:
    """A post went out on the channel (from publishing, by a connector or recorded by hand):
    the channel's latest activity moves forward. No permission check: callers have made it."""
    if channel.last_post_at is None or at > channel.last_post_at:
        channel.last_post_at = at
        channel.save(update_fields=["last_post_at", "updated_at"])
    return channel


@transaction.atomic
def maintainer_add(
    *,
    actor: AnyUser,
    channel: Channel,
    user: User,
    acting_role: str = MaintainerRole.ORGANISATION,
    answer_order: int | None = None,
) -> ChannelMaintainer:
    """Add a maintainer in the role they act in (§12.2)."""
    if not channel_can_staff(user=actor, channel=channel):
        raise PermissionDeniedError(_("Only the unit's managers and the mavi team staff channels."))
    if not user.is_active:
        raise ApplicationError(_("This person's account is not active."), code="inactive_user")
    if not user_can_maintain(user=user):
        raise ApplicationError(_(CANNOT_MAINTAIN), code="cannot_maintain")
    acting_role = _choice(acting_role, MaintainerRole, "acting_role")
    order = answer_order or (channel.maintainerships.count() + 1)
    try:
        with transaction.atomic():
            maintainership = ChannelMaintainer.objects.create(
                channel=channel, user=user, acting_role=acting_role, answer_order=order
            )
    except IntegrityError as exc:
        raise ApplicationError(
            _("%(name)s already maintains this channel.") % {"name": user}, code="already"
        ) from exc
    audit_record(
        actor=actor,
        action="channel.maintainer_added",
        target=channel,
        data={"user": user.pk, "acting_role": acting_role},
    )
    return maintainership


@transaction.atomic
def maintainer_remove(*, actor: AnyUser, channel: Channel, user: User) -> None:
    if not channel_can_staff(user=actor, channel=channel):
        raise PermissionDeniedError(_("Only the unit's managers and the mavi team staff channels."))
    deleted, _rows = ChannelMaintainer.objects.filter(channel=channel, user=user).delete()
    if not deleted:
        raise ApplicationError(_("This person does not maintain the channel."), code="not_held")
    audit_record(
        actor=actor, action="channel.maintainer_removed", target=channel, data={"user": user.pk}
    )


@transaction.atomic
def absence_record(
    *,
    actor: AnyUser,
    user: User,
    starts_on: date,
    ends_on: date,
    cover: User | None = None,
    note: str = "",
) -> MaintainerAbsence:
    """A holiday or leave, with the person who covers it (§12.1)."""
    if not absence_can_record(user=actor, person=user):
        raise PermissionDeniedError(
            _("You can record your own absences, and managers those of their units.")
        )
    if not user_can_maintain(user=user):
        # Nobody's channel work to cover: a service account or an auditor has none.
        raise ApplicationError(_(CANNOT_MAINTAIN), code="cannot_maintain")
    if ends_on < starts_on:
        raise ApplicationError(_("The absence must end on or after its first day."), code="dates")
    if (ends_on - starts_on).days > MAX_ABSENCE_DAYS:
        raise ApplicationError(_("Record at most a year at a time."), code="too_long")
    if cover is not None and not cover_is_eligible(cover=cover, person=user):
        # The same people who may maintain the absent person's channels (§12.1-§12.2).
        raise ApplicationError(
            _(
                "Choose someone else as the cover: a person who may maintain the absent "
                "person's channels (their unit's people, its managers or the mavi team)."
            ),
            code="bad_cover",
        )
    if len(note) > 300:
        raise ApplicationError(_("A note can be at most 300 characters."), code="note_too_long")
    absence = MaintainerAbsence.objects.create(
        user=user,
        starts_on=starts_on,
        ends_on=ends_on,
        cover=cover,
        note=note.strip(),
        recorded_by=actor if isinstance(actor, User) else None,
    )
    audit_record(
        actor=actor,
        action="absence.recorded",
        target=user,
        data={
            "absence": absence.pk,
            "from": starts_on.isoformat(),
            "until": ends_on.isoformat(),
            "cover": cover.pk if cover else None,
        },
    )
    return absence


@transaction.atomic
def absence_delete(*, actor: AnyUser, absence: MaintainerAbsence) -> None:
    if not absence_can_record(user=actor, person=absence.user):
        raise PermissionDeniedError(
            _("You can record your own absences, and managers those of their units.")
        )
    audit_record(
        actor=actor, action="absence.deleted", target=absence.user, data={"absence": absence.pk}
    )
    absence.delete()

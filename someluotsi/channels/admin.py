"""Admin for system administrators. Requests, decisions and campaigns are read-only here: they
change only through the services, which audit and notify."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from someluotsi.channels.models import (
    Channel,
    ChannelDecision,
    ChannelMaintainer,
    ChannelRequest,
    MaintainerAbsence,
    PaidCampaign,
)


class MaintainerInline(admin.TabularInline[ChannelMaintainer, Channel]):
    model = ChannelMaintainer
    extra = 0


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin[Channel]):
    list_display = ("name", "platform", "kind", "unit", "status")
    list_filter = ("platform", "kind", "status")
    search_fields = ("name", "handle")
    inlines = (MaintainerInline,)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DecisionInline(admin.TabularInline[ChannelDecision, ChannelRequest]):
    model = ChannelDecision
    extra = 0
    can_delete = False
    readonly_fields = ("role", "outcome", "reason", "decided_by", "decided_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ChannelRequest)
class ChannelRequestAdmin(ReadOnlyAdmin):
    list_display = ("name", "platform", "unit", "requested_by", "status", "created_at")
    list_filter = ("status", "platform")
    inlines = (DecisionInline,)


@admin.register(PaidCampaign)
class PaidCampaignAdmin(ReadOnlyAdmin):
    list_display = ("channel", "unit", "budget_eur", "starts_on", "ends_on", "decided_by_name")
    list_filter = ("unit",)
    date_hierarchy = "starts_on"


@admin.register(MaintainerAbsence)
class MaintainerAbsenceAdmin(admin.ModelAdmin[MaintainerAbsence]):
    list_display = ("user", "starts_on", "ends_on", "cover")

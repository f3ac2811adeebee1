from django.contrib import admin

from someluotsi.channels.models import Channel, ChannelMaintainer


class MaintainerInline(admin.TabularInline[ChannelMaintainer, Channel]):
    model = ChannelMaintainer
    extra = 0


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin[Channel]):
    list_display = ("name", "platform", "kind", "unit", "status")
    list_filter = ("platform", "kind", "status")
    inlines = (MaintainerInline,)

from django.contrib import admin

from someluotsi.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ("recipient", "subject", "created_at", "read_at", "emailed_at")

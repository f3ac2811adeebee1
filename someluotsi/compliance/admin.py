from django.contrib import admin

from someluotsi.compliance.models import CheckRun


@admin.register(CheckRun)
class CheckRunAdmin(admin.ModelAdmin[CheckRun]):
    list_display = ("created_at", "author", "role", "verdict", "guideline_version")
    list_filter = ("verdict", "role")
    readonly_fields = tuple(f.name for f in CheckRun._meta.fields)

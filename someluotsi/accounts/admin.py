from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from someluotsi.accounts.models import RoleAssignment, Unit, User


class RoleAssignmentInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    fk_name = "user"
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("City"), {"fields": ("unit", "title", "phone", "preferred_language")}),
    )
    list_display = ("username", "first_name", "last_name", "unit", "is_active")
    list_filter = ("is_active", "unit", "role_assignments__role")
    inlines = (RoleAssignmentInline,)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    list_display = ("code", "name_fi", "name_sv", "parent", "manager")
    search_fields = ("code", "name_fi", "name_sv")

"""Users, the city's organisational units and role assignments."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from someluotsi.accounts.enums import Role


class Unit(models.Model):
    """A division (toimiala) or a unit within one; names in the city's languages."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("division"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    manager = models.ForeignKey(
        "accounts.User",
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_units",
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.localized_name()

    def localized_name(self, language: str | None = None) -> str:
        language = (language or get_language() or "fi")[:2]
        if language == "sv":
            return self.name_sv
        if language == "en":
            return self.name_en or self.name_fi
        return self.name_fi


class User(AbstractUser):
    """A person who signs in: staff, elected officials, auditors."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")],
        default="fi",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("last_name", "first_name", "username")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def set_unusable_password(self) -> None:
        """No password at all (e.g. signing in only through the city's identity provider):
        a new password as far as the API tokens go (save revokes them)."""
        super().set_unusable_password()
        self._password_unusable = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saves the user; a new password (set_password: a reset, a change, the admin) also
        revokes the person's API tokens, as it ends their other sessions. A token outlived the
        password it was obtained with: whoever had learnt the password kept the API after the
        reset that was meant to shut them out. Django keeps `_password` only for a password
        set since the last save (a hash upgraded at sign-in is not a new password)."""
        changed = self.pk is not None and (
            getattr(self, "_password", None) is not None
            or getattr(self, "_password_unusable", False)
        )
        super().save(*args, **kwargs)
        self._password_unusable = False
        if changed:
            from rest_framework.authtoken.models import Token

            Token.objects.filter(user_id=self.pk).delete()


class RoleAssignment(models.Model):
    """One role held by one user, optionally limited to a unit (a supervisor of the library)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "role", "unit"), name="unique_role_per_user_unit"
            ),
            models.UniqueConstraint(
                fields=("user", "role"),
                condition=models.Q(unit__isnull=True),
                name="unique_global_role_per_user",
            ),
        ]

    def __str__(self) -> str:
        scope = f" ({self.unit})" if self.unit_id else ""
        return f"{self.user}: {self.get_role_display()}{scope}"

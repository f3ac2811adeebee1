"""Stale-edit protection for records several people edit through a form (optimistic
concurrency): the form carries the record's `version` as it was when the form was opened; the
service locks the row inside its transaction and refuses the save when the version moved on.

The channel register (channels.services.channel_update), posts (publishing.services.post_update),
paid campaigns (channels.campaigns.campaign_update), the asset library's details
(publishing.assets.asset_update) and the mavi team's reply templates
(inbox.services.reply_template_save) share the error and its message, so a refused save reads
the same everywhere, in fi/sv/en.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from someluotsi.core.errors import ApplicationError
from someluotsi.core.times import moment_text

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

EDIT_CONFLICT = "edit_conflict"

# A damaged or missing hidden version (a page altered in the browser, a truncated form) is named
# instead of saving over whatever is there now.
VERSION_ERROR = gettext_lazy(
    "The form's version information is damaged. Reload the page and make your changes again."
)


class EditConflictError(ApplicationError):
    """Someone else saved the record after this person opened its form. Status 409, code
    "edit_conflict"; the message says who and when, and that the form keeps the changes."""

    status_code = 409

    def __init__(self, message: str, *, code: str = EDIT_CONFLICT) -> None:
        super().__init__(message, code=code)


def edit_conflict(*, editor: Any, saved_at: datetime) -> EditConflictError:
    """The refusal of a stale save, translated in the active language. `editor`: who saved last
    (a User, or None when unknown); `saved_at`: when (an aware datetime, shown in local time)."""
    return EditConflictError(
        _(
            "%(name)s saved this at %(time)s, after you opened it. Your changes were not saved; "
            "they are still in the form below. Open the page again in another tab to see the "
            "other version, combine the two and save again."
        )
        % {
            "name": str(editor) if editor else _("Someone"),
            "time": moment_text(saved_at, seconds=False),
        }
    )


def claim_version(queryset: QuerySet[Any], pk: int, version: int) -> None:
    """Lock the row `pk` of `queryset`'s model (only its own row: PostgreSQL refuses to lock the
    nullable outer join to the last editor) and raise EditConflictError when its version is no
    longer `version`. Call it inside the service's transaction, before writing anything; the
    model needs `version`, `updated_at` and `last_edited_by`."""
    current = (
        queryset.select_for_update(of=("self",))
        .select_related("last_edited_by")
        .only("version", "updated_at", "last_edited_by")
        .get(pk=pk)
    )
    if current.version != version:
        raise edit_conflict(editor=current.last_edited_by, saved_at=current.updated_at)


def version_field(
    *, required: bool = True, message: str | _StrPromise = VERSION_ERROR
) -> forms.Field:
    """The hidden `version` field of an edit form: the record's version when the form was
    opened (0 to 2**31 - 1). A broken value, or a missing one when `required`, fails with
    `message` (shown in the form's error summary with the other hidden fields' errors)."""
    codes = ("required", "invalid", "min_value", "max_value")
    return forms.IntegerField(
        widget=forms.HiddenInput,
        required=required,
        min_value=0,
        max_value=2**31 - 1,
        error_messages=dict.fromkeys(codes, message),
    )

"""One application error type; the API maps it to one error shape."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A refusal by a service that the user can act on (wrong state, missing right, bad input).

    `code` is a stable machine-readable identifier; `message` is already translated for the user.
    """

    status_code = 400

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        details: dict[str, Any] | None = None,
        status_code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details or {}
        if status_code is not None:
            self.status_code = status_code


class PermissionDeniedError(ApplicationError):
    status_code = 403

    def __init__(self, message: str, *, code: str = "permission_denied") -> None:
        super().__init__(message, code=code)

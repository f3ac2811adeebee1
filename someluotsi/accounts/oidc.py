"""Sign-in through the city's identity provider (OpenID Connect), off unless OIDC_ENABLED.

New people get an account with no roles; the mavi team assigns roles. The e-mail claim links an
existing account.
"""

from __future__ import annotations

from typing import Any

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from someluotsi.audit.services import audit_record


class CityOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def create_user(self, claims: dict[str, Any]) -> Any:
        user = super().create_user(claims)
        user.first_name = str(claims.get("given_name", ""))[:150]
        user.last_name = str(claims.get("family_name", ""))[:150]
        user.save(update_fields=["first_name", "last_name"])
        audit_record(actor=None, action="user.created_by_oidc", target=user)
        return user

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        return user

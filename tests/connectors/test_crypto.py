"""Tokens at rest: encrypted with MultiFernet, rotated, never in logs or reprs."""

from __future__ import annotations

import logging

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

from someluotsi.connectors import crypto
from someluotsi.connectors.credentials import connection_account
from someluotsi.connectors.errors import ConnectorError
from someluotsi.connectors.models import Connection
from someluotsi.connectors.services import connection_rotate_keys
from tests.connectors.conftest import World


def test_tokens_are_stored_encrypted(world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    connection = world.connect_sandbox()
    plain = connection_account(connection=connection).token
    row = Connection.objects.get(pk=connection.pk)
    assert plain not in row.access_token_enc
    assert plain not in row.refresh_token_enc
    assert plain.startswith("sbx.")
    assert plain not in repr(connection_account(connection=connection))
    assert plain not in caplog.text


def test_key_rotation_keeps_tokens_readable() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(CONNECTORS_ENCRYPTION_KEYS=[old]):
        stored = crypto.encrypt("secret-token")
    with override_settings(CONNECTORS_ENCRYPTION_KEYS=[new, old]):
        assert crypto.decrypt(stored) == "secret-token"
        rotated = crypto.rotate(stored)
    with override_settings(CONNECTORS_ENCRYPTION_KEYS=[new]):
        assert crypto.decrypt(rotated) == "secret-token"
        with pytest.raises(ConnectorError) as caught:
            crypto.decrypt(stored)
    assert caught.value.code == "auth_expired"


def test_rotate_command_rewrites_every_connection(world: World) -> None:
    connection = world.connect_sandbox()
    before = Connection.objects.get(pk=connection.pk).access_token_enc
    assert connection_rotate_keys() == 1
    after = Connection.objects.get(pk=connection.pk).access_token_enc
    assert after != before
    assert crypto.decrypt(after) == crypto.decrypt(before)


def test_production_without_keys_refuses(db: None) -> None:
    with (
        override_settings(CONNECTORS_ENCRYPTION_KEYS=[], DEBUG=False),
        pytest.raises(ConnectorError) as caught,
    ):
        crypto.encrypt("x")
    assert caught.value.code == "misconfigured"

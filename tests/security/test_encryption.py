"""The SSO client secret is stored encrypted with the keys of the settings, and the keys can be rotated."""

import importlib
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from deelwijs.common import encryption
from deelwijs.orgs.models import Organisation

ROOT = Path(__file__).resolve().parent.parent.parent
SECRET = "geheim-van-de-identiteitsprovider"
OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def stored(org):
    """The column as it is in the database, unread by the field."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT oidc_client_secret FROM orgs_organisation WHERE id = %s", [org.pk])
        return cursor.fetchone()[0]


def with_secret(org, secret=SECRET):
    org.oidc_issuer, org.oidc_client_id, org.oidc_client_secret = "https://login.example.nl/o", "deelwijs", secret
    org.save()
    return Organisation.objects.get(pk=org.pk)


def test_the_column_holds_a_token_and_the_attribute_the_secret(org):
    assert with_secret(org).oidc_client_secret == SECRET
    raw = stored(org)
    assert SECRET not in raw and raw.startswith("gAAAAA")  # a Fernet token
    assert encryption.decrypt(raw) == SECRET


def test_no_secret_stays_empty(org):
    assert with_secret(org, "").oidc_client_secret == "" and stored(org) == ""


def test_the_same_secret_encrypts_differently_each_time_and_round_trips():
    first, second = encryption.encrypt(SECRET), encryption.encrypt(SECRET)
    assert first != second
    assert encryption.decrypt(first) == encryption.decrypt(second) == SECRET
    with pytest.raises(InvalidToken):
        encryption.decrypt(SECRET)


def test_rotation_with_two_keys(org):
    with override_settings(DEELWIJS_ENCRYPTION_KEYS=[OLD]):
        with_secret(org)
    token = stored(org)
    with override_settings(DEELWIJS_ENCRYPTION_KEYS=[NEW, OLD]):
        assert Organisation.objects.get(pk=org.pk).oidc_client_secret == SECRET  # the old key still opens it
        org.name = "Nieuwe naam"
        org.save()  # any save encrypts with the first key
        assert Fernet(NEW).decrypt(stored(org).encode()).decode() == SECRET
    with connection.cursor() as cursor:  # back to the old key's token, for the command to rotate
        cursor.execute("UPDATE orgs_organisation SET oidc_client_secret = %s WHERE id = %s", [token, org.pk])
    with override_settings(DEELWIJS_ENCRYPTION_KEYS=[NEW, OLD]):
        call_command("rotate_encryption_key")
    with override_settings(DEELWIJS_ENCRYPTION_KEYS=[NEW]):
        assert Organisation.objects.get(pk=org.pk).oidc_client_secret == SECRET  # the old key is gone


def test_a_secret_no_key_opens_is_reported_and_left_alone(org, caplog):
    with override_settings(DEELWIJS_ENCRYPTION_KEYS=[OLD]):
        with_secret(org)
    token = stored(org)
    with override_settings(DEELWIJS_ENCRYPTION_KEYS=[NEW]):
        with pytest.raises(CommandError, match="put the old key back"):
            call_command("rotate_encryption_key")
        with caplog.at_level(logging.ERROR):
            loaded = Organisation.objects.get(pk=org.pk)
        assert loaded.oidc_client_secret == "" and not loaded.has_sso  # the page loads; SSO says it is not set up
        assert "cannot be decrypted" in caplog.text and SECRET not in caplog.text
    assert stored(org) == token


def test_the_data_migration_encrypts_plain_secrets_once(org):
    migration = importlib.import_module("deelwijs.orgs.migrations.0008_encrypted_oidc_client_secret")
    editor = SimpleNamespace(connection=connection)  # all RunPython uses of it
    with connection.cursor() as cursor:
        cursor.execute("UPDATE orgs_organisation SET oidc_client_secret = %s WHERE id = %s", [SECRET, org.pk])
    migration.encrypt_plain_secrets(apps, editor)
    token = stored(org)
    assert encryption.decrypt(token) == SECRET
    migration.encrypt_plain_secrets(apps, editor)  # again: what is encrypted stays as it is
    assert stored(org) == token
    migration.decrypt_secrets(apps, editor)
    assert stored(org) == SECRET


def test_the_settings_page_never_shows_the_secret_and_keeps_it_when_left_empty(client, people, org):
    with_secret(org)
    client.force_login(people["administrator"])
    page = client.get(reverse("settings")).content.decode()
    assert SECRET not in page and encryption.encrypt(SECRET)[:10] not in page
    assert 'name="oidc_client_secret"' in page and 'autocomplete="new-password"' in page
    form = client.get(reverse("settings")).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "oidc_client_secret"}
    data["word_list_text"] = form["word_list_text"].value()
    response = client.post(reverse("settings"), {**data, "name": "Zorggroep Nieuw", "oidc_client_secret": ""})
    assert response.status_code == 302, response.context["form"].errors
    org.refresh_from_db()
    assert (org.name, org.oidc_client_secret) == ("Zorggroep Nieuw", SECRET)


def run_check(**variables):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEELWIJS_ENCRYPTION_KEYS", "DJANGO_SETTINGS"))}
    env |= {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "deelwijs.example.nl", "DATABASE_URL": "sqlite://:memory:"}
    env |= variables
    command = [sys.executable, "manage.py", "check", "--settings", "deelwijs.config.settings"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def test_production_without_a_key_is_a_configuration_error():
    result = run_check(DEBUG="false")
    assert result.returncode != 0 and "encryption.E001" in result.stderr


def test_a_malformed_key_is_a_configuration_error_that_does_not_show_the_key():
    result = run_check(DEBUG="false", DEELWIJS_ENCRYPTION_KEYS=f"{NEW},not-a-key-at-all")
    assert result.returncode != 0 and "Key 2 of DEELWIJS_ENCRYPTION_KEYS" in result.stderr
    assert "not-a-key-at-all" not in result.stderr and NEW not in result.stderr


def test_keys_come_from_a_file_too(tmp_path):
    keys = tmp_path / "keys"
    keys.write_text(f"{NEW},{OLD}\n")
    assert run_check(DEBUG="false", DEELWIJS_ENCRYPTION_KEYS_FILE=str(keys)).returncode == 0


def test_development_derives_a_key_from_the_secret_key():
    assert run_check(DEBUG="true").returncode == 0

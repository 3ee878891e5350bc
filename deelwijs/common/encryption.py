"""Secrets kept in the database (an organisation's SSO client secret), encrypted with the keys of the settings.

``DEELWIJS_ENCRYPTION_KEYS`` holds Fernet keys (AES-128 with an HMAC), newest first: encrypting uses the first,
decrypting tries each, so a new key goes in front, ``manage.py rotate_encryption_key`` re-encrypts what is
stored, and then the old key can go. A copy of the database alone holds no usable secret.
"""

import logging
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction

log = logging.getLogger(__name__)
GENERATE = 'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'


@lru_cache(maxsize=4)
def _fernet(keys):
    return MultiFernet([Fernet(key) for key in keys])


def fernet():
    keys = tuple(settings.DEELWIJS_ENCRYPTION_KEYS)
    if not keys:
        raise ImproperlyConfigured(f"set DEELWIJS_ENCRYPTION_KEYS (or ..._FILE); make a key with {GENERATE}")
    return _fernet(keys)


def encrypt(text):
    return fernet().encrypt(text.encode()).decode()


def decrypt(token):
    """The plain text; InvalidToken when no key opens it (or it was never encrypted)."""
    return fernet().decrypt(token.encode()).decode()


def is_encrypted(value):
    try:
        decrypt(value)
    except InvalidToken:
        return False
    return True


class EncryptedTextField(models.TextField):
    """Text stored encrypted; the attribute holds the plain text. Empty stays empty: no secret is no secret.

    ``max_length`` limits the plain text (in forms); the column is text, since a token is longer.
    Lookups other than on the empty string mean nothing: the same text encrypts differently every time.
    """

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        try:
            return decrypt(value)
        except InvalidToken:
            # A key removed before the rotation ran: say so, and let the page load without the secret.
            log.error("%s of a row cannot be decrypted with DEELWIJS_ENCRYPTION_KEYS", self)
            return ""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value


def encrypted_columns():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model._meta.db_table, model._meta.pk.column, field.column


def rewrite_column(table, pk, column, change, cursor):
    """Replace each non-empty value of a column by ``change(value)`` (None: leave it); the raw values, unread
    by the field. Returns the ids ``change`` refused with InvalidToken."""
    quote = cursor.db.ops.quote_name
    cursor.execute(f"SELECT {quote(pk)}, {quote(column)} FROM {quote(table)} WHERE {quote(column)} <> ''")
    refused = []
    for row_id, value in cursor.fetchall():
        try:
            new = change(value)
        except InvalidToken:
            refused.append(row_id)
            continue
        if new is not None:
            cursor.execute(f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE {quote(pk)} = %s", [new, row_id])
    return refused


def rotate_all():
    """Re-encrypt every stored secret with the first key, in one transaction. Returns the (table, id) that no key
    opens; those are left as they are."""
    current = fernet()

    def rotate(token):
        return current.rotate(token.encode()).decode()

    refused = []
    with transaction.atomic(), connection.cursor() as cursor:
        for table, pk, column in encrypted_columns():
            refused += [(table, row_id) for row_id in rewrite_column(table, pk, column, rotate, cursor)]
    return refused


def check_keys(app_configs, **kwargs):
    """Production must name its own keys (DEBUG derives one from SECRET_KEY), and each must be a Fernet key."""
    keys = settings.DEELWIJS_ENCRYPTION_KEYS
    if not keys:
        return [
            checks.Error(
                "DEELWIJS_ENCRYPTION_KEYS is not set: the SSO client secrets cannot be encrypted.",
                hint=f"Make a key with {GENERATE} and set DEELWIJS_ENCRYPTION_KEYS or DEELWIJS_ENCRYPTION_KEYS_FILE.",
                id="encryption.E001",
            )
        ]
    errors = []
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            errors.append(
                checks.Error(
                    f"Key {number} of DEELWIJS_ENCRYPTION_KEYS is not a Fernet key (32 bytes, url-safe base64).",
                    hint=f"Make one with {GENERATE}.",
                    id="encryption.E002",
                )
            )
    return errors

import deelwijs.common.encryption
from django.db import migrations

from deelwijs.common.encryption import decrypt, encrypt, is_encrypted, rewrite_column


def _rewrite(apps, schema_editor, change):
    table = apps.get_model("orgs", "Organisation")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        rewrite_column(table, "id", "oidc_client_secret", change, cursor)


def encrypt_plain_secrets(apps, schema_editor):
    _rewrite(apps, schema_editor, lambda value: None if is_encrypted(value) else encrypt(value))


def decrypt_secrets(apps, schema_editor):
    _rewrite(apps, schema_editor, lambda value: decrypt(value) if is_encrypted(value) else None)


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0007_retention"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="oidc_client_secret",
            field=deelwijs.common.encryption.EncryptedTextField(blank=True, max_length=500, verbose_name="client secret"),
        ),
        migrations.RunPython(encrypt_plain_secrets, decrypt_secrets),
    ]

# The kept uploads of toolkit.0001, now content's: toolkit.0003 renamed the table, this takes the model over.
# And the fingerprint of a blocked suggested text that communications kept, so the reason is asked once.

import deelwijs.content.models
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("content", "0004_campaign_colours"),
        ("toolkit", "0003_kept_uploads_to_content"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="KeptUpload",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("file", models.FileField(upload_to=deelwijs.content.models.private_name)),
                        ("name", models.CharField(max_length=200)),
                        ("created", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                ),
            ],
        ),
        migrations.AddField(
            model_name="suggestedtext",
            name="override_key",
            field=models.CharField(blank=True, max_length=64),
        ),
    ]

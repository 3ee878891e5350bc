# The kept uploads moved to content, so content's own forms (items, planned posts, stories) keep a photo too.
# The rows and their files stay where they are: the table is renamed, and content.0005 takes the model over.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("toolkit", "0002_library_consent_in_register"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable("keptupload", "content_keptupload")],
            state_operations=[migrations.DeleteModel("keptupload")],
        ),
    ]

from django.db import migrations
from django.utils import timezone


def to_register(apps, schema_editor):
    """The library's own "recognisable people" mark moves to the consent register, the one place that says
    who is in a photo: an image without recognisable people is marked so there; one with them keeps whatever
    the register holds (nothing: it then waits for their consent)."""
    LibraryImage = apps.get_model("toolkit", "LibraryImage")
    ImageConsent = apps.get_model("consent", "ImageConsent")
    for entry in LibraryImage.objects.filter(recognisable_people=False):
        ImageConsent.objects.get_or_create(
            image_id=entry.image_id, defaults={"no_recognisable_people": True, "updated": timezone.now()}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0001_initial"),
        ("consent", "0001_consent_register"),
    ]

    operations = [
        migrations.RunPython(to_register, migrations.RunPython.noop),
        migrations.RemoveField(model_name="libraryimage", name="recognisable_people"),
    ]

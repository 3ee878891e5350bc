"""A file chosen in a form survives an error elsewhere in that form.

A browser never fills in a file field again, so a page sent back with "fill in the licence" would lose the
photo. A form with ``KeepsUploads`` keeps each valid new upload as a KeptUpload of the person, sends its id
back in a hidden field and tells them it is kept; the next submission without a new file uses it. Only the
person who chose a file can use it (the id is looked up among their own), and it is deleted once used or,
when the form is left, the next night (tasks.forget_kept_uploads).
"""

import posixpath

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .models import KeptUpload


class KeepsUploads:
    """A form mixin; ``kept_fields`` names its file fields. Takes the person as ``person=``."""

    kept_fields = ()

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.kept = {}
        for name in self.kept_fields:
            self.fields[f"{name}_kept"] = forms.CharField(required=False, widget=forms.HiddenInput)
            key = self.add_prefix(name)
            if not self.is_bound or self.files.get(key):
                continue
            kept = _own_upload(person, self.data.get(self.add_prefix(f"{name}_kept")))
            if kept is not None:
                self.kept[name] = kept
                self.files = self.files.copy()
                self.files[key] = UploadedFile(kept.file.open("rb"), name=kept.name, size=kept.file.size)

    def keep_uploads(self):
        """After a failed validation: keep every new upload that was valid itself, and say so on the page."""
        for name in self.kept_fields:
            upload = self.files.get(self.add_prefix(name))
            if name in self.kept or name in self.errors or not upload:
                continue
            upload.seek(0)
            kept = KeptUpload(person=self.person, name=posixpath.basename(upload.name)[-200:])
            kept.file.save(upload.name, upload, save=False)
            kept.save()
            self.kept[name] = kept
        if self.kept:
            self.data = self.data.copy()
        for name, kept in self.kept.items():
            self.data[self.add_prefix(f"{name}_kept")] = str(kept.pk)
            note = _("Kept: %(name)s. Choose another file only to replace it.") % {"name": kept.name}
            # The field's BoundField was made (and its help text read) when the form was validated.
            self.fields[name].help_text = self[name].help_text = note

    def release_uploads(self):
        """After saving: the kept files were used (or replaced), so they go."""
        KeptUpload.objects.filter(pk__in=[kept.pk for kept in self.kept.values()]).delete()


def _own_upload(person, value):
    if not value or not str(value).isdigit() or len(str(value)) > 18:
        return None
    return KeptUpload.objects.filter(person=person, pk=int(value)).first()

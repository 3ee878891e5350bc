"""A file chosen in a form survives an error elsewhere in that form, or a text the post check blocks.

A browser never fills in a file field again, so a page sent back with "fill in the licence" or "the post check
blocks this text" would lose the photo. A form with ``KeepsUploads`` keeps each valid new upload as a
KeptUpload of the person, sends its id back in a hidden field and tells them it is kept; the next submission
without a new file uses it. A field that takes several files (a story's photos) keeps them all. Only the person
who chose a file can use it (the ids are looked up among their own), and it is deleted once used or, when the
form is left, the next night (tasks.forget_kept_uploads). So no photo of a form that was never saved stays on
disk: it never became an Image.
"""

import posixpath

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from deelwijs.common.files import delete_files

from .models import KeptUpload

# A field takes at most this many kept files back (a story takes four photos).
MAX_KEPT = 10


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
            if not self.is_bound or any(self.files.getlist(key)):
                continue
            kept = _own_uploads(person, self.data.get(self.add_prefix(f"{name}_kept")))
            if kept:
                self.kept[name] = kept
                self.files = self.files.copy()
                self.files.setlist(key, [UploadedFile(k.file.open("rb"), name=k.name, size=k.file.size) for k in kept])

    def keep_uploads(self):
        """After a failed validation or a blocked text: keep every new upload that was valid itself, and say so
        on the page."""
        for name in self.kept_fields:
            uploads = [upload for upload in self.files.getlist(self.add_prefix(name)) if upload]
            if name in self.kept or name in self.errors or not uploads:
                continue
            self.kept[name] = []
            for upload in uploads[:MAX_KEPT]:
                upload.seek(0)
                kept = KeptUpload(person=self.person, name=posixpath.basename(upload.name)[-200:])
                kept.file.save(upload.name, upload, save=False)
                kept.save()
                self.kept[name].append(kept)
        if self.kept:
            self.data = self.data.copy()
        for name, kept in self.kept.items():
            self.data[self.add_prefix(f"{name}_kept")] = ",".join(str(k.pk) for k in kept)
            names = ", ".join(k.name for k in kept)
            note = _("Kept: %(name)s. Choose another file only to replace it.") % {"name": names}
            # The field's BoundField was made (and its help text read) when the form was validated.
            self.fields[name].help_text = self[name].help_text = note

    def release_uploads(self):
        """After saving: the kept files were used (or replaced), so they go."""
        KeptUpload.objects.filter(pk__in=[k.pk for kept in self.kept.values() for k in kept]).delete()


def _own_uploads(person, value):
    ids = [int(part) for part in str(value or "").split(",")[:MAX_KEPT] if part.isdigit() and len(part) <= 18]
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    found = {k.pk: k for k in KeptUpload.objects.filter(person=person, pk__in=ids)}
    return [found[i] for i in ids if i in found]


def forget_kept_uploads(before):
    """Delete the kept uploads of the active organisation made before ``before``, with their files. Returns how
    many."""
    count, _per_model = KeptUpload.objects.filter(created__lt=before).delete()
    return count


@receiver(post_delete, sender=KeptUpload, dispatch_uid="content_kept_upload_file")
def _kept_upload_deleted(sender, instance, **kwargs):
    # Once the transaction commits: a rollback must find the file still there.
    names, storage = [instance.file.name], instance.file.storage
    transaction.on_commit(lambda: delete_files(storage, names))

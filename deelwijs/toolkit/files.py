"""Files of the toolkit: attachments of pages (uploads kept while a form is corrected are content.uploads).

A file leaves the disk when its row is deleted (one by one, in bulk, or with its page), once the transaction
commits, so a rollback never leaves a row without its file. Photos are content Images and follow content's
own rules (content.signals).
"""

import posixpath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from deelwijs.common.files import delete_files
from deelwijs.content.images import MAX_UPLOAD, process

from .models import Attachment

# What a page may carry, by extension: the type we send it with, and how its first bytes start.
ATTACHMENT_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (b"PK\x03\x04",)),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    ".odp": ("application/vnd.oasis.opendocument.presentation", (b"PK\x03\x04",)),
    ".txt": ("text/plain; charset=utf-8", ()),
    ".csv": ("text/csv; charset=utf-8", ()),
    # Photos and logos are cleaned like every photo (no EXIF or GPS) and sent as the PNG or JPEG we made.
    ".jpg": ("image", ()),
    ".jpeg": ("image", ()),
    ".png": ("image", ()),
    ".webp": ("image", ()),
}
MAX_ATTACHMENT = MAX_UPLOAD


def attachment_file(upload):
    """(ContentFile, shown name, content type) for an upload a page may carry, or a ValidationError in Dutch."""
    name = posixpath.basename(upload.name.replace("\\", "/"))[-150:] or "bestand"
    extension = posixpath.splitext(name)[1].lower()
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            _("Add a PDF, Word, Excel, PowerPoint, OpenDocument, text or CSV file, or a JPEG, PNG or WebP image.")
        )
    if upload.size > MAX_ATTACHMENT:
        raise ValidationError(_("This file is larger than 15 MB. Choose a smaller one."))
    content_type, starts = ATTACHMENT_TYPES[extension]
    if content_type == "image":
        large = process(upload)["large"][0]
        stem = posixpath.splitext(name)[0]
        shown = stem + posixpath.splitext(large.name)[1]
        return large, shown, "image/png" if large.name.endswith(".png") else "image/jpeg"
    upload.seek(0)
    content = upload.read()
    if starts and not content.startswith(starts):
        raise ValidationError(_("This file is not what its name says. Save it again and add it once more."))
    if not starts:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ValidationError(_("Save this text file as UTF-8 and add it again.")) from e
    return ContentFile(content, name=name), name, content_type


def _delete_on_commit(instance):
    names, storage = [instance.file.name], instance.file.storage
    transaction.on_commit(lambda: delete_files(storage, names))


@receiver(post_delete, sender=Attachment, dispatch_uid="toolkit_attachment_file")
def _attachment_deleted(sender, instance, **kwargs):
    _delete_on_commit(instance)

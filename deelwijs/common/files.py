"""Uploaded files go out only through a view that has checked who may see the object they belong to.

The view decides who; ``file_response`` sends the file. How the bytes leave the server is the setting
DEELWIJS_FILE_SERVING:

- ``django``: Django streams the file (development; fine for a small installation);
- ``nginx``: an empty response with ``X-Accel-Redirect`` to an ``internal`` nginx location
  (DEELWIJS_FILE_INTERNAL_URL) that maps onto MEDIA_ROOT; nginx sends the file with our headers;
- ``sendfile``: ``X-Sendfile`` with the file's path, for Apache's mod_xsendfile or lighttpd.

MEDIA_ROOT itself is never served: the storage below gives stored files no URL, so a template that
still asks for ``.url`` fails loudly instead of linking round the check.
"""

import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse

# A browser on a shared ward PC keeps a private file only briefly; a public photo may be cached anywhere.
PRIVATE_CACHE = "private, max-age=300"
PUBLIC_CACHE = "public, max-age=86400"


class PrivateStorage(FileSystemStorage):
    """MEDIA_ROOT without a public address."""

    def url(self, name):
        raise ValueError("uploaded files have no public URL: link to the view of the object they belong to")


def file_response(field_file, content_type, public=False):
    """The response that sends one stored file. The caller has checked that the person may see it.

    Content-Type is the type we stored; images are shown inline, anything else is a download, and the
    browser is told not to guess another type. A file missing from disk is a 404, never a 500.
    """
    if not field_file:
        raise Http404
    name, storage = field_file.name, field_file.storage
    mode = settings.DEELWIJS_FILE_SERVING
    if mode == "django":
        try:
            response = FileResponse(storage.open(name, "rb"), content_type=content_type)
        except FileNotFoundError as e:
            raise Http404 from e
    else:
        if not storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        if mode == "nginx":
            response["X-Accel-Redirect"] = settings.DEELWIJS_FILE_INTERNAL_URL + quote(name)
        else:
            response["X-Sendfile"] = storage.path(name)
    disposition = "inline" if content_type.startswith("image/") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{posixpath.basename(name)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PUBLIC_CACHE if public else PRIVATE_CACHE
    return response


def delete_files(storage, names):
    """Remove stored files; one already gone is no error (a second delete, a file lost by hand)."""
    for name in names:
        if name:
            storage.delete(name)

"""Sending a stored photo, once the view of the object that uses it has checked who may see it."""

from django.http import Http404

from deelwijs.common.files import file_response


def image_response(image, size="groot"):
    """The photo in one of Image.SIZES; 404 when the object has no photo or the size is not one of ours."""
    stored = image.file(size) if image is not None else None
    if stored is None:
        raise Http404
    return file_response(stored, image.content_type)


def public_image_response(image):
    return file_response(image.public, image.content_type, public=True)

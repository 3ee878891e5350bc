"""Images live as long as something uses them, and their files as long as their row.

Every model with a foreign key to Image (content items, planned posts, story photos, inbox items; found
when the apps are ready, so a new one is covered without a line here) releases its image when the row is
deleted, one by one or in bulk (a queryset's delete sends these signals for every row), and when the image
is replaced. A released image that nothing uses any more is deleted. Its files are removed from disk when
the transaction commits, so a rollback never leaves a row whose file is gone. The public copy of a photo
follows the items that show it: made when a published item shows it, removed when none does.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_save

from deelwijs.common.files import delete_files
from deelwijs.orgs.models import Organisation
from deelwijs.orgs.tenancy import across_organisations

from .domain import release_images as release
from .models import ContentItem, Image, PhotoCheck


def image_fields(model):
    return [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is Image]


def users_of_images():
    """Every model with a foreign key to Image, whatever its related_name."""
    relations = Image._meta.get_fields(include_hidden=True)
    return {r.related_model for r in relations if r.one_to_many and r.auto_created and not r.concrete}


def _remember_images(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    fields = [f for f in image_fields(sender) if update_fields is None or f.name in update_fields]
    if not fields:
        return
    with across_organisations():  # one row by its id, in whatever scope the save runs
        before = sender._default_manager.filter(pk=instance.pk).values(*[f.attname for f in fields]).first()
    instance._images_before = before or {}


def _release_replaced(sender, instance, raw=False, update_fields=None, **kwargs):
    before = instance.__dict__.pop("_images_before", {})
    if raw:
        return
    replaced = [old for attname, old in before.items() if old and old != getattr(instance, attname)]
    release(replaced)
    if (
        sender is ContentItem
        and instance.image_id
        and (update_fields is None or {"image", "published"} & set(update_fields))
    ):
        release([instance.image_id])  # published or unpublished, or a new photo: its public copy follows


def _release_deleted(sender, instance, origin=None, **kwargs):
    # An image that is deleted takes its story photos along, and an organisation all its images:
    # those must not release (and delete) the image a second time in the middle of that delete.
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if model in (Image, Organisation):
        return
    release([getattr(instance, f.attname) for f in image_fields(sender)])


def _delete_files(sender, instance, **kwargs):
    names, storage = instance.stored_names(), instance.large.storage
    transaction.on_commit(lambda: delete_files(storage, names))


def _delete_original(sender, instance, **kwargs):
    # The photo as uploaded, kept after a blur, goes with its check (and so with its photo).
    if instance.original:
        name, storage = instance.original.name, instance.original.storage
        transaction.on_commit(lambda: delete_files(storage, [name]))


def connect():
    post_delete.connect(_delete_files, sender=Image, dispatch_uid="image_files")
    post_delete.connect(_delete_original, sender=PhotoCheck, dispatch_uid="photo_check_original")
    for model in users_of_images():
        uid = f"image_user_{model._meta.label_lower}"
        pre_save.connect(_remember_images, sender=model, dispatch_uid=uid)
        post_save.connect(_release_replaced, sender=model, dispatch_uid=uid)
        post_delete.connect(_release_deleted, sender=model, dispatch_uid=uid)

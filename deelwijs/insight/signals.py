"""Keeping the roll-ups true when an item changes campaign, however it is saved (the app or the admin)."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from deelwijs.content.models import ContentItem
from deelwijs.orgs.tenancy import across_organisations

from . import rollup


@receiver(pre_save, sender=ContentItem)
def remember_campaign(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        with across_organisations():  # one row by its id, in whatever scope the save runs
            before = ContentItem.objects.filter(pk=instance.pk).values_list("campaign_id", flat=True)
            instance._campaign_before = before.first()


@receiver(post_save, sender=ContentItem)
def move_figures(sender, instance, created, raw=False, update_fields=None, **kwargs):
    before = instance.__dict__.pop("_campaign_before", None)
    if created or raw or (update_fields is not None and "campaign" not in update_fields):
        return
    if before != instance.campaign_id:
        rollup.move_item(instance.pk, before, instance.campaign_id)

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.accounts.models import CorporateAccount
from deelwijs.content.models import Campaign, Image
from deelwijs.orgs.models import Organisation


class PlannedPost(models.Model):
    """A post planned on a corporate account (or for the ambassadors' feed) at a date and time."""

    IDEA, DRAFT, READY, PUBLISHED, CANCELLED = "idea", "draft", "ready", "published", "cancelled"
    STATUSES = [(IDEA, _("Idea")), (DRAFT, _("Draft")), (READY, _("Ready")), (PUBLISHED, _("Published")),
                (CANCELLED, _("Cancelled"))]
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="planned_posts")
    text = models.TextField(_("text"))
    image = models.ForeignKey(Image, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    account = models.ForeignKey(CorporateAccount, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="planned_posts", verbose_name=_("corporate account"))
    for_ambassadors = models.BooleanField(_("for the ambassadors' feed"), default=False)
    scheduled_at = models.DateTimeField(_("date and time"))
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="planned_posts", verbose_name=_("responsible"))
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=DRAFT)
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("campaign"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["scheduled_at"]
        indexes = [models.Index(fields=["organisation", "scheduled_at"])]

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.content.models import SHARE_NETWORKS, ContentItem, Image
from deelwijs.orgs.models import Organisation
from deelwijs.orgs.tenancy import OrganisationManager

MAX_PHOTOS = 4


class Story(models.Model):
    """A post or experience someone sends to communications for pickup."""

    SUBMITTED, APPROVED, REJECTED, IN_FEED, PLANNED = "submitted", "approved", "rejected", "in_feed", "planned"
    # A story with photos waits here while its author looks at the photo check (and may blur), then sends it.
    DRAFT = "draft"
    STATUSES = [
        (DRAFT, _("Not sent yet")),
        (SUBMITTED, _("Sent, waiting for communications")),
        (APPROVED, _("Approved")),
        (REJECTED, _("Not used")),
        (IN_FEED, _("In the feed")),
        (PLANNED, _("Planned on our account")),
    ]
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="stories")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories")
    text = models.TextField(_("your story"))
    networks = models.CharField(max_length=200, blank=True)
    consent = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=STATUSES, default=SUBMITTED)
    feedback = models.TextField(_("feedback for the author"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    item = models.ForeignKey(ContentItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created"]
        verbose_name_plural = "stories"

    def __str__(self):
        return f"story {self.pk}"

    @property
    def author_status(self):
        """The status as its author reads it: a story made into a feed item is in the feed once the item is live
        (published, started, not expired), not while communications is still finishing the draft."""
        if self.status == self.IN_FEED and not (self.item_id and self.item.is_live()):
            return _("Becoming an item for the feed")
        return self.get_status_display()

    @property
    def network_list(self):
        labels = dict(SHARE_NETWORKS)
        return [labels[n] for n in self.networks.split(",") if n in labels]


class StoryPhoto(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="+")

    objects = OrganisationManager("story__organisation")

    def __str__(self):
        return f"photo {self.pk} of story {self.story_id}"

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from deelwijs.content.models import SHARE_NETWORKS, ContentItem
from deelwijs.orgs.models import Location, Organisation, Team
from deelwijs.orgs.tenancy import OrganisationManager


class Share(models.Model):
    """Someone shared an item on a network. No password or token of their account is ever held."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="shares")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="shares")
    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="shares")
    network = models.CharField(max_length=20, choices=SHARE_NETWORKS)
    text = models.TextField()
    created = models.DateTimeField(default=timezone.now, db_index=True)
    # The sharer's team and location when they shared, so figures stay put when people move or leave.
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Counted in the insight roll-ups yet (deelwijs/insight/rollup.py); a default in the database too, so rows
    # inserted with plain SQL (imports, the synthetic organisation) are counted as well.
    rolled_up = models.BooleanField(default=False, db_default=False)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created"]
        # Small: only the rows the next roll-up still has to count.
        indexes = [models.Index(fields=["id"], condition=models.Q(rolled_up=False), name="share_not_rolled_up")]

    def __str__(self):
        return f"{self.network} share of item {self.item_id} by {self.person_id}"


def new_code():
    return secrets.token_urlsafe(6)


class TrackedLink(models.Model):
    """The short link /s/<code> of one share. Its target never changes once made."""

    share = models.OneToOneField(Share, on_delete=models.CASCADE, related_name="link")
    code = models.CharField(max_length=16, unique=True, default=new_code)
    target_url = models.URLField(max_length=1000)

    objects = OrganisationManager("share__organisation")

    def __str__(self):
        return f"/s/{self.code}"

    @property
    def clicks(self):
        return self.click_set.count()


class Click(models.Model):
    """One click on a tracked link: a row of its own, so busy links never wait on a row lock.

    (The roll-up later sets rolled_up on rows already written, which holds up no insert.)

    visitor is a hash of address and browser with that day's salt; the salt
    is thrown away after the day, so a hash cannot be traced back to an
    address or linked across days. Unique visitors are distinct hashes a day.
    """

    link = models.ForeignKey(TrackedLink, on_delete=models.CASCADE)
    day = models.DateField()
    visitor = models.CharField(max_length=64)
    rolled_up = models.BooleanField(default=False, db_default=False)  # as Share.rolled_up

    objects = OrganisationManager("link__share__organisation")

    class Meta:
        indexes = [
            models.Index(fields=["link", "day"]),
            models.Index(fields=["day"]),
            models.Index(fields=["id"], condition=models.Q(rolled_up=False), name="click_not_rolled_up"),
        ]

    def __str__(self):
        return f"click on link {self.link_id} on {self.day}"


class DailySalt(models.Model):
    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self):
        return f"salt of {self.day}"

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijs.orgs.models import Organisation
from deelwijs.orgs.tenancy import OrganisationManager


class DataExport(models.Model):
    """A ZIP of everything Deelwijs holds about one person (AVG art. 15 and 20), built by the worker.

    The file lives in EXPORT_ROOT, never under MEDIA_ROOT, and is streamed only to the person or to the
    administrator who asked for it. It is deleted when it expires.
    """

    PENDING, READY, FAILED, EXPIRED = "pending", "ready", "failed", "expired"
    STATUSES = [(PENDING, _("Being made")), (READY, _("Ready")), (FAILED, _("Failed")), (EXPIRED, _("Expired"))]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # Part of the download address, so addresses cannot be guessed by counting; the view checks who asks as well.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"export {self.pk} ({self.status})"

    @property
    def path(self):
        return Path(settings.EXPORT_ROOT) / self.file_name if self.file_name else None

    @property
    def expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def downloadable(self):
        return self.status == self.READY and not self.expired

    def may_be_downloaded_by(self, user):
        """Only the person it is about, or the administrator who asked for it."""
        return user.pk in (self.person_id, self.requested_by_id)


class ErasureRecord(models.Model):
    """What an erasure (AVG art. 17) removed and kept. Holds no personal data: the pseudonym and counts only."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # The pseudonymised account row that remains, so a second erasure of the same person is refused.
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    pseudonym = models.CharField(max_length=100)
    erased_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    # {kind: count} of what was deleted or emptied; [{"kind", "count", "reason"}] of what was kept on purpose.
    removed = models.JSONField(default=dict)
    kept = models.JSONField(default=list)
    # {model label: rows} where the name, e-mail address or handles were replaced by the pseudonym.
    rewritten = models.JSONField(default=dict)

    objects = OrganisationManager("organisation")

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"erasure {self.pk}: {self.pseudonym}"

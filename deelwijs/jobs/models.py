from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """Where one job of the schedule stands; installation-wide, no organisation's data.

    A scheduler claims an occurrence by moving `next_run` on with a conditional UPDATE (only if it still
    holds what the scheduler read), in the transaction that enqueues the task: when two schedulers run by
    mistake, each occurrence is enqueued once.
    """

    name = models.CharField(_("job"), max_length=100, unique=True)
    next_run = models.DateTimeField(_("next run"), null=True, blank=True)
    last_enqueued = models.DateTimeField(_("last enqueued"), null=True, blank=True)
    last_task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

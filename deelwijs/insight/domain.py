"""Business rules of insight that change something: the report's settings."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deelwijs.content.models import Image
from deelwijs.orgs import audit
from deelwijs.orgs.domain import log

# The audit log names what changed by these words, whatever language the person who changed it used.
# The fields whose change is logged, with the words the audit log says them in.
LOGGED = {
    "target_shares": gettext_lazy("the target for shares"),
    "target_clicks": gettext_lazy("the target for clicks"),
    "target_active": gettext_lazy("the target for active ambassadors"),
    "colour": gettext_lazy("the house colour"),
    "logo": gettext_lazy("the logo"),
    "remove_logo": gettext_lazy("the logo (removed)"),
}
audit.register_labels(report_setting=LOGGED)


@transaction.atomic
def save_report_settings(actor, form):
    """Save the targets, the house colour and the logo from a valid ReportSettingsForm.

    A new logo becomes a content Image (already cleaned and resized by the form) and replaces the old one,
    which is deleted once nothing uses it (content.signals); "remove the logo" takes it away. The kept upload,
    if the logo came from one, is released. What changed goes into the audit log. Returns the settings.
    """
    settings = form.save(commit=False)
    settings.organisation = actor.organisation
    if form.cleaned_data.get("logo"):
        alt = _("Logo of %(name)s") % {"name": actor.organisation.name}
        settings.logo = Image.from_processed(actor.organisation, form.processed_logo, alt[:300])
    elif form.cleaned_data.get("remove_logo"):
        settings.logo = None
    settings.updated = timezone.now()
    settings.save()
    form.release_uploads()
    changed = sorted(name for name in form.changed_data if name in LOGGED)
    if changed:
        log(actor.organisation, actor, "report_settings", fields=changed)
    return settings

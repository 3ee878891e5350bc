"""How long an organisation keeps what, in one table: the bounds of every period and how a run is told.

The periods are fields of Organisation (their labels and help texts, shown on the Bewaartermijnen page,
say what is kept, why and for how long); the nightly job in deelwijs/jobs/retention.py applies them and
records a RetentionRun with the counts, keyed as in REMOVED.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# field: (default, lowest, highest); months, except where UNITS says otherwise.
PERIODS = {
    "keep_mentions_months": (12, 1, 60),
    "keep_inbox_months": (24, 3, 120),
    "keep_register_months": (24, 6, 120),
    "keep_clicks_months": (3, 1, 24),
    "keep_photos_days": (30, 1, 365),
    # Proof of consent outlives its use: a claim over a photo lapses five years after it is known (art. 3:310 BW).
    "keep_consent_years": (5, 1, 20),
    "keep_help_months": (12, 1, 60),
    # The photo as uploaded, after a blur: long enough to notice a blur went wrong, no longer than a story's photo.
    "keep_originals_days": (30, 1, 365),
}
UNITS = {"keep_photos_days": "days", "keep_consent_years": "years", "keep_originals_days": "days"}


def default(field):
    return PERIODS[field][0]


def bounds(field):
    return PERIODS[field][1:]


# What a run removed, per kind, in the words of the page.
REMOVED = {
    "mentions": lambda n: ngettext(
        "the content of %(n)s mention or report wiped", "the content of %(n)s mentions and reports wiped", n
    ),
    "inbox_items": lambda n: ngettext("%(n)s handled inbox item deleted", "%(n)s handled inbox items deleted", n),
    "conversations": lambda n: ngettext("%(n)s register entry deleted", "%(n)s register entries deleted", n),
    "clicks": lambda n: ngettext("%(n)s counted click deleted", "%(n)s counted clicks deleted", n),
    "story_photos": lambda n: ngettext("%(n)s photo of a story deleted", "%(n)s photos of stories deleted", n),
    "screenshots": lambda n: ngettext("%(n)s screenshot deleted", "%(n)s screenshots deleted", n),
    "consent_records": lambda n: ngettext("%(n)s ended photo consent deleted", "%(n)s ended photo consents deleted", n),
    "help_requests": lambda n: ngettext("%(n)s closed help request deleted", "%(n)s closed help requests deleted", n),
    "photo_originals": lambda n: ngettext(
        "%(n)s photo as it was before a blur deleted", "%(n)s photos as they were before a blur deleted", n
    ),
}


def summary(removed):
    """ "12 counted clicks deleted, 3 photos of stories deleted", or that nothing was due."""
    counts = [(describe, removed.get(kind)) for kind, describe in REMOVED.items()]
    parts = [describe(n) % {"n": n} for describe, n in counts if n]
    return ", ".join(parts) if parts else _("nothing had been kept longer than its period")

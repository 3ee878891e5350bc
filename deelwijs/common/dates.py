"""Dates as Dutch writes them: "1 dec.", "29 okt. 2026", "3 mei".

Django's "M" gives "Dec" (capitalised, no full stop) in Dutch too, and its "b" gives "dec". A short month
is its own translatable word here, so each language writes it its own way: Dutch with a full stop except
for "mei", English "1 Dec".
"""

from django.utils import dateformat, timezone
from django.utils.translation import pgettext_lazy

MONTHS_SHORT = {
    1: pgettext_lazy("short month", "Jan"),
    2: pgettext_lazy("short month", "Feb"),
    3: pgettext_lazy("short month", "Mar"),
    4: pgettext_lazy("short month", "Apr"),
    5: pgettext_lazy("short month", "May"),
    6: pgettext_lazy("short month", "Jun"),
    7: pgettext_lazy("short month", "Jul"),
    8: pgettext_lazy("short month", "Aug"),
    9: pgettext_lazy("short month", "Sep"),
    10: pgettext_lazy("short month", "Oct"),
    11: pgettext_lazy("short month", "Nov"),
    12: pgettext_lazy("short month", "Dec"),
}


def short_date(value, format="j M"):
    """The date (or the local date of a time) in a Django date format where "M" is the short month.

    short_date(d) gives "1 dec.", short_date(d, "j M Y") "1 dec. 2026", short_date(d, "j M Y H:i") with the
    time. An empty value gives "".
    """
    if not value:
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    month = "".join(f"\\{c}" for c in str(MONTHS_SHORT[value.month]))
    return dateformat.format(value, format.replace("M", month))

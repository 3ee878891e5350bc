"""The first page of the quarterly report: the key figures against the previous quarter and the targets, and a
summary of them in a few plain sentences. Pure functions of the figures, so they are tested without a PDF."""

from dataclasses import dataclass

from django.utils import formats
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def number(value, decimals=None):
    """A figure as Dutch writes it: 1.304, 6,2."""
    if decimals is not None:
        return formats.number_format(value, decimals)
    return formats.number_format(value, force_grouping=True)


def change(now, before):
    """The change against the previous period in whole percent; None when there is nothing to compare with."""
    if not before:
        return None
    return round(100 * (now - before) / before)


def share_of(value, target):
    """How much of a target was reached, in whole percent; None without a target."""
    if not target:
        return None
    return round(100 * value / target)


def signed_percent(value):
    if value is None:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "")  # a real minus sign, as in print
    return f"{sign}{abs(value)}%"


@dataclass
class KeyFigure:
    label: str
    now: object
    before: object
    target: int | None = None
    decimals: int | None = None

    @property
    def change(self):
        return change(self.now, self.before) if self.before is not None else None

    @property
    def reached(self):
        return share_of(self.now, self.target)

    # As the table shows them
    def shown(self, value):
        return "–" if value is None else number(value, self.decimals)

    @property
    def cells(self):
        return [
            self.shown(self.now),
            self.shown(self.before),
            signed_percent(self.change),
            self.shown(self.target),
            "–" if self.reached is None else f"{self.reached}%",
        ]


def key_figures(data, targets, previous_stories=None):
    """The rows of the key figures table: figure | this quarter | previous quarter | change | target | % of it."""
    stories_before = previous_stories or {}
    return [
        KeyFigure(_("Shares"), data["totals"]["shares"], data["previous_totals"]["shares"], targets.get("shares")),
        KeyFigure(_("Clicks"), data["totals"]["clicks"], data["previous_totals"]["clicks"], targets.get("clicks")),
        KeyFigure(_("Clicks per share"), data["rate"], data["previous_rate"], decimals=1),
        KeyFigure(_("Active ambassadors"), data["active"], data["previous_active"], targets.get("active")),
        KeyFigure(_("Stories submitted"), data["stories"]["submitted"], stories_before.get("submitted")),
        KeyFigure(_("Stories approved"), data["stories"]["approved"], stories_before.get("approved")),
    ]


def _compared(kind, value):
    """One clause of the comparison with the previous quarter."""
    if kind == "shares":
        if value > 0:
            return _("%(n)s%% more shares") % {"n": value}
        if value < 0:
            return _("%(n)s%% fewer shares") % {"n": -value}
        return _("as many shares")
    if value > 0:
        return _("%(n)s%% more clicks") % {"n": value}
    if value < 0:
        return _("%(n)s%% fewer clicks") % {"n": -value}
    return _("as many clicks")


def duration(delta):
    """A time span in words: "35 minuten", "2 uur en 10 minuten", "1 dag en 3 uur"."""
    minutes = max(1, round(delta.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)s day", "%(n)s days", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours})
    if minutes and not days:
        parts.append(ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes})
    return get_text_list(parts, _("and"))


def sentences(data, targets, webcare, through=None):
    """The summary: three to five plain sentences on shares, clicks, active ambassadors, the change against the
    previous quarter, the targets and webcare. ``through`` is the last day counted when the quarter still runs."""
    period, previous = data["period"], data["previous"]
    totals, before = data["totals"], data["previous_totals"]
    when = period.label
    if through is not None:
        when = _("%(period)s, up to and including %(day)s,") % {
            "period": period.label,
            "day": formats.date_format(through, "j F"),
        }
    said = [
        _(
            "In %(when)s colleagues shared something %(shares)s times, and the links they shared were clicked "
            "%(clicks)s times: %(rate)s clicks per share."
        )
        % {
            "when": when,
            "shares": number(totals["shares"]),
            "clicks": number(totals["clicks"]),
            "rate": number(data["rate"], 1),
        }
    ]
    if before["shares"] or before["clicks"]:
        said.append(
            _("Compared with %(previous)s that is %(shares)s and %(clicks)s.")
            % {
                "previous": previous.label,
                "shares": _compared("shares", change(totals["shares"], before["shares"]) or 0)
                if before["shares"]
                else _("shares for the first time"),
                "clicks": _compared("clicks", change(totals["clicks"], before["clicks"]) or 0)
                if before["clicks"]
                else _("clicks for the first time"),
            }
        )
    else:
        said.append(_("%(previous)s has no figures to compare with.") % {"previous": previous.label})
    active = data["active"]
    if before["shares"]:
        said.append(
            ngettext(
                "%(n)s colleague shared at least once (%(before)s in %(previous)s).",
                "%(n)s colleagues shared at least once (%(before)s in %(previous)s).",
                active,
            )
            % {"n": number(active), "before": number(data["previous_active"]), "previous": previous.label}
        )
    else:
        said.append(
            ngettext("%(n)s colleague shared at least once.", "%(n)s colleagues shared at least once.", active)
            % {"n": number(active)}
        )
    said.append(_targets_sentence(data, targets))
    said.append(_webcare_sentence(webcare))
    return [s for s in said if s]


def _targets_sentence(data, targets):
    reached = []
    for key, value, words in (
        ("shares", data["totals"]["shares"], _("%(percent)s%% of the %(target)s shares aimed for")),
        ("clicks", data["totals"]["clicks"], _("%(percent)s%% of the %(target)s clicks aimed for")),
        ("active", data["active"], _("%(percent)s%% of the %(target)s active ambassadors aimed for")),
    ):
        target = targets.get(key)
        if target:
            reached.append(words % {"percent": share_of(value, target), "target": number(target)})
    if not reached:
        return _("No targets were set for the quarter.")
    return _("Against the quarter's targets: %(reached)s.") % {"reached": get_text_list(reached, _("and"))}


def _webcare_sentence(webcare):
    if webcare is None:
        return ""
    if not webcare["total"]:
        return _("Webcare received nothing to handle this quarter.")
    text = ngettext(
        "Webcare received %(total)s message (%(mentions)s mentions, %(signals)s reports from colleagues) "
        "and handled %(handled)s of them",
        "Webcare received %(total)s messages (%(mentions)s mentions, %(signals)s reports from colleagues) "
        "and handled %(handled)s of them",
        webcare["total"],
    ) % {
        "total": number(webcare["total"]),
        "mentions": number(webcare["mentions"]),
        "signals": number(webcare["signals"]),
        "handled": number(webcare["handled"]),
    }
    if webcare["median_response"] is not None:
        text += _("; half were taken up within %(time)s") % {"time": duration(webcare["median_response"])}
    if webcare["on_time_percent"] is not None:
        text += _(", and %(percent)s%% were handled within their deadline") % {"percent": webcare["on_time_percent"]}
    return text + "."

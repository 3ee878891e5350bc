"""The figures of the dashboard and the report, from the roll-up tables. Every number is an aggregate query."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from deelwijs.content.models import SHARE_NETWORKS
from deelwijs.learning.domain import finished_basic
from deelwijs.orgs.models import User
from deelwijs.orgs.roles import CLIENT
from deelwijs.stories.models import Story

from .models import DailyStat, DailyTeamStat, MonthlyItemStat, MonthlyItemTeamStat, MonthlyTeamStat, PeriodSharer
from .rollup import day_start, next_month

NETWORK_LABELS = dict(SHARE_NETWORKS)
DAY, WEEK, MONTH = "day", "week", "month"


@dataclass(frozen=True)
class Period:
    """A calendar quarter ("2026-Q4") or month ("2026-11") in Europe/Amsterdam."""

    key: str
    first: date
    last: date

    @classmethod
    def parse(cls, key):
        if match := re.fullmatch(r"(\d{4})-Q([1-4])", key or ""):
            year, quarter = int(match[1]), int(match[2])
            first = date(year, 3 * quarter - 2, 1)
            return cls(key, first, next_month(next_month(next_month(first))) - timedelta(days=1))
        if match := re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", key or ""):
            first = date(int(match[1]), int(match[2]), 1)
            return cls(key, first, next_month(first) - timedelta(days=1))
        return None

    @classmethod
    def quarter_of(cls, day):
        return cls.parse(f"{day.year}-Q{(day.month - 1) // 3 + 1}")

    @property
    def is_quarter(self):
        return "Q" in self.key

    def previous(self):
        before = self.first - timedelta(days=1)
        return Period.quarter_of(before) if self.is_quarter else Period.parse(f"{before.year}-{before.month:02d}")

    @property
    def months(self):
        month, months = self.first, []
        while month <= self.last:
            months.append(month)
            month = next_month(month)
        return months

    @property
    def label(self):
        if self.is_quarter:
            return _("Q%(q)s %(year)s") % {"q": self.key[-1], "year": self.first.year}
        return formats.date_format(self.first, "F Y")


def period_choices(today, quarters=8):
    """The last quarters and months, newest first."""
    choices, period = [], Period.quarter_of(today)
    for _n in range(quarters):
        choices.append((period.key, period.label))
        period = period.previous()
    month = Period.parse(f"{today.year}-{today.month:02d}")
    for _n in range(12):
        choices.append((month.key, month.label))
        month = month.previous()
    return choices


@dataclass
class Scope:
    """Whose figures: optionally one team, one location or one campaign, and for managers only their teams."""

    organisation: object
    team: object = None
    location: object = None
    campaign: object = None
    teams: list | None = None  # None: every team

    def daily(self, period):
        """Day rows for the period; the table with teams only when the scope is narrowed to people."""
        model = DailyTeamStat if self.narrowed_to_people else DailyStat
        rows = model.objects.filter(organisation=self.organisation, day__gte=period.first, day__lte=period.last)
        return self._narrow(rows, campaign=True)

    def per_team(self, period):
        """Rows with team and location: monthly ones, unless a campaign is chosen (the monthly table has none)."""
        if self.campaign:
            rows = DailyTeamStat.objects.filter(
                organisation=self.organisation, day__gte=period.first, day__lte=period.last
            )
        else:
            rows = MonthlyTeamStat.objects.filter(organisation=self.organisation, month__in=period.months)
        return self._narrow(rows, campaign=True)

    def sharers(self, period):
        rows = PeriodSharer.objects.filter(organisation=self.organisation, period=period.key)
        return self._narrow(rows, campaign=False)

    def _narrow(self, rows, campaign):
        return narrow(rows, self, campaign="campaign" if campaign else None)

    @property
    def narrowed_to_people(self):
        return self.teams is not None or self.team is not None or self.location is not None


def narrow(rows, scope, team="team", location="location", campaign=None):
    """Rows limited to the scope; the field names say where team, location and campaign are found."""
    if scope.teams is not None:
        rows = rows.filter(**{f"{team}__in": scope.teams})
    if scope.team:
        rows = rows.filter(**{team: scope.team})
    if scope.location:
        rows = rows.filter(**{location: scope.location})
    if campaign and scope.campaign:
        rows = rows.filter(**{campaign: scope.campaign})
    return rows


def _totals(rows):
    totals = rows.aggregate(shares=Sum("shares"), clicks=Sum("clicks"))
    return {"shares": totals["shares"] or 0, "clicks": totals["clicks"] or 0}


def rate(clicks, shares):
    return round(clicks / shares, 2) if shares else 0


def bucket(day, by):
    if by == MONTH:
        return day.replace(day=1)
    if by == WEEK:
        return day - timedelta(days=day.weekday())
    return day


def running(period, today):
    """Whether the period has begun and not ended: its figures are not final yet."""
    return period.first <= today <= period.last


def series(rows, period, by, today=None):
    """[(first day of the bucket, shares, clicks)] with empty buckets filled in.

    In a running period the buckets that have not begun are left out: they can hold nothing yet, and drawn as
    zeros they would look like a drop. The bucket with today in it is the period's last and still running.
    """
    per_day = {r["day"]: r for r in rows.values("day").annotate(s=Sum("shares"), c=Sum("clicks")).order_by()}
    buckets = {}
    day = period.first
    last = period.last
    if today is not None and running(period, today):
        last = min(last, _bucket_end(today, by))
    while day <= last:
        key = bucket(day, by)
        entry = buckets.setdefault(key, [0, 0])
        if day in per_day:
            entry[0] += per_day[day]["s"]
            entry[1] += per_day[day]["c"]
        day += timedelta(days=1)
    return [(key, s, c) for key, (s, c) in sorted(buckets.items())]


def _bucket_end(day, by):
    if by == MONTH:
        return next_month(day) - timedelta(days=1)
    if by == WEEK:
        return bucket(day, by) + timedelta(days=6)
    return day


def breakdown(rows, field, label_field=None, limit=None, by_shares=False):
    """[(label, shares, clicks, clicks per share)] grouped by a field: most clicks first, or most shares first
    where the chart of it counts shares (teams, locations), so the table and the bars are in the same order."""
    fields = [field] + ([label_field] if label_field else [])
    order = ("-s", "-c") if by_shares else ("-c", "-s")
    grouped = rows.values(*fields).annotate(s=Sum("shares"), c=Sum("clicks")).order_by(*order, label_field or field)
    if limit:
        grouped = grouped[:limit]
    result = []
    for row in grouped:
        label = row[label_field] if label_field else row[field]
        result.append((label if label is not None else _("(none)"), row["s"], row["c"], rate(row["c"], row["s"])))
    return result


def top_items(scope, period, limit=10):
    """The items with the most clicks in the period: [(title, shares, clicks)]."""
    model = MonthlyItemTeamStat if scope.narrowed_to_people else MonthlyItemStat
    rows = model.objects.filter(organisation=scope.organisation, month__in=period.months)
    rows = (
        narrow(rows, scope, campaign="campaign")
        if scope.narrowed_to_people
        else (rows.filter(campaign=scope.campaign) if scope.campaign else rows)
    )
    grouped = rows.values("item_id", "item__title").annotate(s=Sum("shares"), c=Sum("clicks")).order_by("-c", "-s")
    return [(r["item__title"], r["s"], r["c"]) for r in grouped[:limit]]


def active_sharers(scope, period):
    return scope.sharers(period).count()


def stories(scope, period):
    rows = Story.objects.filter(
        organisation=scope.organisation,
        created__gte=day_start(period.first),
        created__lt=day_start(period.last + timedelta(days=1)),
    ).exclude(status=Story.DRAFT)  # not sent yet: its author is still looking at the photo check
    rows = narrow(rows, scope, "author__teams", "author__teams__location")
    approved = (Story.APPROVED, Story.IN_FEED, Story.PLANNED)
    return rows.aggregate(
        submitted=Count("pk", distinct=True), approved=Count("pk", filter=Q(status__in=approved), distinct=True)
    )


def training(scope):
    """How many staff and volunteers finished the basic modules meant for them (1-3 in the starting set), of how
    many (``learning.domain.finished_basic``). People who left are not counted, nor clients."""
    people = User.members.filter(is_active=True).exclude(role_assignments__role=CLIENT)
    if scope.narrowed_to_people:
        members = narrow(
            User.teams.through.objects.filter(team__organisation=scope.organisation), scope, "team", "team__location"
        )
        people = people.filter(pk__in=members.values("user_id"))
    staff = people.count()
    completed = len(finished_basic(scope.organisation, people))
    return {"staff": staff, "completed": completed, "percent": round(100 * completed / staff) if staff else 0}


def dashboard(scope, period, by=WEEK, today=None):
    """Everything the dashboard and the report show, for one scope and period.

    ``today`` (Europe/Amsterdam, by default the real one) says whether the period is still running: then
    ``running`` is true, ``through`` is today and ``unfinished`` the first day of the series' last bucket,
    the one still being filled.
    """
    today = today or timezone.localdate()
    is_running = running(period, today)
    rows = scope.daily(period)
    cells = list(
        rows.values("network", "campaign_id", "campaign__name").annotate(s=Sum("shares"), c=Sum("clicks")).order_by()
    )
    totals = {"shares": sum(r["s"] for r in cells), "clicks": sum(r["c"] for r in cells)}
    previous = period.previous()
    # Periods are whole months: for a team or location the monthly team table has the totals in a few rows.
    before = _totals(scope.per_team(previous) if scope.narrowed_to_people else scope.daily(previous))
    per_team = scope.per_team(period)
    return {
        "period": period,
        "previous": previous,
        "by": by,
        "totals": totals,
        "rate": rate(totals["clicks"], totals["shares"]),
        "previous_totals": before,
        "previous_rate": rate(before["clicks"], before["shares"]),
        "series": series(rows, period, by, today),
        "running": is_running,
        "through": today if is_running else period.last,
        "unfinished": bucket(today, by) if is_running else None,
        "networks": _regroup(cells, lambda r: NETWORK_LABELS.get(r["network"], r["network"])),
        "campaigns": _regroup(cells, lambda r: r["campaign__name"], limit=12),
        "teams": breakdown(per_team, "team_id", "team__name", limit=15, by_shares=True),
        "locations": breakdown(per_team, "location_id", "location__name", limit=15, by_shares=True),
        "items": top_items(scope, period),
        "active": active_sharers(scope, period),
        "previous_active": active_sharers(scope, previous),
        "stories": stories(scope, period),
        "training": training(scope),
    }


def _regroup(cells, label, limit=None):
    """[(label, shares, clicks, rate)] summed from the (network, campaign) cells, most clicks first."""
    grouped = {}
    for cell in cells:
        entry = grouped.setdefault(label(cell), [0, 0])
        entry[0] += cell["s"]
        entry[1] += cell["c"]
    ranked = sorted(grouped.items(), key=lambda kv: (-kv[1][1], -kv[1][0], str(kv[0])))[:limit]
    return [(name if name is not None else _("(none)"), s, c, rate(c, s)) for name, (s, c) in ranked]


def leaderboard(organisation, period, limit=25):
    """Only people who chose to appear are named; the others are counted together."""
    rows = PeriodSharer.objects.filter(organisation=organisation, period=period.key)
    shown = Q(person__on_leaderboard=True, person__is_active=True)
    named = (
        rows.filter(shown)
        .order_by("-shares", "-clicks", "person__first_name")
        .values_list("person__first_name", "person__last_name", "shares", "clicks")[:limit]
    )
    others = rows.exclude(shown).aggregate(people=Count("pk"), shares=Sum("shares"))
    return {
        "named": [(f"{first} {last}".strip(), s, c) for first, last, s, c in named],
        "others": others["people"],
        "other_shares": others["shares"] or 0,
    }

"""Keeping the roll-up tables: aggregate queries per day and per month, replacing what was there."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from deelwijs.sharing.models import Click, Share

from .models import DailyStat, MonthlyItemStat, MonthlySharer

BATCH = 5000


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def month_start(day):
    return day.replace(day=1)


def next_month(day):
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _merge(share_rows, click_rows, keys):
    """{key: [shares, clicks]} from two aggregate querysets whose rows carry the same keys."""
    merged = {}
    for row in share_rows:
        merged.setdefault(tuple(row[k] for k in keys), [0, 0])[0] = row["n"]
    for row in click_rows:
        merged.setdefault(tuple(row["link__share__" + k] for k in keys), [0, 0])[1] = row["n"]
    return merged


def _click_values(keys):
    return ["link__share__" + k for k in keys]


DAILY_KEYS = ["organisation_id", "network", "item__campaign_id", "team_id", "location_id"]


@transaction.atomic
def roll_up_day(day):
    """DailyStat for one day, for every organisation. Returns the number of rows written."""
    shares = (Share.objects.filter(created__gte=day_start(day), created__lt=day_start(day + timedelta(days=1)))
              .values(*DAILY_KEYS).annotate(n=Count("pk")).order_by())
    clicks = Click.objects.filter(day=day).values(*_click_values(DAILY_KEYS)).annotate(n=Count("pk")).order_by()
    merged = _merge(shares, clicks, DAILY_KEYS)
    DailyStat.objects.filter(day=day).delete()
    DailyStat.objects.bulk_create([
        DailyStat(organisation_id=org, day=day, network=network, campaign_id=campaign, team_id=team,
                  location_id=location, shares=n_shares, clicks=n_clicks)
        for (org, network, campaign, team, location), (n_shares, n_clicks) in merged.items()], batch_size=BATCH)
    return len(merged)


ITEM_KEYS = ["organisation_id", "item_id", "item__campaign_id"]
SHARER_KEYS = ["organisation_id", "person_id", "team_id", "location_id"]


@transaction.atomic
def roll_up_month(first):
    """MonthlyItemStat and MonthlySharer for the month that holds `first`."""
    first = month_start(first)
    following = next_month(first)
    shares = Share.objects.filter(created__gte=day_start(first), created__lt=day_start(following))
    clicks = Click.objects.filter(day__gte=first, day__lt=following)
    items = _merge(shares.values(*ITEM_KEYS).annotate(n=Count("pk")).order_by(),
                   clicks.values(*_click_values(ITEM_KEYS)).annotate(n=Count("pk")).order_by(), ITEM_KEYS)
    sharers = _merge(shares.exclude(person=None).values(*SHARER_KEYS).annotate(n=Count("pk")).order_by(),
                     clicks.exclude(link__share__person=None).values(*_click_values(SHARER_KEYS))
                     .annotate(n=Count("pk")).order_by(), SHARER_KEYS)
    MonthlyItemStat.objects.filter(month=first).delete()
    MonthlySharer.objects.filter(month=first).delete()
    MonthlyItemStat.objects.bulk_create([
        MonthlyItemStat(organisation_id=org, month=first, item_id=item, campaign_id=campaign, shares=s, clicks=c)
        for (org, item, campaign), (s, c) in items.items()], batch_size=BATCH)
    MonthlySharer.objects.bulk_create([
        MonthlySharer(organisation_id=org, month=first, person_id=person, team_id=team, location_id=location,
                      shares=s, clicks=c)
        for (org, person, team, location), (s, c) in sharers.items()], batch_size=BATCH)
    return len(items) + len(sharers)


def roll_up(first, last):
    """Every day and month from first to last (dates, inclusive). Returns the rows written."""
    rows = 0
    day = first
    while day <= last:
        rows += roll_up_day(day)
        day += timedelta(days=1)
    month = month_start(first)
    while month <= last:
        rows += roll_up_month(month)
        month = next_month(month)
    return rows


def roll_up_recent(today=None):
    """Yesterday and today: clicks on yesterday's shares keep coming in."""
    today = today or timezone.localdate()
    return roll_up(today - timedelta(days=1), today)


def first_activity():
    first = Share.objects.order_by("created").values_list("created", flat=True).first()
    return timezone.localtime(first).date() if first else date.today()

"""Keeping the roll-up tables: one aggregate query per table for a whole range of days, replacing what was there."""

from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Count, F
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from deelwijs.sharing.models import Click, Share

from .models import DailyStat, DailyTeamStat, MonthlyItemStat, MonthlyItemTeamStat, MonthlyTeamStat, PeriodSharer

BATCH = 5000


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def month_start(day):
    return day.replace(day=1)


def next_month(day):
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _aggregate(first, last, by_month, keys):
    """{(period, *keys): [shares, clicks]} for shares made and clicks received from first to last (dates)."""
    zone = timezone.get_current_timezone()
    when = TruncMonth("created", tzinfo=zone) if by_month else TruncDate("created", tzinfo=zone)
    shares = (
        Share.objects.filter(created__gte=day_start(first), created__lt=day_start(last + timedelta(days=1)))
        .annotate(period=when)
        .values("period", *keys)
        .annotate(n=Count("pk"))
        .order_by()
    )
    clicks = (
        Click.objects.filter(day__gte=first, day__lte=last)
        .annotate(period=TruncMonth("day") if by_month else F("day"))
        .values("period", *["link__share__" + k for k in keys])
        .annotate(n=Count("pk"))
        .order_by()
    )
    merged = {}
    for row in shares:
        merged.setdefault((_as_date(row["period"]), *(row[k] for k in keys)), [0, 0])[0] = row["n"]
    for row in clicks:
        key = (_as_date(row["period"]), *(row["link__share__" + k] for k in keys))
        merged.setdefault(key, [0, 0])[1] = row["n"]
    return merged


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value


def insert_rows(model, columns, rows):
    """Plain INSERTs in batches: at a million rows the ORM's bulk_create is several times slower."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    rows = list(rows)
    for n in range(0, len(rows), BATCH):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows[n : n + BATCH])
    return len(rows)


def _replace(model, period_field, first, last, columns, aggregated):
    """Delete the period's rows of a roll-up table and write the aggregated ones: {(period, *keys): [s, c]}."""
    model.objects.filter(**{f"{period_field}__gte": first, f"{period_field}__lte": last}).delete()
    adapt = connection.ops.adapt_datefield_value
    rows = [(adapt(key[0]), *key[1:], s, c) for key, (s, c) in aggregated.items()]
    return insert_rows(model, [period_field, *columns, "shares", "clicks"], rows)


def _sum(rows, pick):
    """Re-aggregate {key: [s, c]} onto the smaller keys pick(key) gives."""
    summed = {}
    for key, (s, c) in rows.items():
        entry = summed.setdefault(pick(key), [0, 0])
        entry[0] += s
        entry[1] += c
    return summed


@transaction.atomic
def roll_up(first, last):
    """Every day and month that the dates first to last touch (whole months). Returns the rows written.

    Three aggregate queries: per day with team and location, per item, team and month, per person and
    month; the other tables are sums of these.
    """
    first, last = month_start(first), next_month(last) - timedelta(days=1)
    per_team = _aggregate(
        first, last, False, ["organisation_id", "network", "item__campaign_id", "team_id", "location_id"]
    )
    written = _replace(
        DailyTeamStat,
        "day",
        first,
        last,
        ["organisation_id", "network", "campaign_id", "team_id", "location_id"],
        per_team,
    )
    written += _replace(
        DailyStat, "day", first, last, ["organisation_id", "network", "campaign_id"], _sum(per_team, lambda k: k[:4])
    )
    written += _replace(
        MonthlyTeamStat,
        "month",
        first,
        last,
        ["organisation_id", "team_id", "location_id"],
        _sum(per_team, lambda k: (month_start(k[0]), k[1], k[4], k[5])),
    )
    per_item = _aggregate(
        first, last, True, ["organisation_id", "item_id", "item__campaign_id", "team_id", "location_id"]
    )
    written += _replace(
        MonthlyItemTeamStat,
        "month",
        first,
        last,
        ["organisation_id", "item_id", "campaign_id", "team_id", "location_id"],
        per_item,
    )
    written += _replace(
        MonthlyItemStat,
        "month",
        first,
        last,
        ["organisation_id", "item_id", "campaign_id"],
        _sum(per_item, lambda k: k[:4]),
    )
    written += _roll_up_sharers(first, last)
    refresh_statistics()
    return written


ROLL_UP_TABLES = [DailyStat, DailyTeamStat, MonthlyTeamStat, MonthlyItemStat, MonthlyItemTeamStat, PeriodSharer]


def refresh_statistics():
    """Tell the query planner how the tables look now, so it picks the team and location indexes."""
    with connection.cursor() as cursor:
        for model in ROLL_UP_TABLES:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def quarter_start(day):
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def period_keys(month):
    return f"{month.year}-{month.month:02d}", f"{month.year}-Q{(month.month - 1) // 3 + 1}"


def _roll_up_sharers(first, last):
    """PeriodSharer for the months and the whole quarters that first to last touch."""
    first, last = quarter_start(first), next_month(next_month(next_month(quarter_start(last)))) - timedelta(days=1)
    monthly = _aggregate(first, last, True, ["organisation_id", "person_id", "team_id", "location_id"])
    rows = {}
    for (month, org, person, team, location), (s, c) in monthly.items():
        if person is None:
            continue
        for key in period_keys(month):
            entry = rows.setdefault((key, org, person), [team, location, 0, 0])
            entry[0], entry[1] = team, location  # the latest month's team counts for the quarter
            entry[2] += s
            entry[3] += c
    keys = set()
    month = first
    while month <= last:
        keys.update(period_keys(month))
        month = next_month(month)
    PeriodSharer.objects.filter(period__in=keys).delete()
    return insert_rows(
        PeriodSharer,
        ["period", "organisation_id", "person_id", "team_id", "location_id", "shares", "clicks"],
        [(*key, *value) for key, value in rows.items()],
    )


def roll_up_recent(today=None):
    """Yesterday and today: clicks on yesterday's shares keep coming in."""
    today = today or timezone.localdate()
    return roll_up(today - timedelta(days=1), today)


def first_activity():
    first = Share.objects.order_by("created").values_list("created", flat=True).first()
    return timezone.localtime(first).date() if first else date.today()

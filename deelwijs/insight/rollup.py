"""Keeping the roll-up tables that the dashboard reads.

Two ways in, which give the same rows:

- roll_up(first, last) recomputes whole quarters from scratch with one aggregate query per table (the demo,
  `django-admin roll_up --since/--all`, after an import).
- roll_up_new() adds the shares and clicks that are not counted yet to the rows they count for, so its cost
  follows the new rows, not the month (the worker, every few minutes).

Why no row is lost or counted twice: every share and click has a `rolled_up` flag. A run takes the ids of rows
whose flag is still false, adds those rows and sets the flag on exactly those ids, in one transaction: a row is
counted if and only if its flag is set. There is no watermark of ids or times to fall behind. Clicks are written
by the click buffer up to CLICK_BUFFER_SECONDS after they happen, and on PostgreSQL a transaction can commit a
share with a lower id after one with a higher id; "id > last id" or "created > last run" would skip such rows for
good, an overlap window only for as long as the window is wide. Here a row that commits late, however late, is a
row whose flag is still false when the next run looks. The full roll-up keeps the rule: it first flags every row
of its quarters and then counts only flagged rows, so a row that commits between those two statements is left
for the next run instead of being flagged without being counted.

Roll-ups run one at a time: each transaction starts by writing the RollUpState row, which holds its row lock on
PostgreSQL and the database's write lock on SQLite until the commit.

The roll-up reads and writes across organisations on purpose (one pass for all of them), so it runs with the
tenant scopes disabled.
"""

import time as clock
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from deelwijs.orgs.tenancy import across_organisations
from deelwijs.sharing.models import Click, Share

from .models import (
    DailyStat,
    DailyTeamStat,
    MonthlyItemStat,
    MonthlyItemTeamStat,
    MonthlyTeamStat,
    PeriodSharer,
    RollUpState,
)

BATCH = 5000


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def month_start(day):
    return day.replace(day=1)


def next_month(day):
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def quarter_start(day):
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def quarter_end(day):
    return next_month(next_month(next_month(quarter_start(day)))) - timedelta(days=1)


def period_keys(month):
    return f"{month.year}-{month.month:02d}", f"{month.year}-Q{(month.month - 1) // 3 + 1}"


# The tables kept by period and columns; the column after the period narrows the search for existing rows.
TABLES = [
    (DailyTeamStat, "day", ["organisation_id", "network", "campaign_id", "team_id", "location_id"], "team_id"),
    (DailyStat, "day", ["organisation_id", "network", "campaign_id"], "organisation_id"),
    (MonthlyTeamStat, "month", ["organisation_id", "team_id", "location_id"], "organisation_id"),
    (MonthlyItemTeamStat, "month", ["organisation_id", "item_id", "campaign_id", "team_id", "location_id"], "item_id"),
    (MonthlyItemStat, "month", ["organisation_id", "item_id", "campaign_id"], "item_id"),
]
ROLL_UP_TABLES = [model for model, *_rest in TABLES] + [PeriodSharer]
EARLIEST = datetime.min.replace(tzinfo=UTC)


def _rank(latest, team, location):
    """Which share's team and location a PeriodSharer row shows: the latest made (at the same moment: higher ids)."""
    return (latest or EARLIEST, team or 0, location or 0)


# Roll-ups one at a time


def _lock():
    """The first statement of every roll-up transaction: a write, so the next roll-up waits for this one."""
    if not RollUpState.objects.filter(pk=1).update(full=F("full")):
        RollUpState.objects.get_or_create(pk=1)
        RollUpState.objects.filter(pk=1).update(full=F("full"))


def _record(started, shares, clicks, full=False):
    RollUpState.objects.filter(pk=1).update(
        started=timezone.now() - timedelta(seconds=clock.perf_counter() - started),
        seconds=clock.perf_counter() - started,
        shares=shares,
        clicks=clicks,
        full=full,
    )


# Writing rows


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


def _execute(sql, rows):
    for n in range(0, len(rows), BATCH):
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows[n : n + BATCH])


def _set(model, columns):
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
    return f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"


# The full roll-up


def _aggregate(first, last, by_month, keys, latest=False):
    """{(period, *keys): [shares, clicks, latest]} for the counted shares made and clicks received first to last.

    latest (only when asked) is when the latest share of the group was made, clicked shares included.
    """
    zone = timezone.get_current_timezone()
    when = TruncMonth("created", tzinfo=zone) if by_month else TruncDate("created", tzinfo=zone)
    extra = {"latest": Max("created")} if latest else {}
    shares = (
        Share.objects.filter(
            rolled_up=True, created__gte=day_start(first), created__lt=day_start(last + timedelta(days=1))
        )
        .annotate(period=when)
        .values("period", *keys)
        .annotate(n=Count("pk"), **extra)
        .order_by()
    )
    extra = {"latest": Max("link__share__created")} if latest else {}
    clicks = (
        Click.objects.filter(rolled_up=True, day__gte=first, day__lte=last)
        .annotate(period=TruncMonth("day") if by_month else F("day"))
        .values("period", *["link__share__" + k for k in keys])
        .annotate(n=Count("pk"), **extra)
        .order_by()
    )
    merged = {}
    for row in shares:
        entry = merged.setdefault((_as_date(row["period"]), *(row[k] for k in keys)), [0, 0, None])
        entry[0], entry[2] = row["n"], row.get("latest")
    for row in clicks:
        entry = merged.setdefault((_as_date(row["period"]), *(row["link__share__" + k] for k in keys)), [0, 0, None])
        entry[1] = row["n"]
        if latest and (entry[2] is None or row["latest"] > entry[2]):
            entry[2] = row["latest"]
    return merged


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value


def _replace(model, period_field, first, last, columns, aggregated):
    """Delete the period's rows of a roll-up table and write the aggregated ones: {(period, *keys): [s, c, _]}."""
    model.objects.filter(**{f"{period_field}__gte": first, f"{period_field}__lte": last}).delete()
    adapt = connection.ops.adapt_datefield_value
    rows = [(adapt(key[0]), *key[1:], s, c) for key, (s, c, _latest) in aggregated.items()]
    return insert_rows(model, [period_field, *columns, "shares", "clicks"], rows)


def _sum(rows, pick):
    """Re-aggregate {key: [s, c, _]} onto the smaller keys pick(key) gives."""
    summed = {}
    for key, (s, c, _latest) in rows.items():
        entry = summed.setdefault(pick(key), [0, 0, None])
        entry[0] += s
        entry[1] += c
    return summed


@across_organisations()  # every organisation in one pass (see the module's docstring)
@transaction.atomic
def roll_up(first, last):
    """Recompute every day, month and quarter of the quarters that first to last touch. Returns the rows written.

    Flags the quarters' shares and clicks as counted, then counts the flagged ones with three aggregate queries:
    per day with team and location, per item, team and month, per person and month; the other tables are sums
    of these.
    """
    started = clock.perf_counter()
    _lock()
    first, last = max(quarter_start(first), recomputable_from()), quarter_end(last)
    if first > last:
        return 0
    Share.objects.filter(
        rolled_up=False, created__gte=day_start(first), created__lt=day_start(last + timedelta(days=1))
    ).update(rolled_up=True)
    Click.objects.filter(rolled_up=False, day__gte=first, day__lte=last).update(rolled_up=True)
    per_team = _aggregate(
        first, last, False, ["organisation_id", "network", "item__campaign_id", "team_id", "location_id"]
    )
    (team_table, day, team_columns, _n), (day_table, _d, day_columns, _n) = TABLES[:2]
    written = _replace(team_table, day, first, last, team_columns, per_team)
    written += _replace(day_table, day, first, last, day_columns, _sum(per_team, lambda k: k[:4]))
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
    _record(started, 0, 0, full=True)
    return written


def recomputable_from():
    """The first day a full roll-up may recompute from: the start of the first quarter whose single clicks
    are all still there (none deleted under an organisation's retention)."""
    kept_from = RollUpState.objects.filter(pk=1).values_list("clicks_kept_from", flat=True).first()
    if kept_from is None:
        return date.min
    return kept_from if kept_from == quarter_start(kept_from) else quarter_end(kept_from) + timedelta(days=1)


def forget_counted_clicks(before):
    """Delete the current organisation's clicks from before the day `before` that the figures already count.

    For the retention job, inside the organisation's scope. Clicks not counted yet are left for the roll-up.
    Each batch first takes the roll-up lock and notes the day in RollUpState, so no roll-up runs meanwhile
    and a full roll-up afterwards leaves the quarters of the deleted clicks as they are. Returns how many.
    """
    deleted = 0
    while True:
        with transaction.atomic():
            _lock()
            ids = list(Click.objects.filter(rolled_up=True, day__lt=before).values_list("pk", flat=True)[:BATCH])
            if not ids:
                return deleted
            RollUpState.objects.filter(pk=1).exclude(clicks_kept_from__gte=before).update(clicks_kept_from=before)
            Click.objects.filter(pk__in=ids).delete()
        deleted += len(ids)


def refresh_statistics():
    """Tell the query planner how the tables look now, so it picks the team and location indexes.

    On PostgreSQL (which samples, so it is quick) shares and clicks too, as the roll-up may just have flagged
    many of them: the claim of the next run must see that few are left to count.
    """
    models = ROLL_UP_TABLES + ([Share, Click] if connection.vendor == "postgresql" else [])
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _roll_up_sharers(first, last):
    """PeriodSharer for the months and quarters from first to last (whole quarters)."""
    monthly = _aggregate(first, last, True, ["organisation_id", "person_id", "team_id", "location_id"], latest=True)
    rows = {}
    for (month, org, person, team, location), (s, c, latest) in monthly.items():
        if person is None:
            continue
        rank = _rank(latest, team, location)
        for key in period_keys(month):
            entry = rows.setdefault((key, org, person), [0, 0, None, None, None])
            entry[0] += s
            entry[1] += c
            if entry[2] is None or rank > entry[2]:
                entry[2:] = [rank, team, location]
    keys = set()
    month = first
    while month <= last:
        keys.update(period_keys(month))
        month = next_month(month)
    PeriodSharer.objects.filter(period__in=keys).delete()
    adapt = connection.ops.adapt_datetimefield_value
    return insert_rows(
        PeriodSharer,
        ["period", "organisation_id", "person_id", "team_id", "location_id", "latest_share", "shares", "clicks"],
        [(*key, team, location, adapt(rank[0]), s, c) for key, (s, c, rank, team, location) in rows.items()],
    )


# The incremental roll-up

SHARE_FIELDS = ["organisation_id", "person_id", "item_id", "item__campaign_id", "network", "created"]
SHARE_FIELDS += ["team_id", "location_id"]


def _claim(model, batch):
    """Ids of rows not counted yet, read from the small partial index that holds exactly these.

    SQLite is told to use that index: statistics gathered while many rows were still uncounted (after a bulk
    load) make it read the whole table instead, which costs as much as the month it is meant to avoid.
    """
    quote = connection.ops.quote_name
    index = {Share: "share_not_rolled_up", Click: "click_not_rolled_up"}[model]
    hint = f" INDEXED BY {quote(index)}" if connection.vendor == "sqlite" else ""
    table, pk, flag = quote(model._meta.db_table), quote("id"), quote("rolled_up")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk} FROM {table}{hint} WHERE NOT {flag} ORDER BY {pk} LIMIT %s", [batch])
        return [row[0] for row in cursor.fetchall()]


def _events(share_ids, click_ids):
    """[(day, shares, clicks, the share's fields)] for the new shares (on the day made) and clicks."""
    events = []
    for row in Share.objects.filter(pk__in=share_ids).values(*SHARE_FIELDS):
        row["campaign_id"] = row.pop("item__campaign_id")
        events.append((timezone.localtime(row["created"]).date(), 1, 0, row))
    for row in Click.objects.filter(pk__in=click_ids).values("day", *["link__share__" + f for f in SHARE_FIELDS]):
        share = {f: row["link__share__" + f] for f in SHARE_FIELDS}
        share["campaign_id"] = share.pop("item__campaign_id")
        events.append((row["day"], 0, 1, share))
    return events


def _add(model, period_field, columns, narrow, deltas):
    """Add {(period, *columns): [shares, clicks]} to a table: rows that exist are updated, others inserted.

    A row whose counts come to nought is deleted, as a full roll-up would not write it.
    """
    if not deltas:
        return 0
    values = {key[1 + columns.index(narrow)] for key in deltas}
    found = Q(**{f"{narrow}__in": [v for v in values if v is not None]})
    if None in values:
        found |= Q(**{f"{narrow}__isnull": True})
    existing = {}
    rows = model.objects.filter(found, **{f"{period_field}__in": {key[0] for key in deltas}})
    for pk, *key, shares, clicks in rows.values_list("pk", period_field, *columns, "shares", "clicks"):
        existing.setdefault(tuple(key), (pk, shares, clicks))  # after a SET NULL a key can be there twice
    adapt = connection.ops.adapt_datefield_value
    updates, inserts, emptied = [], [], []
    for key, (s, c) in deltas.items():
        if key in existing:
            pk, shares, clicks = existing[key]
            # Never below nought, should the rows ever disagree with the flags (a full roll-up repairs them).
            shares, clicks = max(shares + s, 0), max(clicks + c, 0)
            if shares == 0 and clicks == 0:
                emptied.append(pk)
            else:
                updates.append((shares, clicks, pk))
        elif s > 0 or c > 0:
            inserts.append((adapt(key[0]), *key[1:], s, c))
    _execute(_set(model, ["shares", "clicks"]), updates)
    model.objects.filter(pk__in=emptied).delete()
    insert_rows(model, [period_field, *columns, "shares", "clicks"], inserts)
    return len(updates) + len(inserts) + len(emptied)


def _add_events(events):
    written = 0
    for model, period_field, columns, narrow in TABLES:
        period = month_start if period_field == "month" else (lambda day: day)
        deltas = {}
        for day, s, c, share in events:
            entry = deltas.setdefault((period(day), *(share[k] for k in columns)), [0, 0])
            entry[0] += s
            entry[1] += c
        written += _add(model, period_field, columns, narrow, deltas)
    return written + _add_sharers(events)


def _add_sharers(events):
    """PeriodSharer rows of the months and quarters of the events: counts added, the latest share's team kept."""
    deltas = {}
    for day, s, c, share in events:
        if share["person_id"] is None:
            continue
        rank = _rank(share["created"], share["team_id"], share["location_id"])
        for key in period_keys(month_start(day)):
            entry = deltas.setdefault((key, share["organisation_id"], share["person_id"]), [0, 0, None, None, None])
            entry[0] += s
            entry[1] += c
            if entry[2] is None or rank > entry[2]:
                entry[2:] = [rank, share["team_id"], share["location_id"]]
    if not deltas:
        return 0
    existing = {}
    rows = PeriodSharer.objects.filter(person_id__in={key[2] for key in deltas}, period__in={key[0] for key in deltas})
    fields = ["shares", "clicks", "team_id", "location_id", "latest_share"]
    for pk, period, org, person, *counted in rows.values_list("pk", "period", "organisation_id", "person_id", *fields):
        existing[(period, org, person)] = (pk, *counted)
    adapt = connection.ops.adapt_datetimefield_value
    updates, inserts = [], []
    for key, (s, c, rank, team, location) in deltas.items():
        when = rank[0]
        if key in existing:
            pk, shares, clicks, old_team, old_location, old_when = existing[key]
            if _rank(old_when, old_team, old_location) >= rank:
                team, location, when = old_team, old_location, old_when
            updates.append((shares + s, clicks + c, team, location, adapt(when), pk))
        else:
            inserts.append((*key, team, location, adapt(when), s, c))
    _execute(_set(PeriodSharer, fields), updates)
    insert_rows(
        PeriodSharer,
        ["period", "organisation_id", "person_id", "team_id", "location_id", "latest_share", "shares", "clicks"],
        inserts,
    )
    return len(updates) + len(inserts)


@across_organisations()  # every organisation in one pass (see the module's docstring)
def roll_up_new(batch=BATCH, today=None):
    """Count the shares and clicks not counted yet. Returns (shares, clicks) counted.

    In transactions of at most `batch` shares and `batch` clicks each. The very first run (no RollUpState yet,
    e.g. just after the upgrade that brought this) recomputes the quarters of yesterday and today first.
    """
    if not RollUpState.objects.exists():
        today = today or timezone.localdate()
        roll_up(today - timedelta(days=1), today)
    started = clock.perf_counter()
    shares = clicks = 0
    while True:
        with transaction.atomic():
            _lock()
            share_ids, click_ids = _claim(Share, batch), _claim(Click, batch)
            _add_events(_events(share_ids, click_ids))
            Share.objects.filter(pk__in=share_ids).update(rolled_up=True)
            Click.objects.filter(pk__in=click_ids).update(rolled_up=True)
            shares, clicks = shares + len(share_ids), clicks + len(click_ids)
            _record(started, shares, clicks)
        if len(share_ids) < batch and len(click_ids) < batch:
            return shares, clicks


@across_organisations()  # the rows of one item, whoever saves it
@transaction.atomic
def move_item(item_id, old_campaign_id, new_campaign_id):
    """An item moved to another campaign: its counted shares and clicks move along in the tables with a campaign.

    Runs in the transaction that saves the item (insight.signals). The shares and clicks not counted yet are
    counted under the new campaign when their turn comes, as a full roll-up would count them all.
    """
    if old_campaign_id == new_campaign_id:
        return
    _lock()
    MonthlyItemStat.objects.filter(item_id=item_id).update(campaign_id=new_campaign_id)
    MonthlyItemTeamStat.objects.filter(item_id=item_id).update(campaign_id=new_campaign_id)
    keys = ["organisation_id", "network", "team_id", "location_id"]
    made = (
        Share.objects.filter(item_id=item_id, rolled_up=True)
        .annotate(period=TruncDate("created", tzinfo=timezone.get_current_timezone()))
        .values("period", *keys)
        .annotate(n=Count("pk"))
        .order_by()
    )
    clicked = (
        Click.objects.filter(link__share__item_id=item_id, rolled_up=True)
        .annotate(period=F("day"))
        .values("period", *["link__share__" + k for k in keys])
        .annotate(n=Count("pk"))
        .order_by()
    )
    counted = {}
    for rows, prefix, which in ((made, "", 0), (clicked, "link__share__", 1)):
        for row in rows:
            counted.setdefault((row["period"], *(row[prefix + k] for k in keys)), [0, 0])[which] += row["n"]
    for model, period_field, columns, narrow in TABLES[:2]:
        deltas = {}
        for (day, *values), (s, c) in counted.items():
            fields = dict(zip(keys, values, strict=True))
            for campaign, sign in ((old_campaign_id, -1), (new_campaign_id, 1)):
                fields["campaign_id"] = campaign
                entry = deltas.setdefault((day, *(fields[k] for k in columns)), [0, 0])
                entry[0] += sign * s
                entry[1] += sign * c
        _add(model, period_field, columns, narrow, deltas)


@across_organisations()  # the first share of any organisation
def first_activity():
    first = Share.objects.order_by("created").values_list("created", flat=True).first()
    return timezone.localtime(first).date() if first else date.today()

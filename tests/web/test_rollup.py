"""The incremental roll-up gives exactly the rows of a full roll-up from scratch, whatever came in between."""

import threading
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection, connections, transaction
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from deelwijs.content.models import Campaign, ContentItem
from deelwijs.insight import rollup, tasks
from deelwijs.insight.models import DailyStat, PeriodSharer, RollUpState
from deelwijs.orgs.models import Location, Team
from deelwijs.sharing.models import Click, Share, TrackedLink

from ..conftest import make_person


def local(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def snapshot():
    """Every roll-up table as a sorted list of rows (rows with the same key summed: a SET NULL can make two)."""
    tables = {}
    for model, period_field, columns, _narrow in rollup.TABLES:
        rows = model.objects.values(period_field, *columns).annotate(s=Sum("shares"), c=Sum("clicks")).order_by()
        tables[model.__name__] = sorted((tuple(row.values()) for row in rows), key=repr)
        assert not model.objects.filter(shares=0, clicks=0).exists()
    fields = ["period", "organisation_id", "person_id", "team_id", "location_id", "latest_share", "shares", "clicks"]
    tables["PeriodSharer"] = sorted(PeriodSharer.objects.values_list(*fields), key=repr)
    return tables


def from_scratch():
    """The tables a full roll-up makes from nothing; everything is undone afterwards."""
    with transaction.atomic():
        for model in rollup.ROLL_UP_TABLES:
            model.objects.all().delete()
        Share.objects.update(rolled_up=False)
        Click.objects.update(rolled_up=False)
        rollup.roll_up(date(2026, 1, 1), date(2027, 12, 31))
        tables = snapshot()
        transaction.set_rollback(True)
    return tables


@pytest.fixture
def make(org, other_org):
    north = Location.objects.create(organisation=org, name="Noord")
    south = Location.objects.create(organisation=org, name="Zuid")
    teams = {
        "a": Team.objects.create(organisation=org, name="Team A", location=north),
        "b": Team.objects.create(organisation=org, name="Team B", location=south),
        "c": Team.objects.create(organisation=org, name="Team C", location=None),
        "x": Team.objects.create(organisation=other_org, name="Elders"),
    }
    people = {name: make_person(org, "employee", email=f"{name}@test.test") for name in ("anna", "bram", "cor")}
    people["ed"] = make_person(other_org, "employee", email="ed@andere.test")
    for name, team in (("anna", "a"), ("bram", "b"), ("cor", "c"), ("ed", "x")):
        people[name].teams.set([teams[team]])
    campaigns = [Campaign.objects.create(organisation=org, name=f"C{n}", slug=f"c{n}") for n in (1, 2)]
    items = {
        "vacancy": ContentItem.objects.create(
            organisation=org, title="Vacature", link="https://a.example", campaign=campaigns[0]
        ),
        "news": ContentItem.objects.create(organisation=org, title="Nieuws", link="https://b.example"),
        "elsewhere": ContentItem.objects.create(organisation=other_org, title="Elders", link="https://c.example"),
    }

    def share(person, item, network, moment, click_days=(), pk=None):
        """A share as record_share makes it: with the sharer's team and location of that moment."""
        person, item = people[person], items[item]
        team = person.teams.first()
        made = Share.objects.create(
            pk=pk,
            organisation=item.organisation,
            person=person,
            item=item,
            network=network,
            text="x",
            created=moment,
            team=team,
            location=team.location if team else None,
        )
        TrackedLink.objects.create(share=made, target_url=item.link)
        click(made, *click_days)
        return made

    def click(made, *days):
        Click.objects.bulk_create([Click(link=made.link, day=d, visitor=str(n)) for n, d in enumerate(days)])

    return {"share": share, "click": click, "people": people, "teams": teams, "items": items, "campaigns": campaigns}


def test_incremental_runs_end_where_a_full_roll_up_does(make):
    share, click, people, teams = make["share"], make["click"], make["people"], make["teams"]
    rollup.roll_up_new()  # the first run sets up the state
    # Batch 1: both sides of midnight at the quarter's edge (30 Sep 22:30 UTC is 1 Oct 00:30 in Amsterdam).
    q3 = share("anna", "vacancy", "linkedin", local(date(2026, 9, 30), 23, 30), [date(2026, 9, 30)])
    share("anna", "vacancy", "linkedin", local(date(2026, 10, 1), 0, 30), [date(2026, 10, 1)] * 2)
    share("bram", "news", "facebook", local(date(2026, 10, 15), 12))
    share("ed", "elsewhere", "x", local(date(2026, 10, 15), 12), [date(2026, 10, 16)])  # another organisation
    placeholder = share("cor", "news", "x", local(date(2026, 10, 2), 9))
    late_share_id, late_click = placeholder.pk, Click.objects.create(link=placeholder.link, day=date(2026, 10, 2))
    placeholder.delete()  # frees an id below the ones counted next, as a transaction still open would hold it
    assert rollup.roll_up_new() == (4, 4)
    assert snapshot() == from_scratch()

    # Batch 2: Anna moves to team B and shares again; clicks keep coming in on the old shares, in Q4.
    people["anna"].teams.set([teams["b"]])
    share("anna", "news", "linkedin", local(date(2026, 10, 1), 10), [date(2026, 10, 3)])
    click(q3, date(2026, 10, 1), date(2026, 12, 31))
    assert rollup.roll_up_new(batch=2) == (1, 3)  # in batches of two
    assert snapshot() == from_scratch()
    anna = PeriodSharer.objects.get(person=people["anna"], period="2026-Q4")
    assert (anna.shares, anna.clicks, anna.team_id) == (2, 5, teams["b"].pk)  # the team of her latest share
    assert PeriodSharer.objects.get(person=people["anna"], period="2026-Q3").team_id == teams["a"].pk

    # Batch 3: the month's edge; the vacancy changes campaign; team C is disbanded, Cor shares without a team.
    share("cor", "vacancy", "bluesky", local(date(2026, 10, 31), 23, 59), [date(2026, 11, 1)])
    share("bram", "vacancy", "x", local(date(2026, 11, 1), 0, 0), [date(2026, 11, 1)])
    assert rollup.roll_up_new() == (2, 2)
    vacancy = make["items"]["vacancy"]
    vacancy.campaign = make["campaigns"][1]
    vacancy.save()
    teams["c"].delete()
    share("cor", "vacancy", "bluesky", local(date(2026, 11, 2), 8), [date(2026, 11, 2)])
    share("bram", "news", "x", local(date(2026, 12, 31), 23, 59), [date(2027, 1, 1)])
    assert rollup.roll_up_new() == (2, 2)
    assert snapshot() == from_scratch()

    # Batch 4: rows that commit late. A click buffered on 2 October and a share made then, written only now
    # with ids below everything counted since; and Bram has left (his PeriodSharer rows go, his shares stay).
    Click.objects.create(
        pk=late_click.pk, link=Share.objects.get(person=people["bram"], network="facebook").link, day=date(2026, 10, 2)
    )
    share("anna", "vacancy", "facebook", local(date(2026, 10, 2), 9), [date(2026, 10, 2)], pk=late_share_id)
    people["bram"].delete()
    assert rollup.roll_up_new() == (1, 2)
    assert snapshot() == from_scratch()
    assert DailyStat.objects.filter(day=date(2026, 10, 2)).aggregate(s=Sum("shares"), c=Sum("clicks")) == {
        "s": 1,
        "c": 2,
    }
    assert rollup.roll_up_new() == (0, 0)  # nothing new: nothing done
    state = RollUpState.objects.get()
    assert (state.shares, state.clicks, state.full) == (0, 0, False) and state.seconds is not None


def test_the_full_roll_up_flags_what_it_counted(make):
    made = make["share"]("anna", "vacancy", "linkedin", local(date(2026, 11, 3), 12), [date(2026, 11, 4)])
    rollup.roll_up(date(2026, 11, 1), date(2026, 11, 30))
    assert Share.objects.get(pk=made.pk).rolled_up and Click.objects.get().rolled_up
    assert RollUpState.objects.get().full
    assert rollup.roll_up_new() == (0, 0)  # counted once, not again
    assert DailyStat.objects.aggregate(s=Sum("shares"), c=Sum("clicks")) == {"s": 1, "c": 1}


def test_the_worker_task_rolls_up_what_is_new(make):
    tasks.roll_up_recent.call()
    make["share"]("anna", "news", "linkedin", timezone.now(), [timezone.localdate()])
    assert tasks.roll_up_recent.call() == (1, 1)
    assert DailyStat.objects.get(day=timezone.localdate()).clicks == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a second connection writing at the same time")
def test_a_row_that_commits_after_a_later_one_is_counted(make):
    """On PostgreSQL a transaction holding a lower id can commit after a roll-up counted a higher one."""
    first = make["share"]("anna", "news", "linkedin", local(date(2026, 11, 3), 12))
    rollup.roll_up_new()
    holding, written = threading.Event(), threading.Event()

    def slow_writer():
        with transaction.atomic():
            Click.objects.create(link=first.link, day=date(2026, 11, 3))  # takes its id now, commits later
            holding.set()
            written.wait(10)
        connections.close_all()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    assert holding.wait(10)
    make["click"](first, date(2026, 11, 4))  # a higher id, committed first
    assert rollup.roll_up_new() == (0, 1)
    written.set()
    writer.join()
    assert rollup.roll_up_new() == (0, 1)
    assert snapshot() == from_scratch()
    assert DailyStat.objects.aggregate(c=Sum("clicks"))["c"] == 2


def test_rows_are_claimed_through_the_small_index(make):
    """The claim must not read the whole table, whatever the statistics say: its cost has to follow the new rows."""
    rollup.roll_up_new()
    make["share"]("anna", "news", "linkedin", local(date(2026, 11, 3), 12), [date(2026, 11, 3)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # statistics of a moment when every row was still to be counted
    with CaptureQueriesContext(connection) as queries:
        assert rollup.roll_up_new() == (1, 1)
    claims = [q["sql"] for q in queries if "NOT" in q["sql"] and "LIMIT" in q["sql"]]
    assert len(claims) == 2
    with connection.cursor() as cursor:
        for sql in claims:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_seqscan = off")  # a table this small would be read whole anyway
            cursor.execute(("EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ") + sql)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "not_rolled_up" in plan, plan


def test_a_late_click_from_yesterday_lands_on_yesterday(make):
    """The click buffer can write yesterday's last clicks just after midnight."""
    today = timezone.localdate()
    made = make["share"]("anna", "news", "linkedin", local(today - timedelta(days=1), 23, 59))
    rollup.roll_up_new()
    make["click"](made, today - timedelta(days=1))
    rollup.roll_up_new()
    assert DailyStat.objects.get(day=today - timedelta(days=1)).clicks == 1
    assert snapshot() == from_scratch()

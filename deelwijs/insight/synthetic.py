"""A large synthetic organisation for the benchmarks: people, teams, items, shares and clicks over two years.

Made with bulk inserts in batches; names and texts are placeholders, never real people.
"""

import bisect
import random
from datetime import datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from deelwijs.content.models import Campaign, ContentItem
from deelwijs.orgs.models import Location, Organisation, RoleAssignment, Team, User
from deelwijs.orgs.roles import AMBASSADOR, COMMUNICATIONS, EMPLOYEE
from deelwijs.sharing.models import Click, Share, TrackedLink

from .rollup import insert_rows

BATCH = 5000
NETWORKS = ["linkedin"] * 5 + ["facebook"] * 3 + ["x"] * 2 + ["instagram", "bluesky", "mastodon"]
SLUG = "synthetisch"


def _batches(total, size=BATCH):
    done = 0
    while done < total:
        yield min(size, total - done)
        done += size


def _insert(model, columns, rows, org, org_field="organisation"):
    """Inserts the rows; returns the new ids in order."""
    insert_rows(model, columns, rows)
    return list(model.objects.filter(**{org_field: org}).order_by("pk").values_list("pk", flat=True)) if org else []


def make_large_org(people=20000, items=5000, shares=1_000_000, clicks=1_000_000, days=730, seed=1, say=print):
    """Returns the organisation and its communications login (e-mail)."""
    rng = random.Random(seed)
    ops = connection.ops
    Organisation.objects.filter(slug=SLUG).delete()
    org = Organisation.objects.create(name="Zorggroep Synthetisch", slug=SLUG, require_two_factor=False)
    today = timezone.localdate()
    first_day = today - timedelta(days=days)

    with transaction.atomic():
        locations = Location.objects.bulk_create(
            [Location(organisation=org, name=f"Locatie {n + 1}") for n in range(max(people // 500, 1))]
        )
        teams = Team.objects.bulk_create(
            [
                Team(organisation=org, name=f"Team {n + 1}", location=locations[n % len(locations)])
                for n in range(max(people // 25, 1))
            ]
        )
        users = User.objects.bulk_create(
            [
                User(
                    email=f"p{n}@{SLUG}.example",
                    first_name=f"Persoon {n}",
                    last_name="Synthetisch",
                    organisation=org,
                    password="!",
                    on_leaderboard=n % 10 == 0,
                    is_active=n % 50 != 0,
                )  # every fiftieth has left
                for n in range(people)
            ],
            batch_size=BATCH,
        )
        comms = users[0]
        comms.is_active = True
        comms.save(update_fields=["is_active"])
        roles = [RoleAssignment(user=u, role=EMPLOYEE) for u in users]
        roles += [RoleAssignment(user=u, role=AMBASSADOR) for u in users[::8]]
        roles.append(RoleAssignment(user=comms, role=COMMUNICATIONS))
        RoleAssignment.objects.bulk_create(roles, batch_size=BATCH)
        membership = User.teams.through
        team_of = [teams[n % len(teams)] for n in range(people)]
        membership.objects.bulk_create(
            [membership(user_id=u.pk, team_id=team_of[n].pk) for n, u in enumerate(users)], batch_size=BATCH
        )
        campaigns = Campaign.objects.bulk_create(
            [Campaign(organisation=org, name=f"Campagne {n + 1}", slug=f"c{n + 1}") for n in range(30)]
        )
        starts = sorted(
            timezone.make_aware(datetime.combine(first_day + timedelta(days=rng.randrange(days)), time(8)))
            for _n in range(items)
        )
        content = ContentItem.objects.bulk_create(
            [
                ContentItem(
                    organisation=org,
                    title=f"Item {n + 1}",
                    link=f"https://www.{SLUG}.example/{n + 1}",
                    campaign=campaigns[n % len(campaigns)] if n % 3 else None,
                    starts_at=start,
                    created_by=comms,
                )
                for n, start in enumerate(starts)
            ],
            batch_size=BATCH,
        )
    say(f"organisation: {people} people, {len(teams)} teams, {len(locations)} locations, {items} items")

    # A fifth of the people make most of the shares, as in real programmes.
    weights = [5 if n % 5 == 0 else 1 for n in range(people)]
    cumulative, total = [], 0
    for w in weights:
        total += w
        cumulative.append(total)
    start_times = [c.starts_at for c in content]
    window = timedelta(days=days).total_seconds()
    origin = timezone.make_aware(datetime.combine(first_day, time(0)))
    rows, share_days = [], []
    for _n in range(shares):
        moment = origin + timedelta(seconds=rng.random() * window)
        newest = max(bisect.bisect_right(start_times, moment) - 1, 0)
        item = content[max(newest - rng.randrange(60), 0)]  # one of the items that came out before this moment
        person_index = bisect.bisect_left(cumulative, rng.random() * total)
        team = team_of[person_index]
        rows.append(
            (
                org.pk,
                users[person_index].pk,
                item.pk,
                rng.choice(NETWORKS),
                item.title,
                ops.adapt_datetimefield_value(moment),
                team.pk,
                team.location_id,
            )
        )
        share_days.append(timezone.localtime(moment).date())
    share_ids = _insert(
        Share,
        ["organisation_id", "person_id", "item_id", "network", "text", "created", "team_id", "location_id"],
        rows,
        org,
    )
    links = [(share_id, f"z{share_id}", f"https://www.{SLUG}.example/") for share_id in share_ids]
    link_ids = _insert(TrackedLink, ["share_id", "code", "target_url"], links, org, "share__organisation")
    say(f"shares: {shares} with tracked links")

    rows = []
    for _n in range(clicks):
        index = rng.randrange(len(link_ids))
        if rng.random() < 0.5:  # half the clicks go to one share in ten: some posts do much better
            index -= index % 10
        day = min(share_days[index] + timedelta(days=int(rng.expovariate(0.7))), today)
        rows.append((link_ids[index], ops.adapt_datefield_value(day), f"{rng.getrandbits(64):016x}"))
    _insert(Click, ["link_id", "day", "visitor"], rows, None)
    say(f"clicks: {clicks}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # after a bulk load the planner needs fresh statistics, as autovacuum would give
    return org, comms.email

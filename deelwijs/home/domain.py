"""What the home page shows a person: per role what needs doing, and for everyone what is new and their figures.

Each block is built by one function from a few aggregate queries, so the page costs the same number of queries
with ten stories waiting or ten thousand shares made. A block is shown for the role it belongs to; a person with
several roles sees each of theirs.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from deelwijs.accounts.models import accounts_short_of_owners
from deelwijs.community.domain import help_waiting_for, open_join_requests
from deelwijs.learning.domain import basic_modules, finished_basic, progress
from deelwijs.orgs.models import Team, User
from deelwijs.orgs.permissions import (
    can_be_asked_for_help,
    can_keep_register,
    can_lead_ambassadors,
    can_manage_accounts,
    can_see_plan,
    is_communications,
    is_manager,
    is_webcare,
)
from deelwijs.orgs.roles import CLIENT
from deelwijs.planning.domain import overdue_posts
from deelwijs.planning.models import PlannedPost
from deelwijs.sharing.domain import feed_items
from deelwijs.sharing.models import Share
from deelwijs.stories.models import Story
from deelwijs.webcare.domain import visible_conversations
from deelwijs.webcare.models import InboxItem

# How many rows a block lists; its count says how many there are in all.
SHOWN = 5
# An item is new in the feed for this many days after it became visible.
NEW_DAYS = 7
# A planned post this close without a text or someone responsible needs filling in.
UNFILLED_DAYS = 7
# A register follow-up shows this many days before its date.
FOLLOW_UP_DAYS = 7


@dataclass
class Listing:
    """A count and the first few rows of what it counts."""

    count: int
    rows: list = field(default_factory=list)

    @classmethod
    def of(cls, queryset, shown=SHOWN):
        # Always two queries, so the page costs the same with one row or thousands.
        return cls(queryset.count(), list(queryset[:shown]))


def communications_block(person):
    """Stories waiting for a decision, planned posts overdue or unfilled: what communications picks up today."""
    now = timezone.now()
    open_posts = PlannedPost.objects.filter(status__in=PlannedPost.OPEN).select_related("account", "responsible")
    unfilled = open_posts.filter(scheduled_at__gte=now, scheduled_at__lt=now + timedelta(days=UNFILLED_DAYS)).filter(
        Q(text="") | Q(responsible__isnull=True)
    )
    stories = Story.objects.filter(status=Story.SUBMITTED).select_related("author").order_by("created")
    return {
        "stories": Listing.of(stories),
        "overdue": Listing.of(overdue_posts(person.organisation).order_by("scheduled_at")),
        "unfilled": Listing.of(unfilled.order_by("scheduled_at")),
    }


def owners_block(person):
    """The corporate accounts with fewer than two owners: an account must never leave with one person."""
    return Listing.of(accounts_short_of_owners())


def webcare_block(person):
    """New and overdue inbox items; overdue first, then by when they are due."""
    now = timezone.now()
    open_items = InboxItem.objects.filter(status__in=InboxItem.OPEN)
    counts = open_items.aggregate(
        new=Count("pk", filter=Q(status=InboxItem.NEW)),
        overdue=Count("pk", filter=Q(due_at__lt=now)),
        mine=Count("pk", filter=Q(assigned_to=person)),
    )
    waiting = open_items.filter(Q(status=InboxItem.NEW) | Q(due_at__lt=now)).select_related("assigned_to")
    return {**counts, "items": list(waiting.order_by("due_at")[:SHOWN]), "now": now}


def team_progress(person):
    """Per team the person manages: staff and volunteers in it, how many finished the basic modules meant for
    them (``learning.domain.finished_basic``), and the last 30 days' sharing.

    At most seven queries however many teams and people: the teams, their members, who finished (at most four),
    and the shares of the last 30 days.
    """
    teams = list(Team.objects.filter(managers=person).order_by("name"))
    if not teams:
        return []
    staff = (
        User.teams.through.objects.filter(team__in=teams, user__is_active=True)
        .exclude(user__role_assignments__role=CLIENT)
        .values_list("team_id", "user_id")
    )
    members = {}
    for team_id, user_id in staff:
        members.setdefault(team_id, set()).add(user_id)
    everyone = set().union(*members.values())
    finished = finished_basic(person.organisation, User.members.filter(pk__in=everyone)) if everyone else set()
    # The last 30 days rather than this month, which on its first days says nothing yet. Shares keep the
    # sharer's team of the moment, so the figures stay put when people move.
    sharing = {
        row["team_id"]: row
        for row in Share.objects.filter(team__in=teams, created__gte=timezone.now() - timedelta(days=30))
        .values("team_id")
        .annotate(shares=Count("pk"), sharers=Count("person_id", distinct=True))
        .order_by()
    }
    rows = []
    for team in teams:
        people = members.get(team.pk, set())
        done = len(people & finished)
        rows.append(
            {
                "team": team,
                "people": len(people),
                "trained": done,
                "percent": round(100 * done / len(people)) if people else 0,
                "shares": sharing.get(team.pk, {}).get("shares", 0),
                "sharers": sharing.get(team.pk, {}).get("sharers", 0),
            }
        )
    return rows


def help_asked(person):
    """Samen: the help requests the person was asked in and that are not closed, not answered yet first."""
    return Listing.of(help_waiting_for(person).select_related("person"))


def join_requests(person):
    """Samen: the requests to join the ambassador team waiting for a decision, the longest waiting first."""
    return Listing.of(open_join_requests().select_related("person"))


def follow_ups(person):
    """Register entries whose agreed follow-up date has come or is near, and that have no outcome yet.

    Not the entries about the person themselves: a follow-up is for the one who holds the conversation.
    """
    soon = timezone.localdate() + timedelta(days=FOLLOW_UP_DAYS)
    entries = (
        visible_conversations(person)
        .exclude(employee=person)
        .filter(outcome="", follow_up_on__isnull=False, follow_up_on__lte=soon)
        .select_related("employee")
        .order_by("follow_up_on")
    )
    return Listing.of(entries)


def new_items(person):
    """Items that became visible to the person in the last days and that they have not shared yet."""
    since = timezone.now() - timedelta(days=NEW_DAYS)
    items = feed_items(person).filter(starts_at__gte=since, shared=False).order_by("-starts_at", "-pk")
    return Listing.of(items, shown=3)


def own_figures(person):
    """The person's shares (all, and in the last 30 days), the clicks on their links, and of the basic modules
    meant for them (a client is not held to one for staff), how many they finished."""
    month_ago = timezone.now() - timedelta(days=30)
    figures = Share.objects.filter(person=person).aggregate(
        shares=Count("pk", distinct=True),
        recent=Count("pk", distinct=True, filter=Q(created__gte=month_ago)),
        clicks=Count("link__click"),
    )
    modules = [m for m in basic_modules(person.organisation) if m.is_for(person.audience)]
    rows = progress(person, modules).values()
    return {**figures, "modules": len(modules), "modules_done": sum(row["complete"] for row in rows)}


def my_posts(person):
    """Open planned posts the person is responsible for, overdue or due within the week."""
    soon = timezone.now() + timedelta(days=UNFILLED_DAYS)
    posts = PlannedPost.objects.filter(responsible=person, status__in=PlannedPost.OPEN, scheduled_at__lt=soon)
    return Listing.of(posts.select_related("account").order_by("scheduled_at"))


def home_blocks(person):
    """Every block of the person's home page, keyed by name; a block that is not theirs is absent."""
    blocks = {"new_items": new_items(person), "figures": own_figures(person)}
    if is_communications(person):
        blocks["communications"] = communications_block(person)
    if can_manage_accounts(person):
        blocks["owners"] = owners_block(person)
    if can_be_asked_for_help(person):
        # Only the people asked know of a request (community.domain.may_read_help): never a count for others.
        blocks["help"] = help_asked(person)
    if can_lead_ambassadors(person):
        blocks["join"] = join_requests(person)
    if is_webcare(person):
        blocks["webcare"] = webcare_block(person)
    if is_manager(person):
        blocks["teams"] = team_progress(person)
    if can_keep_register(person):
        entries = follow_ups(person)
        # Managers always see where they stand; communications only when one of theirs is due.
        if entries.count or is_manager(person):
            blocks["follow_ups"] = entries
    if can_see_plan(person) and not is_communications(person):
        # Communications sees the whole plan's overdue and unfilled posts above.
        blocks["my_posts"] = my_posts(person)
    return blocks

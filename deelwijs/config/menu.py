"""The main menu: every destination a person may open, the current one marked, and the few of their role.

A desktop shows every entry; a phone shows the role's few destinations and a "More" disclosure with the rest
(a <details>, so it opens without JavaScript). Both are rendered from the one list built here.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from deelwijs.community.models import HelpRequest
from deelwijs.orgs import permissions as rules
from deelwijs.orgs.roles import (
    ADMINISTRATOR,
    AMBASSADOR,
    CLIENT,
    COMMUNICATIONS,
    EMPLOYEE,
    MANAGER,
    VOLUNTEER,
    WEBCARE,
)
from deelwijs.webcare.models import InboxItem

# The phone's first row: per role its destinations, most used first (see primary_keys); Start and Notifications
# are always there.
PRIMARY = 3
BASE_ROLES = {EMPLOYEE, VOLUNTEER, CLIENT}
ROLE_DESTINATIONS = [
    (COMMUNICATIONS, ["content", "story_queue", "planning"]),
    (WEBCARE, ["webcare", "feed", "planning"]),
    (MANAGER, ["insight", "training", "feed"]),
    (ADMINISTRATOR, ["people", "settings", "audit_log"]),
    (AMBASSADOR, ["feed", "planning", "training"]),
    (EMPLOYEE, ["feed", "training", "webcare"]),
    (VOLUNTEER, ["feed", "training", "my_stories"]),
    (CLIENT, ["feed", "training", "my_stories"]),
]


@dataclass
class Entry:
    key: str
    label: str
    url: str
    # The paths that belong to this entry; the longest that matches the page wins (/verhalen/wachtrij/ over
    # /verhalen/). URL names for pages whose path does not say where they belong.
    prefixes: tuple = ()
    names: tuple = ()
    count: int = 0
    count_label: str = ""
    current: bool = False
    # The place on the phone's first row, or None for an entry behind "More".
    primary: int | None = None

    def match(self, path, url_name):
        if url_name and url_name in self.names:
            return 10_000
        return max((len(p) for p in self.prefixes if path == p or (p != "/" and path.startswith(p))), default=0)


@dataclass
class Menu:
    entries: list = field(default_factory=list)

    @property
    def primary(self):
        return sorted((e for e in self.entries if e.primary is not None), key=lambda e: e.primary)

    @property
    def more(self):
        return [e for e in self.entries if e.primary is None]

    @property
    def current_in_more(self):
        return any(e.current for e in self.more)


def _entries(person, unread):
    """Every entry the person may open, in the desktop menu's order."""
    can = rules.template_rules(person)
    entries = [
        Entry("home", _("Home"), reverse("home"), ("/",)),
        Entry("feed", _("Share"), reverse("feed"), ("/delen/",)),
        Entry("my_stories", _("My stories"), reverse("my_stories"), ("/verhalen/",)),
        Entry("training", _("Training"), reverse("modules"), ("/leren/",)),
        Entry("toolkit", _("Toolkit"), reverse("toolkit"), ("/toolkit/",)),
        together(person),
    ]
    if can["can_manage_accounts"]:
        entries += [
            Entry("content", _("Content"), reverse("item_list"), ("/inhoud/",)),
            Entry(
                "story_queue",
                _("Stories"),
                reverse("story_queue"),
                ("/verhalen/wachtrij/",),
                ("story_review", "story_decide"),
            ),
        ]
    if can["can_keep_consent"]:
        entries.append(Entry("consent", _("Photo consent"), reverse("consent_list"), ("/toestemming/",)))
    if can["can_see_plan"]:
        entries.append(Entry("planning", _("Planning"), reverse("calendar"), ("/planning/",)))
    insight = reverse("dashboard") if can["can_see_dashboard"] else reverse("my_figures")
    entries.append(Entry("insight", _("Insight"), insight, ("/inzicht/",)))
    webcare = Entry(
        "webcare",
        _("Webcare"),
        reverse("inbox") if can["can_handle_inbox"] else reverse("report_signal"),
        ("/webcare/",),
    )
    if rules.is_webcare(person):
        webcare.count = InboxItem.objects.filter(status=InboxItem.NEW).count()
        webcare.count_label = ngettext("new item", "new items", webcare.count)
    entries.append(webcare)
    entries.append(
        Entry(
            "notifications",
            _("Notifications"),
            reverse("notifications"),
            ("/meldingen/",),
            count=unread,
            count_label=_("unread"),
        )
    )
    entries.append(Entry("accounts", _("Accounts"), reverse("account_list"), ("/accounts/",)))
    if can["can_see_colleagues"]:
        entries.append(Entry("directory", _("Directory"), reverse("directory"), ("/accounts/gids/",)))
    else:
        entries.append(Entry("directory", _("My handles"), reverse("my_handles"), ("/accounts/gids/",)))
    entries.append(Entry("policy", _("Policy"), reverse("policy"), ("/beleid/",)))
    if can["can_see_teams"]:
        entries.append(Entry("teams", _("Teams"), reverse("teams"), ("/teams/", "/locaties/")))
    if can["can_manage_people"]:
        entries += [
            Entry("people", _("People"), reverse("people"), ("/mensen/", "/privacy/mensen/")),
            Entry("settings", _("Settings"), reverse("settings"), ("/instellingen/",)),
        ]
    if can["can_see_audit"]:
        entries.append(Entry("audit_log", _("Audit log"), reverse("audit_log"), ("/logboek/",)))
    if can["can_see_jobs"]:
        entries.append(
            Entry("jobs", _("Scheduled jobs"), reverse("scheduled_jobs"), ("/instellingen/geplande-taken/",))
        )
    return entries


def together(person):
    """Samen, for everyone; who may be asked for help sees how many requests wait for them (only they see it)."""
    entry = Entry("community", _("Together"), reverse("community"), ("/samen/",))
    if rules.can_be_asked_for_help(person):
        entry.count = HelpRequest.objects.filter(asked=person).exclude(status=HelpRequest.CLOSED).count()
        entry.count_label = ngettext("help request", "help requests", entry.count)
    return entry


def primary_keys(roles, available):
    """The phone's first row for these roles, PRIMARY at most: the specialist roles take turns, and the
    destinations of employee, volunteer and client fill what is left."""
    lists = [keys for role, keys in ROLE_DESTINATIONS if role in roles and role not in BASE_ROLES]
    turns = [[keys[turn] for keys in lists if turn < len(keys)] for turn in range(PRIMARY)]
    base = [keys for role, keys in ROLE_DESTINATIONS if role in roles and role in BASE_ROLES]
    chosen = []
    for key in [key for turn in turns for key in turn] + [key for keys in base for key in keys]:
        if key in available and key not in chosen and len(chosen) < PRIMARY:
            chosen.append(key)
    return ["home", *chosen, "notifications"]


def build(person, path, url_name, unread):
    """The menu for this person on this page."""
    entries = _entries(person, unread)
    scores = [entry.match(path, url_name) for entry in entries]
    best = max(scores, default=0)
    primary = primary_keys(person.roles, {entry.key for entry in entries})
    for entry, score in zip(entries, scores, strict=True):
        entry.current = bool(best) and score == best
        entry.primary = primary.index(entry.key) if entry.key in primary else None
    return Menu(entries)

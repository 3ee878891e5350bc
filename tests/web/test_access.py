"""Every URL against every role: allowed (200), sent to sign-in (302) or forbidden (403)."""

import pytest
from django.urls import reverse

from deelwijs.accounts.models import CorporateAccount, Handle, LocationPageRequest
from deelwijs.orgs.roles import ROLES

ALL = {role for role, _ in ROLES}
COMMS = {"communications", "administrator"}
ADMIN = {"administrator"}
PLAN = {"communications", "administrator", "manager", "ambassador", "employee", "webcare"}
WEBCARE = {"webcare", "communications", "administrator"}
PLANS_TEAM = {"communications", "administrator", "manager", "ambassador"}
# Colleagues' handles and who has access: staff only, never clients and volunteers.
STAFF = ALL - {"client", "volunteer"}

# name, kwargs builder, roles that may GET it
TABLE = [
    ("home", None, ALL),
    ("policy", None, ALL),
    ("people", None, ADMIN),
    ("invite", None, ADMIN),
    ("person_roles", "person", ADMIN),
    ("person_close", "person", ADMIN),
    ("audit_log", None, ADMIN),
    ("teams", None, {"manager", "communications", "administrator"}),
    ("team_new", None, ADMIN),
    ("team_edit", "team", ADMIN),
    ("location_new", None, ADMIN),
    ("location_edit", "location", ADMIN),
    ("settings", None, ADMIN),
    ("retention", None, ADMIN),
    ("scheduled_jobs", None, ADMIN),
    ("account_list", None, ALL),
    ("account_new", None, COMMS),
    ("account_edit", "account", COMMS),
    ("access_matrix", None, STAFF),
    ("page_requests", None, ALL),
    ("page_request_new", None, ALL),
    ("page_request_detail", "own_request", ALL),
    ("directory", None, STAFF),
    ("feed", None, ALL),
    ("story_new", None, ALL),
    ("my_stories", None, ALL),
    ("notifications", None, ALL),
    ("preferences", None, ALL),
    ("story_queue", None, COMMS),
    ("calendar", None, PLAN),
    ("post_new", None, PLANS_TEAM),
    ("post_edit", "post", PLAN),
    ("event_list", None, COMMS),
    ("event_new", None, COMMS),
    ("event_edit", "event", COMMS),
    ("hook_days", None, PLAN),
    ("own_hook_day_new", None, COMMS),
    ("own_hook_day_edit", "own_day", COMMS),
    ("recurring_list", None, PLANS_TEAM),
    ("recurring_new", None, PLANS_TEAM),
    ("recurring_edit", "recurring", PLANS_TEAM),
    ("team_plan", "team", PLAN),
    ("pilot_list", None, PLAN),
    ("pilot_new", None, COMMS),
    ("pilot_evaluation", "pilot", COMMS | {"ambassador"}),
    ("pilot_edit", "pilot", COMMS | {"ambassador"}),
    ("meeting_list", None, COMMS | {"ambassador"}),
    ("meeting_new", None, COMMS),
    ("meeting_edit", "meeting", COMMS | {"ambassador"}),
    ("calendar_feeds", None, PLAN),
    ("dashboard", None, {"manager", "communications", "administrator"}),
    ("dashboard_csv", None, {"manager", "communications", "administrator"}),
    ("my_figures", None, ALL),
    ("leaderboard", None, ALL),
    ("reports", None, COMMS),
    ("report_signal", None, ALL),
    ("my_signals", None, ALL),
    ("inbox", None, WEBCARE),
    ("webcare_overview", None, WEBCARE),
    ("sources", None, WEBCARE),
    ("source_new", None, COMMS),
    ("source_edit", "source", COMMS),
    ("response_templates", None, WEBCARE),
    ("response_template_new", None, WEBCARE),
    ("response_template_edit", "response_template", WEBCARE),
    ("register", None, ALL),
    ("conversation_new", None, {"manager", "communications"}),
    ("modules", None, ALL),
    ("team_plans", None, ALL),
    ("manage_modules", None, COMMS),
    ("module_new", None, COMMS),
    ("learning_progress", None, {"manager", "communications", "administrator"}),
    ("learning_progress_csv", None, {"manager", "communications", "administrator"}),
    ("story_review", "story", COMMS),
    ("share", "item", ALL),
    ("item_list", None, COMMS),
    ("item_new", None, COMMS),
    ("item_edit", "item", COMMS),
    ("my_handles", None, ALL),
    ("follow_team", None, STAFF),
]


@pytest.fixture
def objects(org, people):
    account = CorporateAccount.objects.create(organisation=org, platform="x", handle="test")
    from deelwijs.content.models import ContentItem
    from deelwijs.orgs.models import Location, Team
    from deelwijs.stories.models import Story

    item = ContentItem.objects.create(organisation=org, title="Voor iedereen")
    item.set_roles([role for role, _ in ROLES])
    item.save()
    story = Story.objects.create(organisation=org, author=people["employee"], text="Verhaal")
    team = Team.objects.get(organisation=org)
    from datetime import date

    from django.utils import timezone

    from deelwijs.planning.models import Event, Meeting, OwnHookDay, Pilot, PlannedPost, RecurringActivity

    now = timezone.now()
    planning = {
        "post": PlannedPost.objects.create(
            organisation=org,
            title="Foto",
            account=account,
            scheduled_at=now,
            team=team,
            responsible=people["communications"],
        ),
        "event": Event.objects.create(organisation=org, title="Open dag", starts_at=now, ends_at=now),
        "own_day": OwnHookDay.objects.create(organisation=org, name="Jubileum", day=date(2026, 6, 1)),
        "recurring": RecurringActivity.objects.create(
            organisation=org, title="Foto van de week", team=team, account=account
        ),
        "pilot": Pilot.objects.create(
            organisation=org,
            title="Proeftuin",
            goals="Meer delen",
            starts_on=date(2026, 9, 1),
            ends_on=date(2026, 10, 1),
            lead_communications=people["communications"],
            lead_ambassador=people["ambassador"],
        ),
        "meeting": Meeting.objects.create(organisation=org, title="Overleg", starts_at=now),
    }
    from deelwijs.webcare.models import ResponseTemplate, Source

    planning["source"] = Source.objects.create(organisation=org, name="Nieuws", url="https://x.example/rss")
    planning["response_template"] = ResponseTemplate.objects.create(organisation=org, title="Dank", text="Dank je")
    return {
        "person": people["employee"],
        "account": account,
        "item": item,
        "story": story,
        "team": team,
        "location": Location.objects.get(organisation=org),
        **planning,
    }


def url_for(name, kind, objects, person, org):
    if kind is None:
        return reverse(name)
    if kind == "own_request":
        obj = LocationPageRequest.objects.create(
            organisation=org,
            requested_by=person,
            platform="facebook",
            name="Pagina",
            purpose="x",
            audience="x",
            editors="x",
        )
        return reverse(name, kwargs={"pk": obj.pk})
    return reverse(name, kwargs={"pk": objects[kind].pk})


@pytest.mark.parametrize("name, kind, allowed", TABLE)
@pytest.mark.parametrize("role", sorted(ALL))
def test_each_role_gets_what_the_table_says(client, org, people, objects, name, kind, allowed, role):
    person = people[role]
    client.force_login(person)
    response = client.get(url_for(name, kind, objects, person, org))
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("name, kind, allowed", TABLE)
def test_anonymous_visitors_are_sent_to_sign_in(client, org, people, objects, name, kind, allowed):
    response = client.get(url_for(name, kind, objects, people["employee"], org))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name, kind", [(n, k) for n, k, _ in TABLE if k])
def test_it_rejects_other_organisation(client, org, people, objects, outsider, name, kind):
    client.force_login(outsider)
    response = client.get(url_for(name, kind, objects, people["employee"], org))
    assert response.status_code == 404


def test_all_url_names_are_in_the_table():
    from deelwijs.accounts.urls import urlpatterns as account_patterns
    from deelwijs.config.urls import urlpatterns

    names = {p.name for p in urlpatterns + account_patterns if getattr(p, "name", None)}
    # Public or tested on their own: sign-in, reset, invitation, second step, POST-only steps.
    covered = {n for n, _, _ in TABLE} | {
        "login",
        "logout",
        "page_request_step",
        "handle_delete",
        "handle_visibility",
        "person_close_confirm",  # closing and reopening: test_offboarding.py
        "person_reopen",
        "person_reopen_confirm",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "accept_invitation",
        "two_factor",
        "sso_lookup",
        "sso_start",
        "sso_callback",
        "check_api",
        "share_go",
        "tracked_link",
        "story_decide",
        "import_news",
        "module",
        "step",
        "certificate",
        "module_edit",
        "step_new",
        "step_edit",
        "post_move",
        "ical",
        "report_download",
        "inbox_item",
        "check_answer",
        "escalate",
        "source_poll",
        "conversation",  # inbox items and register entries answer 404/403 by who may see them: test_webcare.py
        # Files answer 404 to whoever may not see their object, anonymous visitors too: test_files.py.
        "item_image",
        "public_image",
        "story_photo",
        "post_image",
        "inbox_screenshot",
    }
    assert names <= covered, names - covered


def test_the_sign_in_page_is_public(client, db):
    assert client.get(reverse("login")).status_code == 200


def test_a_person_lists_and_removes_only_their_own_handles(client, people):
    other = Handle.objects.create(user=people["manager"], platform="x", handle="marieke")
    client.force_login(people["employee"])
    client.post(reverse("handle_delete", kwargs={"pk": other.pk}))
    assert Handle.objects.filter(pk=other.pk).exists()

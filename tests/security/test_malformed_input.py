"""Hostile and malformed input never breaks a page: every list and filter view, every parameter, never a 500.

A view is one line in VIEWS. Its parameters come from its filter forms, so a new filter field is covered
without touching this file; parameters a view reads outside a form (the page number) are named beside them.
"""

from urllib.parse import quote

import pytest
from django.urls import reverse

from deelwijs.content.forms import FeedFilter
from deelwijs.content.models import Campaign, ContentItem, Topic
from deelwijs.insight.forms import LeaderboardFilter
from deelwijs.insight.views import DashboardFilter
from deelwijs.orgs.forms import PeopleFilter, SSOLookupForm
from deelwijs.planning.forms import CalendarFeedForm, CalendarPeriodForm, NewPostStart
from deelwijs.planning.views import CalendarFilter
from deelwijs.toolkit.forms import HandleCheckForm, LibraryFilter
from deelwijs.webcare.forms import InboxFilter

# Raw query-string values (already percent-encoded where they need to be), sent as they are.
MALFORMED = {
    "letters": "abc",
    "huge": "99999999999999999999",
    "negative": "-1",
    "zero": "0",
    "empty": "",
    "fraction": "1.5",
    "emoji": "%F0%9F%92%A9",
    "rtl marks": quote("\u200f\u202e1\u202c"),
    "not utf-8": "%FF%FE",
    "nul": "%00",
    "nul after digit": "1%00",
    "long": "9" * 10_000,
    "long letters": "x" * 10_000,
    "sql": quote("1' OR '1'='1"),
    "sql drop": quote("1; DROP TABLE orgs_user;--"),
    "far future date": "9999-12-31",
    "first date": "0001-01-01",
    "year zero": "0000-01",
    "quarter five": "2026-Q5",
    "unicode digits": quote("٢٠٢٦-٠١"),
    "superscript digit": quote("²"),
    "array": "%5B%5D",
}

# Views without a filter form still get stray parameters: they must ignore them.
STRAY = ["pagina", "team", "view"]

# url name, parameters (filter forms and/or parameter names), persona (a role of tests/conftest.py, None: anonymous)
VIEWS = [
    ("feed", [FeedFilter, "pagina"], "employee"),
    ("item_list", ["pagina"], "communications"),
    ("calendar", [CalendarPeriodForm, CalendarFilter], "communications"),
    ("calendar", [CalendarPeriodForm, CalendarFilter], "ambassador"),
    ("post_new", [NewPostStart, "next"], "communications"),
    ("dashboard", [DashboardFilter], "communications"),
    ("dashboard", [DashboardFilter], "manager"),
    ("dashboard_csv", [DashboardFilter], "communications"),
    ("leaderboard", [LeaderboardFilter], "employee"),
    ("inbox", [InboxFilter], "webcare"),
    ("sso_lookup", [SSOLookupForm], None),
    ("home", STRAY, "employee"),
    ("people", [PeopleFilter, *STRAY], "administrator"),
    ("teams", STRAY, "manager"),
    ("audit_log", STRAY, "administrator"),
    ("directory", STRAY, "employee"),
    ("account_list", STRAY, "employee"),
    ("access_matrix", STRAY, "employee"),
    ("page_requests", STRAY, "communications"),
    ("my_stories", STRAY, "employee"),
    ("story_queue", STRAY, "communications"),
    ("notifications", STRAY, "employee"),
    ("my_signals", STRAY, "employee"),
    ("webcare_overview", STRAY, "webcare"),
    ("sources", STRAY, "webcare"),
    ("response_templates", STRAY, "webcare"),
    ("register", STRAY, "manager"),
    ("my_figures", STRAY, "employee"),
    ("reports", STRAY, "communications"),
    ("event_list", STRAY, "communications"),
    ("hook_days", STRAY, "employee"),
    ("recurring_list", STRAY, "manager"),
    ("pilot_list", STRAY, "communications"),
    ("meeting_list", STRAY, "ambassador"),
    ("calendar_feeds", STRAY, "employee"),
    ("modules", STRAY, "employee"),
    ("learning_progress", STRAY, "manager"),
    ("learning_progress_csv", STRAY, "communications"),
    ("team_plans", STRAY, "employee"),
    ("manage_modules", STRAY, "communications"),
    ("toolkit", STRAY, "employee"),
    ("toolkit_tone", STRAY, "client"),
    ("toolkit_library", [LibraryFilter, "pagina"], "employee"),
    ("toolkit_profile", [HandleCheckForm], "volunteer"),
    ("toolkit_formats", STRAY, "employee"),
    ("toolkit_manage", STRAY, "communications"),
    ("community", STRAY, "client"),
    ("community_talk", STRAY, "ambassador"),
    ("questions", STRAY, "employee"),
    ("help_requests", STRAY, "manager"),
    ("join_requests", STRAY, "communications"),
    ("buddies", STRAY, "communications"),
    ("online", STRAY, "volunteer"),
]

# The POST forms that take an id from the page: url name, form, persona.
POSTS = [
    ("calendar_feeds", CalendarFeedForm, "employee"),
]

OK = {200, 302, 400}


def parameters(spec):
    names = []
    for part in spec:
        names.extend(part.base_fields if isinstance(part, type) else [part])
    return list(dict.fromkeys(names))


def case_id(name, spec, persona):
    return f"{name}-{persona or 'anonymous'}"


def queries(names):
    """Per parameter every malformed value alone, the parameter repeated, and all parameters malformed at once."""
    for name in names:
        for label, value in MALFORMED.items():
            yield f"{name}={label}", f"{name}={value}"
        yield f"{name} repeated", f"{name}=1&{name}=x&{name}=%00"
    for label, value in MALFORMED.items():
        yield f"all={label}", "&".join(f"{name}={value}" for name in names)


def failures(client, method, url, names, persona_label):
    bad = []
    for label, query in queries(names):
        if method == "get":
            response = client.get(f"{url}?{query}")
        else:
            response = client.post(url, query, content_type="application/x-www-form-urlencoded")
        if response.status_code not in OK:
            bad.append(f"{method.upper()} {url} {label} as {persona_label}: {response.status_code}")
    return bad


@pytest.fixture
def hostile_client(client, people):
    client.raise_request_exception = False  # a crash must show as its 500, so every case is reported

    def sign_in(persona):
        client.logout()
        if persona:
            client.force_login(people[persona])
        return client

    return sign_in


def test_every_parameter_of_every_view_is_covered():
    """Guard against a filter form without fields (or a typo) silently testing nothing."""
    for name, spec, _persona in VIEWS:
        assert parameters(spec), name
        reverse(name)


@pytest.mark.parametrize(("name", "spec", "persona"), VIEWS, ids=[case_id(*v) for v in VIEWS])
def test_malformed_query_strings_never_give_a_500(hostile_client, name, spec, persona):
    client = hostile_client(persona)
    url = reverse(name)
    assert client.get(url).status_code in OK, "the view itself must work for this persona"
    assert failures(client, "get", url, parameters(spec), persona or "anonymous") == []


@pytest.mark.parametrize(("name", "form", "persona"), POSTS, ids=[case_id(*p) for p in POSTS])
def test_malformed_posted_ids_never_give_a_500(hostile_client, name, form, persona):
    client = hostile_client(persona)
    assert failures(client, "post", reverse(name), parameters([form]), persona) == []


def test_a_bad_team_id_in_the_feed_form_is_refused_in_dutch(hostile_client):
    response = hostile_client("employee").post(reverse("calendar_feeds"), {"team": "abc"})
    assert response.status_code == 400
    assert "Kies een van je teams." in response.content.decode()


# The page keeps what was valid
def test_the_feed_keeps_a_valid_topic_when_the_campaign_is_malformed(client, org, people):
    topic = Topic.objects.create(organisation=org, name="Vacatures")
    Campaign.objects.create(organisation=org, name="Zomer")
    for title, topics in (("Vacature", [topic]), ("Nieuws", [])):
        item = ContentItem.objects.create(organisation=org, title=title)
        item.topics.set(topics)
    client.force_login(people["employee"])
    response = client.get(reverse("feed") + f"?onderwerp={topic.pk}&campagne=abc")
    assert response.status_code == 200
    assert [i.title for i in response.context["page"]] == ["Vacature"]


def test_another_organisations_topic_is_ignored_not_applied(client, org, other_org, people):
    theirs = Topic.objects.create(organisation=other_org, name="Van hen")
    ContentItem.objects.create(organisation=org, title="Van ons")
    client.force_login(people["employee"])
    response = client.get(reverse("feed") + f"?onderwerp={theirs.pk}")
    assert [i.title for i in response.context["page"]] == ["Van ons"]
    assert "Van hen" not in response.content.decode()


def test_the_calendar_keeps_its_view_and_valid_filters_when_the_date_is_out_of_range(client, people):
    team = people["communications"].teams.get()
    client.force_login(people["communications"])
    response = client.get(reverse("calendar") + f"?view=week&date=9999-12-31&team={team.pk}&account=abc")
    assert response.status_code == 200
    assert response.context["mode"] == "week"
    assert response.context["filters"].cleaned_data["team"] == team


def test_the_dashboard_keeps_a_valid_team_when_the_period_is_malformed(client, people):
    team = people["communications"].teams.get()
    client.force_login(people["communications"])
    response = client.get(reverse("dashboard") + f"?period=0000-01&team={team.pk}")
    assert response.status_code == 200
    assert response.context["form"].cleaned_data["team"] == team


def test_the_leaderboard_falls_back_to_the_current_period(client, people):
    client.force_login(people["employee"])
    response = client.get(reverse("leaderboard") + "?period=0000-01")
    assert response.status_code == 200
    assert response.context["period"].key == response.context["choices"][0][0]

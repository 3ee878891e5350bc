"""The home page per role: what needs doing, what is new, one's own figures; and the menu on every page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijs.accounts.models import CorporateAccount
from deelwijs.community.models import HelpRequest, JoinRequest
from deelwijs.learning.content import install_modules
from deelwijs.learning.models import Answer, Step
from deelwijs.orgs.models import Notification, Team
from deelwijs.planning.models import PlannedPost
from deelwijs.sharing.models import Share
from deelwijs.stories.models import Story
from deelwijs.webcare.models import Conversation, InboxItem

from ..conftest import make_person
from .test_content import make_item

# The headings of the blocks, as the Dutch page says them.
COMMUNICATIONS = "Voor communicatie"
OWNERS = "minder dan twee eigenaren"
WEBCARE = "Webcare-inbox"
TEAMS = "Jouw teams"
FOLLOW_UPS = "Vervolg van gesprekken"
NEW = "Nieuw in je feed"
FIGURES = "Jouw cijfers"
MY_POSTS = "van jou"
HELP = "wachten op jou"
JOIN = "willen bij het ambassadeursteam"
BLOCKS = {
    "communications": {COMMUNICATIONS, OWNERS, HELP, JOIN},
    "administrator": {OWNERS, JOIN},
    "webcare": {WEBCARE},
    "manager": {TEAMS, FOLLOW_UPS, HELP},
    "ambassador": {MY_POSTS},
    "employee": set(),
    "volunteer": set(),
    "client": set(),
}
EVERY_BLOCK = set().union(*BLOCKS.values())


def fill(org, people, n=1, tag=""):
    """n of everything a home page lists: stories, posts, an account short of owners, inbox items, follow-ups,
    help requests (of the employee, to their manager and communications) and requests to join (two of each, so
    the headings are plural)."""
    now = timezone.now()
    for i in range(2 * n):
        asked = HelpRequest.objects.create(
            organisation=org, person=people["employee"], what_happened=f"Vertrouwelijk {tag}{i}"
        )
        asked.asked.set([people["manager"], people["communications"]])
        newcomer = make_person(org, "employee", email=f"aanmelding{tag}{i}@test.test")
        JoinRequest.objects.create(organisation=org, person=newcomer, motivation=f"Graag {tag}{i}")
    for i in range(n):
        Story.objects.create(organisation=org, author=people["employee"], text=f"Verhaal {i} over de tuin.")
        PlannedPost.objects.create(
            organisation=org, title=f"Te laat {i}", text="Klaar.", scheduled_at=now - timedelta(hours=2 + i)
        )
        PlannedPost.objects.create(
            organisation=org,
            title=f"Leeg {i}",
            scheduled_at=now + timedelta(days=1, hours=i),
            responsible=people["communications"],
        )
        PlannedPost.objects.create(
            organisation=org,
            title=f"Van de ambassadeur {i}",
            text="Bijna klaar.",
            scheduled_at=now + timedelta(days=2, hours=i),
            responsible=people["ambassador"],
        )
        CorporateAccount.objects.create(organisation=org, platform="x", handle=f"alleen{tag}{i}")
        InboxItem.objects.create(
            organisation=org, kind="signal", text=f"Nieuwe melding {i}", reporter=people["employee"]
        )
        InboxItem.objects.create(
            organisation=org,
            kind="mention",
            text=f"Over tijd {i}",
            status=InboxItem.IN_PROGRESS,
            created=now - timedelta(days=3, hours=i),
            assigned_to=people["webcare"],
        )
        Conversation.objects.create(
            organisation=org,
            employee=people["employee"],
            recorded_by=people["manager"],
            post="Een bericht over het werk",
            conversation="We spraken af dat het anders kan.",
            follow_up=f"Nog eens bespreken ({i})",
            follow_up_on=timezone.localdate() + timedelta(days=i),
        )
        make_item(org, f"Nieuw item {i}", starts_at=now - timedelta(hours=1 + i))


def home(client, person):
    client.force_login(person)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def text_of(response):
    return response.content.decode()


@pytest.mark.parametrize("role", list(BLOCKS))
def test_each_role_sees_its_own_blocks_and_no_others(client, people, org, role):
    fill(org, people)
    html = text_of(home(client, people[role]))
    assert NEW in html and FIGURES in html  # everyone
    for heading in BLOCKS[role]:
        assert heading in html, heading
    for heading in EVERY_BLOCK - BLOCKS[role]:
        assert heading not in html, heading


def test_a_person_with_several_roles_sees_each_block(client, people, org):
    from deelwijs.orgs import domain

    fill(org, people)
    person = people["webcare"]
    domain.set_roles(None, person, ["webcare", "manager", "communications"])
    Team.objects.get().managers.add(person)
    html = text_of(home(client, person))
    for heading in (COMMUNICATIONS, OWNERS, WEBCARE, TEAMS, FOLLOW_UPS, NEW, FIGURES):
        assert heading in html, heading


def test_communications_sees_waiting_stories_and_overdue_and_unfilled_posts(client, people, org):
    fill(org, people, n=2)
    Story.objects.create(organisation=org, author=people["employee"], text="Al besloten.", status=Story.APPROVED)
    PlannedPost.objects.create(
        organisation=org, title="Gepubliceerd", scheduled_at=timezone.now() - timedelta(hours=1), status="published"
    )
    PlannedPost.objects.create(
        organisation=org, title="Ver weg", scheduled_at=timezone.now() + timedelta(days=30)
    )  # no text, but far off
    response = home(client, people["communications"])
    block = response.context["blocks"]["communications"]
    assert block["stories"].count == 2 and "Al besloten." not in text_of(response)
    assert [p.title for p in block["overdue"].rows] == ["Te laat 1", "Te laat 0"]  # the oldest first
    # Unfilled: no text yet (the "Leeg" posts), within the week; the ambassador's post has a text and someone.
    assert [p.title for p in block["unfilled"].rows] == ["Leeg 0", "Leeg 1"]
    html = text_of(response)
    assert "2 verhalen wachten op je besluit" in html and reverse("story_review", args=[Story.objects.first().pk])
    assert "nog geen tekst" in html and "Ver weg" not in html and "Gepubliceerd" not in html


def test_the_owners_warning_is_on_the_home_page_only(client, people, org):
    account = CorporateAccount.objects.create(organisation=org, platform="x", handle="alleen")
    account.owners.add(people["communications"])
    CorporateAccount.objects.create(organisation=org, platform="facebook", handle="goed").owners.add(
        people["communications"], people["administrator"]
    )
    client.force_login(people["communications"])
    response = client.get(reverse("home"))
    html = text_of(response)
    assert response.context["blocks"]["owners"].count == 1 and OWNERS in html
    assert reverse("account_edit", args=[account.pk]) in html and "goed" not in html
    for name in ("feed", "directory", "policy"):
        assert OWNERS not in text_of(client.get(reverse(name))), name
    client.force_login(people["employee"])
    assert OWNERS not in text_of(client.get(reverse("home")))


def test_webcare_sees_new_and_overdue_items_overdue_first(client, people, org):
    fill(org, people, n=2)
    InboxItem.objects.create(organisation=org, kind="signal", text="Afgehandeld", status=InboxItem.CLOSED)
    response = home(client, people["webcare"])
    block = response.context["blocks"]["webcare"]
    assert (block["new"], block["overdue"], block["mine"]) == (2, 2, 2)
    assert [str(i) for i in block["items"]][:2] == ["Over tijd 1", "Over tijd 0"]
    html = text_of(response)
    assert "Afgehandeld" not in html and reverse("inbox_item", args=[block["items"][0].pk]) in html


def test_a_manager_sees_training_and_sharing_per_team_and_follow_ups(client, people, org):
    install_modules(org)
    team = Team.objects.get()
    Team.objects.create(organisation=org, name="Ander team")  # not theirs
    for step in Step.objects.filter(module__basic=True, module__published=True):
        Answer.objects.create(person=people["employee"], step=step, value={"read": True})
    item = make_item(org)
    for n, person in enumerate([people["employee"]] * 6 + [people["ambassador"]]):
        Share.objects.create(organisation=org, person=person, item=item, network="x", text=f"{n}", team=team)
    long_ago = Share.objects.create(organisation=org, person=people["manager"], item=item, network="x", team=team)
    Share.objects.filter(pk=long_ago.pk).update(created=timezone.now() - timedelta(days=31))
    fill(org, people)
    Conversation.objects.create(
        organisation=org,
        employee=people["ambassador"],
        recorded_by=people["manager"],
        post="Iets",
        conversation="Besproken.",
        follow_up_on=timezone.localdate() - timedelta(days=1),
        outcome="Opgelost.",  # done: no follow-up any more
    )
    response = home(client, people["manager"])
    [row] = response.context["blocks"]["teams"]
    staff = len(people) - 1  # everyone in the team but the client
    assert (row["team"], row["people"], row["trained"], row["shares"], row["sharers"]) == (team, staff, 1, 7, 2)
    html = text_of(response)
    assert "Ander team" not in html and "7 deelacties, door 2 mensen" in html
    follow_ups = response.context["blocks"]["follow_ups"]
    assert follow_ups.count == 1 and follow_ups.rows[0].employee == people["employee"]


def test_new_items_are_recent_unshared_and_meant_for_the_person(client, people, org):
    now = timezone.now()
    make_item(org, "Voor het personeel", starts_at=now - timedelta(hours=1))
    make_item(org, "Voor cliënten", roles=["client"], starts_at=now - timedelta(hours=2))
    make_item(org, "Van vorige maand", roles=["client"], starts_at=now - timedelta(days=20))
    shared = make_item(org, "Al gedeeld", roles=["client"], starts_at=now - timedelta(hours=3))
    Share.objects.create(organisation=org, person=people["client"], item=shared, network="x", text="Mooi")
    html = text_of(home(client, people["client"]))
    assert "Voor cliënten" in html
    for title in ("Voor het personeel", "Van vorige maand", "Al gedeeld"):
        assert title not in html, title
    assert "Voor het personeel" in text_of(home(client, people["employee"]))


def test_own_figures_count_shares_clicks_and_basic_modules(client, people, org):
    from deelwijs.sharing.models import Click, TrackedLink

    install_modules(org)
    item = make_item(org)
    old = Share.objects.create(organisation=org, person=people["employee"], item=item, network="x", text="a")
    Share.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=60))
    recent = Share.objects.create(organisation=org, person=people["employee"], item=item, network="x", text="b")
    link = TrackedLink.objects.create(share=recent, target_url="https://www.lindehof.example/")
    Click.objects.bulk_create([Click(link=link, day=timezone.localdate(), visitor=f"v{i}") for i in range(3)])
    Share.objects.create(organisation=org, person=people["ambassador"], item=item, network="x", text="c")
    figures = home(client, people["employee"]).context["blocks"]["figures"]
    assert (figures["shares"], figures["recent"], figures["clicks"]) == (2, 1, 3)
    assert figures["modules"] == 3 and figures["modules_done"] == 0


def test_a_client_sees_nothing_meant_for_staff(client, people, org):
    fill(org, people, n=2)
    html = text_of(home(client, people["client"]))
    for staff_only in (
        "Verhaal 0",
        "Te laat 0",
        "Nieuwe melding 0",
        "alleen0",
        "Nog eens bespreken",
        "Nieuw item 0",  # items without roles are for staff
        reverse("inbox"),
        reverse("story_queue"),
        f'href="{reverse("directory")}"',
        reverse("calendar"),
    ):
        assert staff_only not in html, staff_only


def query_count(client, person):
    client.force_login(person)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", list(BLOCKS))
def test_the_home_page_costs_the_same_queries_with_more_to_do(client, people, org, role):
    install_modules(org)
    fill(org, people, n=1)
    few = query_count(client, people[role])
    fill(org, people, n=7, tag="meer")  # more than a block lists
    many = query_count(client, people[role])
    assert few == many
    assert many <= 30


# The menu
def menu_of(response):
    return response.context["menu"]


@pytest.mark.parametrize(
    "role, destinations",
    [
        ("communications", ["home", "content", "story_queue", "planning", "notifications"]),
        ("webcare", ["home", "webcare", "feed", "planning", "notifications"]),
        ("manager", ["home", "insight", "training", "feed", "notifications"]),
        ("administrator", ["home", "people", "settings", "audit_log", "notifications"]),
        ("ambassador", ["home", "feed", "planning", "training", "notifications"]),
        ("employee", ["home", "feed", "training", "webcare", "notifications"]),
        ("client", ["home", "feed", "training", "my_stories", "notifications"]),
    ],
)
def test_the_phone_menu_shows_the_few_destinations_of_the_role(client, people, role, destinations):
    menu = menu_of(home(client, people[role]))
    assert [entry.key for entry in menu.primary] == destinations
    # The desktop has them all; "More" the rest.
    assert {e.key for e in menu.primary} | {e.key for e in menu.more} == {e.key for e in menu.entries}


def test_several_roles_take_turns_in_the_phone_menu(client, people):
    from deelwijs.orgs import domain

    person = people["webcare"]
    domain.set_roles(None, person, ["communications", "webcare", "employee"])
    menu = menu_of(home(client, person))
    assert [entry.key for entry in menu.primary] == ["home", "content", "webcare", "story_queue", "notifications"]


@pytest.mark.parametrize(
    "name, args, current",
    [
        ("home", [], "home"),
        ("feed", [], "feed"),
        ("story_queue", [], "story_queue"),
        ("story_new", [], "my_stories"),
        ("scheduled_jobs", [], "jobs"),
        ("settings", [], "settings"),
        ("my_handles", [], "directory"),
        ("account_list", [], "accounts"),
        ("report_signal", [], "webcare"),
        ("preferences", [], None),
    ],
)
def test_the_menu_marks_the_current_page(client, people, name, args, current):
    from deelwijs.orgs import domain

    person = people["administrator"]
    domain.set_roles(None, person, ["administrator", "communications"])
    client.force_login(person)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    marked = [entry.key for entry in menu_of(response).entries if entry.current]
    assert marked == ([current] if current else [])
    if current:
        entry = next(e for e in menu_of(response).entries if e.current)
        assert f'<a href="{entry.url}" aria-current="page">' in text_of(response)


def test_a_story_under_review_marks_stories_not_my_stories(client, people, org):
    story = Story.objects.create(organisation=org, author=people["employee"], text="Een mooi verhaal.")
    client.force_login(people["communications"])
    menu = menu_of(client.get(reverse("story_review", args=[story.pk])))
    assert [entry.key for entry in menu.entries if entry.current] == ["story_queue"]


def test_the_menu_counts_unread_notices_and_new_inbox_items_for_webcare(client, people, org):
    Notification.objects.create(person=people["webcare"], text="Een")
    Notification.objects.create(person=people["webcare"], text="Twee")
    Notification.objects.create(person=people["webcare"], text="Gelezen", read=True)
    InboxItem.objects.create(organisation=org, kind="signal", text="Nieuw")
    InboxItem.objects.create(organisation=org, kind="signal", text="Bezig", status=InboxItem.IN_PROGRESS)
    response = home(client, people["webcare"])
    counts = {entry.key: entry.count for entry in menu_of(response).entries}
    assert counts["notifications"] == 2 and counts["webcare"] == 1
    assert '2<span class="sr-only"> ongelezen</span>' in text_of(response)
    assert '1<span class="sr-only"> nieuw item</span>' in text_of(response)
    # Communications may open the inbox too, but its count is webcare's.
    counts = {entry.key: entry.count for entry in menu_of(home(client, people["communications"])).entries}
    assert counts["webcare"] == 0


def test_the_phone_menu_opens_more_without_javascript(client, people):
    html = text_of(home(client, people["employee"]))
    phone = html[html.index('class="menu menu-phone"') : html.index("</nav>", html.index('class="menu menu-phone"'))]
    assert "<details" in phone and "<summary>Meer</summary>" in phone
    assert reverse("toolkit") in phone and reverse("preferences") in phone


def test_the_pages_link_the_icons(client, people):
    html = text_of(home(client, people["employee"]))
    for name in ("deelwijs.svg", "deelwijs-192.png", "apple-touch-icon.png", "manifest.webmanifest"):
        assert f"/static/{name}" in html or f"/static/icons/{name}" in html or f"/{name}" in html, name
    client.logout()
    signed_out = text_of(client.get(reverse("login")))
    assert 'rel="icon"' in signed_out and 'rel="apple-touch-icon"' in signed_out


# The icon
def test_the_committed_icons_are_what_the_drawing_makes():
    from PIL import Image, ImageChops, ImageStat

    from deelwijs.common.icons import ICONS, RENDITIONS, draw

    for name, (size, full_bleed) in RENDITIONS.items():
        with Image.open(ICONS / name) as committed:
            assert committed.size == (size, size), name
            difference = ImageChops.difference(committed.convert("RGBA"), draw(size, full_bleed))
            # Another Pillow may round an edge pixel differently; a changed drawing differs everywhere.
            assert max(ImageStat.Stat(difference).mean) < 1, f"{name}: run make icons"


def test_the_svg_and_the_manifest_name_files_that_exist():
    import json
    from xml.etree import ElementTree

    from deelwijs.common.icons import ICONS

    svg = ElementTree.parse(ICONS / "deelwijs.svg").getroot()
    assert svg.get("viewBox") == "0 0 100 100"
    manifest = json.loads((ICONS.parent / "manifest.webmanifest").read_text())
    assert manifest["start_url"] == "/" and manifest["lang"] == "nl"
    for icon in manifest["icons"]:
        assert (ICONS.parent / icon["src"]).is_file(), icon["src"]
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}


def test_a_volunteer_is_trained_when_the_basic_modules_meant_for_volunteers_are_done(client, people, org):
    from deelwijs.learning.models import Module

    install_modules(org)
    Module.objects.filter(organisation=org, number=3).update(audiences=["staff"])  # basic, for staff only
    for step in Step.objects.filter(module__number__in=[1, 2]):
        Answer.objects.create(person=people["volunteer"], step=step, value={"read": True})
        Answer.objects.create(person=people["employee"], step=step, value={"read": True})
    [row] = home(client, people["manager"]).context["blocks"]["teams"]
    assert row["people"] == len(people) - 1 and row["trained"] == 1  # the volunteer; the employee has module 3 to do
    figures = home(client, people["volunteer"]).context["blocks"]["figures"]
    assert (figures["modules"], figures["modules_done"]) == (2, 2)
    figures = home(client, people["employee"]).context["blocks"]["figures"]
    assert (figures["modules"], figures["modules_done"]) == (3, 2)


def test_a_client_counts_only_the_basic_modules_meant_for_clients(client, people, org):
    install_modules(org)  # module 3 of the starting set is for staff and volunteers
    for step in Step.objects.filter(module__number__in=[1, 2]):
        Answer.objects.create(person=people["client"], step=step, value={"read": True})
    html = text_of(home(client, people["client"]))
    figures = home(client, people["client"]).context["blocks"]["figures"]
    assert (figures["modules"], figures["modules_done"]) == (2, 2) and "2 van 2" in html


def help_request(org, person, asked, text, status=HelpRequest.OPEN, days_ago=0):
    made = HelpRequest.objects.create(
        organisation=org,
        person=person,
        what_happened=text,
        status=status,
        created=timezone.now() - timedelta(days=days_ago),
    )
    made.asked.set(asked)
    return made


def test_only_the_people_asked_see_a_help_request_waiting_on_their_home(client, people, org):
    being_helped = help_request(
        org, people["employee"], [people["manager"]], "Al opgepakt", HelpRequest.IN_PROGRESS, days_ago=5
    )
    waiting = help_request(org, people["ambassador"], [people["manager"]], "Nog niemand", days_ago=1)
    help_request(org, people["volunteer"], [people["manager"]], "Klaar", HelpRequest.CLOSED)
    help_request(org, people["client"], [people["communications"]], "Voor communicatie")
    response = home(client, people["manager"])
    block = response.context["blocks"]["help"]
    assert block.count == 2 and block.rows == [waiting, being_helped]  # not answered yet first
    html = text_of(response)
    assert "2 hulpvragen wachten op jou" in html and "Hulpvraag van Ambassador Test" in html
    assert reverse("help_request", args=[waiting.pk]) in html and reverse("help_requests") in html
    for confidential in ("Nog niemand", "Al opgepakt", "Klaar", "Voor communicatie", "Client Test"):
        assert confidential not in html, confidential  # what happened stays in the request itself
    # Communications sees the one it was asked in, not the manager's; the administrator sees none.
    assert home(client, people["communications"]).context["blocks"]["help"].count == 1
    for role in ("administrator", "employee", "ambassador", "volunteer", "client", "webcare"):
        html = text_of(home(client, people[role]))
        assert HELP not in html and "wacht op jou" not in html and "Hulpvraag van" not in html, role


def test_a_closed_account_that_asked_for_help_is_not_named(client, people, org):
    from deelwijs.orgs.models import User

    help_request(org, people["employee"], [people["manager"]], "Iets")
    User.objects.filter(pk=people["employee"].pk).update(is_active=False)
    html = text_of(home(client, people["manager"]))
    assert "Hulpvraag van Voormalig medewerker" in html and "Employee Test" not in html.split("h-help", 1)[1][:600]


def test_who_leads_the_ambassadors_sees_the_requests_to_join_on_their_home(client, people, org):
    newcomer = make_person(org, "employee", email="nieuw@test.test")
    waiting = JoinRequest.objects.create(organisation=org, person=newcomer, motivation="Ik vertel graag")
    JoinRequest.objects.create(
        organisation=org, person=people["employee"], motivation="Eerder", status=JoinRequest.DECLINED
    )
    for role in ("communications", "administrator"):
        response = home(client, people[role])
        assert response.context["blocks"]["join"].rows == [waiting], role
        html = text_of(response)
        assert "1 collega wil bij het ambassadeursteam." in html and "Eerder" not in html
        assert reverse("join_request", args=[waiting.pk]) in html and reverse("join_requests") in html
        assert "Ik vertel graag" not in html  # the motivation is read on the request's page
    for role in ("manager", "employee", "ambassador", "webcare", "volunteer", "client"):
        response = home(client, people[role])
        assert "join" not in response.context["blocks"] and "ambassadeursteam" not in text_of(response), role
    JoinRequest.objects.filter(pk=waiting.pk).update(status=JoinRequest.ACCEPTED)
    assert "ambassadeursteam" not in text_of(home(client, people["communications"]))  # nothing left to decide


def test_the_home_of_another_organisation_shows_none_of_these(client, people, org, outsider):
    from deelwijs.orgs import domain

    help_request(org, people["employee"], [people["communications"]], "Iets")
    JoinRequest.objects.create(organisation=org, person=people["employee"], motivation="Graag")
    domain.set_roles(None, outsider, ["administrator", "communications", "manager"])
    response = home(client, outsider)
    assert response.context["blocks"]["help"].count == 0 and response.context["blocks"]["join"].count == 0

"""What the walk through every screen as each role found (issue 18), each kept fixed by a test."""

import re
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from deelwijs.accounts import domain as accounts
from deelwijs.accounts.models import CorporateAccount
from deelwijs.common import charts
from deelwijs.community.models import Question
from deelwijs.learning.content import install_modules
from deelwijs.learning.models import Answer, Step
from deelwijs.orgs import audit
from deelwijs.orgs.models import AuditEntry, Team
from deelwijs.orgs.tenancy import organisation_scope

from ..conftest import make_person
from .test_content import make_item
from .toolkit_data import library_image, page


@pytest.fixture
def lonely_account(org, people):
    account = CorporateAccount.objects.create(organisation=org, platform="facebook", handle="dagbesteding")
    account.owners.add(people["communications"])
    return account


@pytest.mark.parametrize("role", ["client", "volunteer", "employee"])
def test_the_owners_warning_is_only_for_who_can_add_an_owner(client, people, lonely_account, role):
    # They cannot choose a second owner, and clients and volunteers do not even see the owners: the warning at the
    # top says nothing to them.
    client.force_login(people[role])
    html = client.get(reverse("account_list")).content.decode()
    assert "dagbesteding" in html and "Een account mag nooit met één persoon vertrekken" not in html


@pytest.mark.parametrize("role", ["communications", "administrator"])
def test_who_keeps_the_accounts_is_warned_about_too_few_owners(client, people, lonely_account, role):
    client.force_login(people[role])
    assert "Een account mag nooit met één persoon vertrekken" in client.get(reverse("account_list")).content.decode()


def test_an_account_cannot_be_given_to_the_client_role(client, people):
    client.force_login(people["communications"])
    form = client.get(reverse("account_new")).context["form"]
    assert "client" not in dict(form.fields["allowed_roles"].choices)
    response = client.post(
        reverse("account_new"),
        {"platform": "x", "handle": "lindehof", "owners": [people["communications"].pk], "allowed_roles": ["client"]},
    )
    assert response.status_code == 200 and not CorporateAccount.objects.exists()
    assert "allowed_roles" in response.context["form"].errors


def test_the_demo_accounts_keep_the_rules_of_the_account_form(db):
    # A volunteer as owner, which the form never offers, was dropped the first time someone saved the account.
    from deelwijs.demo.build import create_demo

    org, _logins = create_demo()
    with organisation_scope(org):
        owners, users = set(accounts.choosable_owners(org)), set(accounts.choosable_users(org))
        for account in CorporateAccount.objects.prefetch_related("owners", "allowed_people"):
            assert set(account.owners.all()) <= owners, account
            assert set(account.allowed_people.all()) <= users, account


def test_no_template_writes_a_short_month_the_english_way():
    # Django's "M" is "Dec" in Dutch too; short_date writes "1 dec." (deelwijs/common/dates.py).
    templates = Path(settings.BASE_DIR) / "deelwijs" / "templates"
    found = [
        f"{path.relative_to(templates)}: {match}"
        for path in templates.rglob("*.html")
        for match in re.findall(r"\|date:[\"']([^\"']*M[^\"']*)[\"']", path.read_text())
    ]
    assert not found, found


def test_the_questions_list_writes_the_month_in_dutch(client, org, people):
    when = timezone.make_aware(datetime(2026, 12, 1, 10, 0))
    Question.objects.create(organisation=org, asker=people["volunteer"], title="Mag dit?", created=when)
    client.force_login(people["employee"])
    html = client.get(reverse("questions")).content.decode()
    assert "1 dec. 2026" in html and "Dec" not in html


@pytest.mark.parametrize(
    ("role", "name", "shown"),
    [
        ("communications", "account_new", ["Kies…", "Geen"]),  # the network must be chosen, a location page may not
        ("communications", "post_new", ["Geen"]),
        ("employee", "page_request_new", ["Kies…"]),
        ("employee", "my_handles", ["Kies…"]),
        ("manager", "dashboard", ["Alle teams", "Alle locaties", "Alle campagnes"]),
    ],
)
def test_an_empty_choice_is_named_in_words_not_dashes(client, people, role, name, shown):
    client.force_login(people[role])
    html = client.get(reverse(name)).content.decode()
    assert "---------" not in html
    for words in shown:
        assert f">{words}</option>" in html, words


@pytest.mark.parametrize("role", ["client", "volunteer", "employee"])
def test_choosing_a_network_shows_what_the_feed_card_showed(client, org, people, role):
    # The card said what the item is about and for which networks a text is ready; the page after it said neither.
    item = make_item(org, "Open dag", roles=["client", "volunteer", "employee"])
    client.force_login(people[role])
    html = client.get(reverse("share", args=[item.pk])).content.decode()
    assert "Mooi nieuws van ons team!" in html
    assert "Kant-en-klare tekst voor" in html and '<span class="chip">LinkedIn</span>' in html
    assert "Waar wil je het delen?" in html


def test_the_settings_page_puts_each_setting_under_its_own_heading(client, people):
    # The single sign-on heading stood above the organisation's name and policy, its own fields halfway down.
    client.force_login(people["administrator"])
    response = client.get(reverse("settings"))
    html = response.content.decode()
    headings = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", html)
    assert headings == [
        "De organisatie en haar beleid",
        "Toon en woordkeuze",
        "Accountnamen",
        "Delen",
        "Aanmelden",
        "Inloggen met het account van je organisatie (SSO)",
    ]
    sso = html.index('id="sso-heading"')
    assert html.index('name="name"') < sso < html.index('name="oidc_issuer"')
    # every field of the form is on the page, once
    form = response.context["form"]
    for name in form.fields:
        assert html.count(f'name="{name}"') == 1, name
    assert "client secret" not in html


def test_people_in_no_team_are_named_so_last_in_the_progress(client, org, people):
    install_modules(org)
    make_person(org, "employee", email="nieuw@test.test")  # in no team, at no location
    client.force_login(people["communications"])
    summaries = dict(client.get(reverse("learning_progress")).context["summaries"])
    assert [g["name"] for g in summaries["Per team"]] == ["Wijkteam", "Zonder team"]
    assert [g["name"] for g in summaries["Per locatie"]] == ["De Linde", "Zonder locatie"]
    assert summaries["Per team"][-1]["people"] == 1


def test_a_team_plan_without_answers_says_so_in_one_line(client, org, people):
    install_modules(org)
    Team.objects.create(organisation=org, name="Dagbesteding")
    step = Step.objects.filter(module__number=5).exclude(data__plan=None).exclude(data__plan="").first()
    Answer.objects.create(person=people["employee"], step=step, value={"text": "Meer vrijwilligers vinden."})
    client.force_login(people["communications"])
    html = client.get(reverse("team_plans")).content.decode()
    plans = dict(re.findall(r"<section><h2>(.*?)</h2>(.*?)</section>", html, re.DOTALL))
    assert "Meer vrijwilligers vinden." in plans["Wijkteam"]
    assert "Nog niemand in dit team heeft de vragen van module 5 beantwoord." in plans["Dagbesteding"]
    assert "<dl" not in plans["Dagbesteding"] and "Nog niemand" not in plans["Wijkteam"]


@pytest.mark.parametrize(
    ("event", "count", "sentence"),
    [
        ("asked", 1, "Vertrouwelijke hulpvraag 2 is gesteld; 1 persoon is gevraagd."),
        ("asked", 2, "Vertrouwelijke hulpvraag 2 is gesteld; 2 mensen zijn gevraagd."),
        ("more_asked", 1, "Vertrouwelijke hulpvraag 2: nog 1 persoon is gevraagd."),
    ],
)
def test_the_audit_log_counts_the_people_asked_for_help_in_good_dutch(org, event, count, sentence):
    entry = AuditEntry.objects.create(
        organisation=org, action="help_request", details={"event": event, "number": 2, "count": count}
    )
    with translation.override("nl"):
        assert audit.describe(entry) == sentence


def test_a_chart_of_a_few_mentions_counts_in_whole_numbers():
    points = [("1-12", 0, 1), ("2-12", 3, 0)]
    svg = str(charts.line_chart(points, "Aantallen", "Vermeldingen", "Signalen", "c1"))
    ticks = re.findall(r'text-anchor="end"[^>]*>([^<]+)<', svg)
    assert ticks == ["0", "1", "2", "3", "4", "5"]
    many = str(charts.line_chart([("1-12", 170, 907)], "Delen", "Gedeeld", "Klikken", "c2"))
    assert re.findall(r'text-anchor="end"[^>]*>([^<]+)<', many) == ["0", "250", "500", "750", "1000"]


def test_my_figures_show_my_training_before_the_long_list_of_shares(client, people):
    client.force_login(people["employee"])
    html = client.get(reverse("my_figures")).content.decode()
    assert html.index("Mijn training") < html.index("Wat ik deelde")


def test_a_source_nobody_checked_yet_is_not_called_in_order(client, org, people):
    from deelwijs.webcare.models import Source

    Source.objects.create(organisation=org, name="Nieuws uit de regio", kind="rss", url="https://regio.example/rss")
    client.force_login(people["communications"])
    html = client.get(reverse("sources")).content.decode()
    assert "Nog niet gecontroleerd" in html and "In orde" not in html


def test_the_library_image_form_ticks_the_networks_it_may_be_used_on(client, org, people, settings, tmp_path):
    # The boxes came empty: the form read the stored ",facebook,linkedin," instead of the list, so every save asked
    # to choose the networks again, and the page seemed to say the image may go nowhere.
    settings.MEDIA_ROOT = tmp_path
    entry = library_image(org, channels=["facebook", "linkedin"])
    client.force_login(people["communications"])
    form = client.get(reverse("toolkit_library_edit", args=[entry.pk])).context["form"]
    assert sorted(form["channels"].value()) == ["facebook", "linkedin"]
    html = str(form["channels"])
    assert html.count("checked") == 2


def test_an_item_for_clients_only_opens_with_the_client_role_ticked(client, org, people):
    # Saved as it opened, with no role ticked, the item went to every employee and away from the clients.
    item = make_item(org, "Activiteiten", roles=["client"])
    client.force_login(people["communications"])
    form = client.get(reverse("item_edit", args=[item.pk])).context["form"]
    assert form["audience_roles"].value() == ["client"]


def test_a_toolkit_page_for_volunteers_opens_with_the_volunteer_role_ticked(client, org, people):
    entry = page(org, "Vrijwilligerswerk online", roles=["volunteer"])
    client.force_login(people["communications"])
    form = client.get(reverse("toolkit_page_edit", args=[entry.pk])).context["form"]
    assert form["audience_roles"].value() == ["volunteer"]


@pytest.mark.parametrize("name", ["people_online", "people_online_embed"])
def test_the_public_page_names_its_icon(client, org, name):
    # Without one, every visitor's browser asked for /favicon.ico and logged its 404 as an error.
    from deelwijs.community.models import PeoplePage

    PeoplePage.objects.create(organisation=org, published=True, intro="Volg onze collega's.")
    html = client.get(reverse(name, args=[org.slug])).content.decode()
    assert 'rel="icon"' in html


def test_a_cut_text_keeps_its_ellipsis_on_the_line_of_its_last_word():
    from deelwijs.orgs.templatetags.deelwijs import words

    assert words("Vanochtend speelde een bewoner voor het eerst in jaren weer piano", 8) == (
        "Vanochtend speelde een bewoner voor het eerst in\u00a0…"
    )
    assert words("Kort", 8) == "Kort" and words("Kort", "veel") == "Kort"
    templates = Path(settings.BASE_DIR) / "deelwijs" / "templates"
    assert not [p.name for p in templates.rglob("*.html") if "|truncatewords" in p.read_text()]

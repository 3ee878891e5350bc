from django.urls import reverse

from deelwijs.orgs.models import AuditEntry, User


def test_an_administrator_changes_roles_and_it_is_logged(client, people):
    client.force_login(people["administrator"])
    person = people["employee"]
    response = client.post(reverse("person_roles", kwargs={"pk": person.pk}), {"roles": ["employee", "ambassador"]})
    assert response.status_code == 302
    assert User.objects.get(pk=person.pk).roles == {"employee", "ambassador"}
    entry = AuditEntry.objects.filter(action="roles").latest("created")
    assert entry.actor == people["administrator"] and "Employee Test" in entry.summary


def test_an_unknown_role_is_refused_with_a_message(client, people):
    client.force_login(people["administrator"])
    response = client.post(reverse("person_roles", kwargs={"pk": people["employee"].pk}), {"roles": ["king"]})
    assert response.status_code == 200 and response.context["form"].errors


def test_role_changes_need_post_and_the_right_role(client, people):
    client.force_login(people["communications"])
    response = client.post(reverse("person_roles", kwargs={"pk": people["employee"].pk}), {"roles": ["administrator"]})
    assert response.status_code == 403
    assert people["employee"].roles == {"employee"}


def test_settings_save_and_log_changed_fields(client, people, org):
    client.force_login(people["administrator"])
    data = {
        "name": org.name,
        "policy_text": "# Beleid",
        "code_of_conduct_url": "",
        "blog_disclaimer": "Op persoonlijke titel.",
        "public_contacts": "088 123 45 67",
        "naming_convention": "{voornaam}_{organisatie}",
        "handle_suffix": "test",
        "word_list_text": "klant, klanten = cliënt\npersoneel = medewerkers",
    }
    assert client.post(reverse("settings"), data).status_code == 302
    org.refresh_from_db()
    assert org.word_list[1] == {"avoid": ["personeel"], "use": "medewerkers"}
    entry = AuditEntry.objects.get(action="settings")
    assert "word_list" in entry.details["fields"] and entry.summary.startswith(
        "Administrator Test wijzigde de instellingen:"
    )
    policy = org.guard_policy()
    assert "088 123 45 67" in policy.public_contacts and "Employee Test" in policy.staff_names


def test_a_bad_word_list_line_keeps_what_was_typed(client, people, org):
    client.force_login(people["administrator"])
    data = {"name": org.name, "naming_convention": "{voornaam}", "word_list_text": "klant cliënt"}
    response = client.post(reverse("settings"), data)
    assert response.status_code == 200
    assert "klant cliënt" in response.content.decode()
    assert response.context["form"].errors["word_list_text"]


def test_a_bad_naming_convention_is_refused(client, people, org):
    client.force_login(people["administrator"])
    data = {"name": org.name, "naming_convention": "{naam}", "word_list_text": ""}
    response = client.post(reverse("settings"), data)
    assert response.context["form"].errors["naming_convention"]


def test_policy_markdown_is_rendered_without_script(client, people, org):
    org.policy_text = "**Belangrijk**<script>alert(1)</script>"
    org.save()
    client.force_login(people["employee"])
    html = client.get(reverse("policy")).content.decode()
    assert "<strong>Belangrijk</strong>" in html and "<script>alert" not in html


def test_sign_in_with_email_and_password(client, people):
    response = client.post(reverse("login"), {"username": "employee@test.test", "password": "test-password-123"})
    assert response.status_code == 302 and response.url == reverse("home")


def test_wrong_password_shows_a_dutch_message_and_keeps_the_email(client, people):
    response = client.post(reverse("login"), {"username": "employee@test.test", "password": "fout"})
    html = response.content.decode()
    assert "komen niet overeen" in html and 'value="employee@test.test"' in html


def test_lock_out_after_five_failures(client, people):
    for _ in range(5):
        client.post(reverse("login"), {"username": "employee@test.test", "password": "fout"})
    response = client.post(reverse("login"), {"username": "employee@test.test", "password": "test-password-123"})
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()


def test_language_switch_to_english(client, people):
    client.force_login(people["employee"])
    assert "Welkom" in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Welcome" in client.get(reverse("home")).content.decode()


def test_dutch_is_the_default_whatever_the_browser_says(client, people):
    client.force_login(people["employee"])
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Welkom" in html and 'lang="nl"' in html


def test_managers_see_only_the_teams_they_manage(client, people, org):
    from deelwijs.orgs.models import Team

    Team.objects.create(organisation=org, name="Ander team")
    client.force_login(people["manager"])
    assert [t.name for t in client.get(reverse("teams")).context["teams"]] == ["Wijkteam"]
    client.force_login(people["communications"])
    assert {t.name for t in client.get(reverse("teams")).context["teams"]} == {"Wijkteam", "Ander team"}


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60 + "-production-secret-for-the-check",
        "ALLOWED_HOSTS": "deelwijs.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "DJANGO_SETTINGS_MODULE": "deelwijs.config.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "deelwijs.config.settings"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_the_demo_is_idempotent(db):
    from deelwijs.accounts.models import CorporateAccount, Handle
    from deelwijs.demo.build import create_demo
    from deelwijs.orgs.models import RoleAssignment

    create_demo()
    counts = [
        User.objects.count(),
        RoleAssignment.objects.count(),
        CorporateAccount.objects.count(),
        Handle.objects.count(),
        AuditEntry.objects.count(),
    ]
    org, logins = create_demo()
    assert counts == [
        User.objects.count(),
        RoleAssignment.objects.count(),
        CorporateAccount.objects.count(),
        Handle.objects.count(),
        AuditEntry.objects.count(),
    ]
    assert org.name == "Zorggroep Lindehof" and len(logins) == 10
    assert {r for p in User.objects.filter(organisation=org) for r in p.roles} >= {
        "employee",
        "volunteer",
        "client",
        "ambassador",
        "communications",
        "webcare",
        "manager",
        "administrator",
    }


def test_an_administrator_makes_a_team_with_members_and_managers(client, people, org):
    from deelwijs.orgs.models import Location, Team

    location = Location.objects.get(organisation=org)
    client.force_login(people["administrator"])
    response = client.post(
        reverse("team_new"),
        {
            "name": "Nachtdienst",
            "location": location.pk,
            "managers": [people["manager"].pk],
            "members": [people["employee"].pk, people["volunteer"].pk],
        },
    )
    assert response.status_code == 302
    team = Team.objects.get(name="Nachtdienst")
    assert set(team.members.all()) == {people["employee"], people["volunteer"]}
    client.force_login(people["manager"])
    assert "Nachtdienst" in [t.name for t in client.get(reverse("teams")).context["teams"]]


def test_team_and_location_names_are_unique_per_organisation(client, people, org):
    client.force_login(people["administrator"])
    response = client.post(reverse("team_new"), {"name": "wijkteam"})
    assert "al een team" in response.content.decode()
    response = client.post(reverse("location_new"), {"name": "De Linde", "address": "Ergens 1"})
    assert "al een locatie" in response.content.decode() and 'value="Ergens 1"' in response.content.decode()
    assert client.post(reverse("location_new"), {"name": "Het Anker"}).status_code == 302


def team_page(client, person, team, query=""):
    client.force_login(person)
    return client.get(reverse("team_edit", kwargs={"pk": team.pk}) + query)


def test_the_team_page_lists_members_with_roles_account_and_their_page(client, people, org):
    from django.utils import timezone

    from deelwijs.orgs.models import Team
    from tests.conftest import make_person

    team = Team.objects.get(organisation=org)
    left = make_person(org, "employee", email="weg@test.test", is_active=False)
    User.objects.filter(pk=left.pk).update(first_name="Aad", closed_at=timezone.now())
    left.teams.add(team)
    response = team_page(client, people["administrator"], team)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{len(people) + 1} leden" in html and "De leden van Wijkteam" in html
    volunteer = reverse("person_roles", kwargs={"pk": people["volunteer"].pk})
    assert f'<a href="{volunteer}">Volunteer Test</a>' in html
    assert "Vrijwilliger" in html and "Open" in html
    assert f'<a href="{reverse("person_reopen", kwargs={"pk": left.pk})}">Aad Test</a>' in html
    assert "gesloten op" in html


def test_a_long_team_pages_with_the_shared_pager_at_the_same_cost(client, people, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from deelwijs.orgs.models import Team
    from deelwijs.orgs.views import TEAM_MEMBERS_PAGE_SIZE
    from tests.conftest import make_person

    team = Team.objects.get(organisation=org)
    counts = []
    for total in (TEAM_MEMBERS_PAGE_SIZE + 1, 2 * TEAM_MEMBERS_PAGE_SIZE + 1):
        while team.members.count() < total:
            make_person(org, "employee", email=f"lid{team.members.count()}@test.test").teams.add(team)
        client.force_login(people["administrator"])
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("team_edit", kwargs={"pk": team.pk}) + "?pagina=2")
        counts.append(len(captured))
    assert counts[0] == counts[1] and counts[0] <= 25
    html = response.content.decode()
    assert "Pagina 2 van 3" in html and 'href="?pagina=3" rel="next"' in html
    assert len(response.context["members"]) == TEAM_MEMBERS_PAGE_SIZE


def test_the_team_page_is_for_administrators_of_its_own_organisation(client, people, org, outsider):
    from deelwijs.orgs.models import Team

    team = Team.objects.get(organisation=org)
    for role, person in people.items():
        expected = 200 if role == "administrator" else 403
        assert team_page(client, person, team).status_code == expected, role
    assert team_page(client, outsider, team).status_code == 404
    for odd in ("?pagina=-1", "?pagina=" + "9" * 40, "?pagina=%00", "?pagina=twee"):
        assert team_page(client, people["administrator"], team, odd).status_code == 200, odd


def test_a_new_team_has_no_member_list_yet(client, people):
    client.force_login(people["administrator"])
    response = client.get(reverse("team_new"))
    assert response.status_code == 200 and response.context["members"] is None
    assert "leden" not in response.content.decode().split("<main", 1)[-1].split("</form>")[-1]

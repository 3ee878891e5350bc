"""Dutch as people write it: dates, counts, team names, the quarter, one name for the check."""

from datetime import timedelta

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from deelwijs.insight.models import Report
from deelwijs.orgs.models import Team
from deelwijs.planning import domain as planning


def test_event_posts_say_when_in_words():
    with translation.override("nl"):
        labels = dict(planning.event_post_choices())
        assert labels["thanks"] == "Bedankt, met de resultaten (de dag erna)"
        assert labels["announce"].endswith("(2 weken ervoor)") and labels["next"].endswith("(2 weken erna)")
        assert labels["reminder"].endswith("(2 dagen ervoor)") and labels["live"].endswith("(op de dag zelf)")
        assert planning._describe_offset(timedelta(days=-1)) == "de dag ervoor"
        assert planning._describe_offset(timedelta(days=7)) == "een week erna"


def test_a_team_called_team_gets_no_second_team(client, people, org):
    team = Team.objects.create(organisation=org, name="Team Communicatie")
    people["communications"].teams.add(team)
    client.force_login(people["communications"])
    html = client.get(reverse("calendar_feeds")).content.decode()
    assert "Team Communicatie" in html and "Team Team" not in html
    response = client.post(reverse("calendar_feeds"), {"team": team.pk})
    assert "De link voor Team Communicatie:" in response.content.decode()


def test_reports_are_listed_by_the_quarter_as_the_form_says_it(client, people, org):
    report = Report.objects.create(organisation=org, period="2026-Q4", status="ready", pdf=b"%PDF", csv="x")
    client.force_login(people["communications"])
    html = client.get(reverse("reports")).content.decode()
    assert "<li>K4 2026 ·" in html and ">2026-Q4" not in html
    response = client.get(reverse("report_download", args=[report.pk, "pdf"]))
    assert response["Content-Disposition"] == 'attachment; filename="deelwijs-rapport-k4-2026.pdf"'


def test_reminders_are_written_out():
    from deelwijs.planning.models import REMIND_CHOICES

    with translation.override("nl"):
        assert [str(label) for _hours, label in REMIND_CHOICES][:3] == [
            "een uur van tevoren",
            "drie uur van tevoren",
            "een dag van tevoren",
        ]


def test_sharing_by_e_mail_says_per_e_mail(client, people, org):
    from deelwijs.sharing.models import Share

    from .test_content import make_item

    item = make_item(org)
    client.force_login(people["ambassador"])
    text = "Trots op mijn collega's! Lees het verhaal."
    response = client.post(
        reverse("share", kwargs={"pk": item.pk}), {"network": "email", "text": text, "action": "share"}
    )
    html = client.get(response.url).content.decode()
    assert "Bijna klaar: deel per e-mail" in html and "deel op E-mail" not in html
    assert Share.objects.get().network == "email"


def test_the_naming_convention_is_explained_with_an_example_handle(client, people, org):
    org.naming_convention, org.handle_suffix = "{voornaam}_{organisatie}", "lindehof"
    org.save()
    client.force_login(people["administrator"])
    html = client.get(reverse("settings")).content.decode()
    assert "krijgt Anna de Vries de accountnaam anna_lindehof." in html


def test_notifications_are_meldingen_and_webcare_reports_are_signalen(client, people):
    client.force_login(people["employee"])
    assert "<h1>Meldingen</h1>" in client.get(reverse("notifications")).content.decode()
    mine = client.get(reverse("my_signals")).content.decode()
    main = mine.split("<main")[1]  # the menu links to the notifications, Meldingen
    assert "<h1>Mijn signalen</h1>" in main and "Signaal doorgeven" in main and "melding" not in main.lower()
    assert "Geef door wat je online zag" in client.get(reverse("report_signal")).content.decode()
    client.force_login(people["webcare"])
    inbox = client.get(reverse("inbox")).content.decode()
    assert ">Signalen</a>" in inbox and ">Meldingen</a>" not in inbox.split("<main")[1]


def test_the_policy_line_shows_once_per_rule_with_its_lesson(client, people, org):
    from deelwijs.guard.messages import RULES
    from deelwijs.learning.content import install_modules
    from deelwijs.learning.domain import lesson_links

    from .test_content import make_item

    install_modules(org)
    with_lesson = set(lesson_links(org))
    item = make_item(org)
    client.force_login(people["ambassador"])
    text = "Mevrouw Jansen van kamer 12 heeft BSN 111222333, wat een feest!"
    response = client.post(
        reverse("share", kwargs={"pk": item.pk}), {"network": "linkedin", "text": text, "action": "check"}
    )
    html = response.content.decode()
    report = response.context["report"]
    client_rule = [f for f in report.findings if f.rule == "privacy.client"]
    assert len(client_rule) >= 2  # the name and the room number
    for rule in ("privacy.client", "personal.identifier"):
        assert html.count(escape(RULES[rule]["nl"])) == 1, rule
    live = html.split('id="live-findings"')[1].split("</ul>")[0]
    assert live.count("Waarom? Lees de les") == len({f.policy for f in report.findings if f.rule in with_lesson})

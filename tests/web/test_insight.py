import io
from datetime import date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijs.content.models import Campaign, ContentItem
from deelwijs.insight import figures, rollup
from deelwijs.insight.models import DailyStat, Report
from deelwijs.orgs.models import Location, Notification, Team
from deelwijs.sharing.models import Click, Share, TrackedLink

from ..conftest import make_person

Q3, Q4 = figures.Period.parse("2026-Q3"), figures.Period.parse("2026-Q4")


def local(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def world(org, people):
    """Two teams at two locations, three sharers (one has left), two items; shares around the quarter's edge."""
    north = Location.objects.create(organisation=org, name="Noord")
    south = Location.objects.create(organisation=org, name="Zuid")
    team_a = Team.objects.create(organisation=org, name="Team A", location=north)
    team_b = Team.objects.create(organisation=org, name="Team B", location=south)
    anna, bram, cor = (make_person(org, "employee", email=f"{n}@test.test") for n in ("anna", "bram", "cor"))
    anna.first_name, bram.first_name, cor.first_name = "Anna", "Bram", "Cor"
    for person, team in ((anna, team_a), (bram, team_b), (cor, team_a)):
        person.save()
        person.teams.set([team])
    campaign = Campaign.objects.create(organisation=org, name="Werken bij", slug="werken-bij")
    vacancy = ContentItem.objects.create(
        organisation=org, title="Vacature", link="https://a.example", campaign=campaign
    )
    news = ContentItem.objects.create(organisation=org, title="Nieuws", link="https://b.example")

    def share(person, item, network, moment, click_days=()):
        team = person.teams.first()
        made = Share.objects.create(
            organisation=org,
            person=person,
            item=item,
            network=network,
            text="x",
            created=moment,
            team=team,
            location=team.location,
        )
        link = TrackedLink.objects.create(share=made, target_url=item.link)
        Click.objects.bulk_create([Click(link=link, day=d, visitor=str(n)) for n, d in enumerate(click_days)])
        return made

    # 30 September 23:30 in Amsterdam is Q3; 1 October 00:30 in Amsterdam is 30 September 22:30 UTC, but Q4.
    share(anna, vacancy, "linkedin", local(date(2026, 9, 30), 23, 30), [date(2026, 9, 30), date(2026, 10, 1)])
    share(anna, vacancy, "linkedin", local(date(2026, 10, 1), 0, 30), [date(2026, 10, 1), date(2026, 10, 2)])
    share(bram, news, "facebook", local(date(2026, 10, 15), 12), [date(2026, 10, 15)] * 3)
    share(cor, vacancy, "x", local(date(2026, 12, 31), 23, 59), [date(2027, 1, 1)])
    cor.is_active = False  # Cor has left since; his shares stay in the figures
    cor.save()
    rollup.roll_up(date(2026, 9, 1), date(2027, 1, 31))
    return {
        "north": north,
        "south": south,
        "a": team_a,
        "b": team_b,
        "anna": anna,
        "bram": bram,
        "cor": cor,
        "campaign": campaign,
    }


def test_quarter_edges_follow_amsterdam_time(org, world):
    q4 = figures.dashboard(figures.Scope(org), Q4, figures.MONTH)
    assert q4["totals"] == {"shares": 3, "clicks": 1 + 2 + 3}  # Q4 clicks: 1 Oct (x2), 2 Oct, 15 Oct (x3)
    q3 = figures.dashboard(figures.Scope(org), Q3, figures.MONTH)
    assert q3["totals"] == {"shares": 1, "clicks": 1}
    assert q4["previous_totals"] == q3["totals"]
    assert q4["rate"] == 2.0 and q4["active"] == 3 and q4["previous_active"] == 1
    assert [(d.month, s, c) for d, s, c in q4["series"]] == [(10, 2, 6), (11, 0, 0), (12, 1, 0)]


def test_breakdowns_per_network_campaign_team_and_location(org, world):
    q4 = figures.dashboard(figures.Scope(org), Q4, figures.WEEK)
    assert sorted(q4["networks"]) == [("Facebook", 1, 3, 3.0), ("LinkedIn", 1, 3, 3.0), ("X", 1, 0, 0)]
    assert sorted(q4["campaigns"], key=str) == sorted([("Werken bij", 2, 3, 1.5), ("(geen)", 1, 3, 3.0)], key=str)
    assert sorted(q4["teams"]) == [("Team A", 2, 3, 1.5), ("Team B", 1, 3, 3.0)]
    assert sorted(q4["locations"]) == [("Noord", 2, 3, 1.5), ("Zuid", 1, 3, 3.0)]
    assert q4["items"] == [("Vacature", 2, 3), ("Nieuws", 1, 3)]  # equal clicks: more shares first
    weeks = [d for d, _s, _c in q4["series"]]
    assert weeks[0] == date(2026, 9, 28) and all(d.weekday() == 0 for d in weeks)


def test_filters_narrow_every_figure(org, world):
    team_a = figures.dashboard(figures.Scope(org, team=world["a"]), Q4)
    assert team_a["totals"] == {"shares": 2, "clicks": 3} and team_a["active"] == 2
    assert team_a["items"] == [("Vacature", 2, 3)]
    south = figures.dashboard(figures.Scope(org, location=world["south"]), Q4)
    assert south["totals"] == {"shares": 1, "clicks": 3} and south["items"] == [("Nieuws", 1, 3)]
    campaign = figures.dashboard(figures.Scope(org, campaign=world["campaign"]), Q4)
    assert campaign["totals"] == {"shares": 2, "clicks": 3} and campaign["items"] == [("Vacature", 2, 3)]


def test_rolling_up_again_gives_the_same_rows(org, world):
    before = sorted(DailyStat.objects.values_list("day", "network", "shares", "clicks"))
    rollup.roll_up(date(2026, 9, 1), date(2027, 1, 31))
    assert sorted(DailyStat.objects.values_list("day", "network", "shares", "clicks")) == before


def test_training_counts_people_who_finished_the_basic_modules(org, people, world):
    from deelwijs.learning.content import install_modules
    from deelwijs.learning.models import Answer, Step

    install_modules(org)
    basic = Step.objects.filter(module__organisation=org, module__basic=True)
    Answer.objects.bulk_create([Answer(person=world["anna"], step=s, value={}) for s in basic])
    Answer.objects.bulk_create([Answer(person=world["bram"], step=s, value={}) for s in basic[:3]])
    Answer.objects.bulk_create([Answer(person=world["cor"], step=s, value={}) for s in basic])  # has left
    result = figures.training(figures.Scope(org, team=world["a"]))
    assert result == {"staff": 1, "completed": 1, "percent": 100}
    everyone = figures.training(figures.Scope(org))
    assert everyone["completed"] == 1 and everyone["staff"] == len(people) - 1 + 2  # no clients; Cor has left


def test_a_manager_sees_only_their_own_teams(client, org, people, world):
    world["a"].managers.add(people["manager"])
    client.force_login(people["manager"])
    response = client.get(reverse("dashboard") + "?period=2026-Q4&by=week")
    assert response.context["data"]["totals"] == {"shares": 2, "clicks": 3}
    html = response.content.decode()
    assert "Team A" in html and "Team B" not in html
    response = client.get(reverse("dashboard") + f"?period=2026-Q4&team={world['b'].pk}")
    assert response.context["data"]["totals"] == {"shares": 2, "clicks": 3}  # another team is not a choice


def test_communications_sees_everything_and_filters(client, org, people, world):
    client.force_login(people["communications"])
    response = client.get(reverse("dashboard") + f"?period=2026-Q4&by=day&location={world['south'].pk}")
    assert response.context["data"]["totals"] == {"shares": 1, "clicks": 3}
    html = response.content.decode()
    assert "<svg" in html and "Klikken per netwerk" in html
    assert f'<option value="{world["south"].pk}" selected>Zuid</option>' in html  # the choice is kept


def test_the_dashboard_runs_a_bounded_number_of_queries(client, org, people, world):
    client.force_login(people["communications"])
    url = reverse("dashboard") + "?period=2026-Q4&by=week"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(30):
        Share.objects.create(
            organisation=org,
            person=world["bram"],
            item=ContentItem.objects.get(title="Nieuws"),
            network="x",
            text="x",
            created=local(date(2026, 11, 1 + n % 28), 10),
            team=world["b"],
        )
    rollup.roll_up(date(2026, 11, 1), date(2026, 11, 30))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 30


def test_the_dashboard_csv_holds_the_figures(client, org, people, world):
    client.force_login(people["communications"])
    response = client.get(reverse("dashboard_csv") + "?period=2026-Q4&by=month")
    text = response.content.decode("utf-8")
    rows = text.removeprefix("\ufeff").splitlines()
    assert response["Content-Type"].startswith("text/csv")
    # For Dutch Excel: a byte-order mark, semicolons and decimal commas.
    assert text.startswith("\ufeff")
    assert "Gedeeld;3;1" in rows and "Klikken;6;1" in rows and "Actieve ambassadeurs;3;1" in rows
    assert "2026-10-01;2;6" in rows and "Team A;2;3;1,5" in rows


def test_the_leaderboard_names_only_who_opted_in(client, org, people, world):
    world["anna"].on_leaderboard = True
    world["anna"].save()
    world["cor"].on_leaderboard = True  # opted in, but has left
    world["cor"].save()
    client.force_login(people["employee"])
    html = client.get(reverse("leaderboard") + "?period=2026-Q4").content.decode()
    assert "Anna" in html and "Bram" not in html and "Cor" not in html
    assert "En nog 2 mensen die deelden zonder genoemd te worden (samen 2 keer gedeeld)" in html


def test_preferences_switch_the_leaderboard_on(client, people):
    client.force_login(people["employee"])
    client.post(reverse("preferences"), {"wants_digest": "on", "on_leaderboard": "on"})
    people["employee"].refresh_from_db()
    assert people["employee"].on_leaderboard


def test_my_figures_show_my_shares_and_clicks_only(client, org, world):
    client.force_login(world["anna"])
    response = client.get(reverse("my_figures"))
    assert response.context["totals"] == {"shares": 2, "clicks": 4}
    assert {s.clicks for s in response.context["shares"]} == {2}
    assert "Nieuws" not in response.content.decode()  # Bram's item


def test_my_figures_are_paged_with_every_share_reachable_in_bounded_queries(client, org, people):
    item = ContentItem.objects.create(organisation=org, title="Vacature", link="https://a.example")
    person = people["employee"]
    Share.objects.bulk_create(
        [Share(organisation=org, person=person, item=item, network="linkedin", text=f"x{n}") for n in range(63)]
    )
    client.force_login(person)
    with CaptureQueriesContext(connection) as first:
        response = client.get(reverse("my_figures"))
    assert response.context["totals"]["shares"] == 63 and len(response.context["shares"].object_list) == 20
    body = response.content.decode()
    assert "Pagina 1 van 4" in body and "?pagina=2" in body
    with CaptureQueriesContext(connection) as second:
        response = client.get(reverse("my_figures") + "?pagina=4")
    assert len(response.context["shares"].object_list) == 3
    assert len(second) == len(first) <= 20
    assert client.get(reverse("my_figures") + "?pagina=onzin").status_code == 200


def test_the_quarterly_report_is_built_by_the_worker(client, org, people, world):
    from pypdf import PdfReader

    client.force_login(people["communications"])
    response = client.post(reverse("reports"), {"period": "2026-Q4", "conclusion": "Het delen groeit gestaag."})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == "ready" and bytes(report.pdf).startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(report.pdf))).pages)
    assert "K4 2026" in text and "Het delen groeit gestaag." in text
    assert "Vacature 2 3" in text and "Team A 2 3 1,5" in text and "Facebook 1 3 3,0" in text
    assert "Gedeeld;3;1" in report.csv.removeprefix("\ufeff").splitlines()
    assert "K4 2026" in Notification.objects.get(person=people["communications"]).text
    assert (
        client.get(reverse("report_download", kwargs={"pk": report.pk, "kind": "pdf"}))["Content-Type"]
        == "application/pdf"
    )
    assert client.get(reverse("report_download", kwargs={"pk": report.pk, "kind": "csv"})).status_code == 200
    assert client.get(reverse("report_download", kwargs={"pk": report.pk, "kind": "doc"})).status_code == 404


def test_the_report_lists_the_pilots_of_its_quarter(org, people, world):
    from deelwijs.insight.report import pilots_of
    from deelwijs.planning.models import Pilot

    Pilot.objects.create(
        organisation=org, title="In Q4", goals="x", starts_on=date(2026, 9, 20), ends_on=date(2026, 10, 5)
    )
    Pilot.objects.create(
        organisation=org, title="In Q3", goals="x", starts_on=date(2026, 7, 1), ends_on=date(2026, 7, 30)
    )
    assert [p["pilot"].title for p in pilots_of(org, Q4)] == ["In Q4"]


def test_another_organisation_cannot_download_a_report(client, org, people, outsider):
    report = Report.objects.create(organisation=org, period="2026-Q4", status="ready", pdf=b"%PDF", csv="x")
    client.force_login(outsider)
    assert client.get(reverse("report_download", kwargs={"pk": report.pk, "kind": "pdf"})).status_code == 404


def test_periods_parse_and_step_back():
    assert (Q4.first, Q4.last) == (date(2026, 10, 1), date(2026, 12, 31))
    assert figures.Period.parse("2026-Q1").previous().key == "2025-Q4"
    assert figures.Period.parse("2026-01").previous().key == "2025-12"
    assert figures.Period.parse("2026-02").last == date(2026, 2, 28)
    assert figures.Period.parse("2026-13") is None and figures.Period.parse("nonsense") is None


# Running periods and the order of the bars
def test_a_running_period_ends_at_the_bucket_with_today_and_flags_it(org, world):
    today = date(2026, 11, 18)  # a Wednesday
    data = figures.dashboard(figures.Scope(org), Q4, figures.WEEK, today=today)
    weeks = [d for d, _s, _c in data["series"]]
    assert weeks[-1] == date(2026, 11, 16) == data["unfinished"]  # no empty weeks after it, drawn as a drop
    assert data["running"] and data["through"] == today
    assert data["totals"] == {"shares": 3, "clicks": 6}  # the totals are the period's, whatever is drawn
    months = figures.dashboard(figures.Scope(org), Q4, figures.MONTH, today=today)
    assert [d.month for d, _s, _c in months["series"]] == [10, 11] and months["unfinished"] == date(2026, 11, 1)


def test_a_finished_period_has_every_bucket_and_none_running(org, world):
    data = figures.dashboard(figures.Scope(org), Q3, figures.MONTH, today=date(2026, 11, 18))
    assert [d.month for d, _s, _c in data["series"]] == [7, 8, 9]
    assert not data["running"] and data["unfinished"] is None and data["through"] == Q3.last


def test_teams_and_locations_are_ranked_by_shares_networks_by_clicks(org, world):
    link = Share.objects.get(person=world["bram"]).link
    Click.objects.bulk_create([Click(link=link, day=date(2026, 10, 16), visitor=f"v{n}") for n in range(4)])
    rollup.roll_up(date(2026, 9, 1), date(2027, 1, 31))
    data = figures.dashboard(figures.Scope(org), Q4, figures.MONTH, today=date(2027, 1, 5))
    # Team B now has the most clicks (7 against 3), Team A the most shares (2 against 1): its chart counts shares.
    assert [t[0] for t in data["teams"]] == ["Team A", "Team B"]
    assert [loc[0] for loc in data["locations"]] == ["Noord", "Zuid"]
    assert [n[0] for n in data["networks"]] == ["Facebook", "LinkedIn", "X"]  # 7, 3 and 0 clicks


def test_every_chart_says_what_it_counts_and_a_running_period_is_marked(client, org, people, world):
    client.force_login(people["communications"])
    current = figures.Period.quarter_of(timezone.localdate())
    html = client.get(reverse("dashboard") + f"?period={current.key}&by=week").content.decode()
    for title in ("Delen en klikken per week", "Klikken per netwerk", "Klikken per campagne", "Gedeeld per team"):
        assert f"<h2>{title}</h2>" in html and f">{title}</title>" in html
    assert "Gedeeld per locatie" in html and "Week van" in html
    assert "loopt nog, t/m vandaag" in html and 'class="unfinished"' in html and "is geen daling" in html
    html = client.get(reverse("dashboard") + f"?period={current.previous().key}&by=week").content.decode()
    assert 'class="unfinished"' not in html and "loopt nog" not in html


def test_training_holds_volunteers_to_the_basic_modules_meant_for_them(org, people, world):
    from deelwijs.learning.content import install_modules
    from deelwijs.learning.models import Answer, Module, Step

    install_modules(org)
    Module.objects.filter(organisation=org, number=3).update(audiences=["staff"])
    first_two = Step.objects.filter(module__organisation=org, module__number__in=[1, 2])
    for person in (people["volunteer"], world["anna"]):
        Answer.objects.bulk_create([Answer(person=person, step=s, value={}) for s in first_two])
    everyone = figures.training(figures.Scope(org))
    assert everyone["completed"] == 1  # the volunteer; Anna, staff, has module 3 still to do

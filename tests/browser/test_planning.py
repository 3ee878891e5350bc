"""Communications plans an event on a phone: fills the posts before, during and after, and finds them in the week."""

from datetime import timedelta

from django.utils import timezone

from deelwijs.planning.models import Event

from .conftest import screenshot
from .screens import sign_in


def test_communications_plans_an_event_and_sees_it_in_the_week(page_at, demo):
    page = page_at(375)
    sign_in(page, "communicatie@lindehof.example")
    day = timezone.localdate() + timedelta(days=20)
    day += timedelta(days=(2 - day.weekday()) % 7)  # a Wednesday: the reminder, the day and the thanks share a week
    page.get_by_role("link", name="Planning", exact=True).click()
    page.get_by_role("link", name="Evenementen").click()
    page.get_by_role("link", name="Nieuw evenement").click()
    page.get_by_label("Titel").fill("Zorgcafé Klaverhof")
    page.get_by_label("Begint").fill(f"{day.isoformat()}T14:00")
    page.get_by_label("Eindigt").fill(f"{day.isoformat()}T16:00")
    page.get_by_label("Plaats").fill("Klaverhof, Deventer")
    page.get_by_label("Organisatieaccount").select_option(label="LinkedIn zorggroep-lindehof")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("5 voorgestelde berichten").wait_for()
    texts = {
        "Aankondiging": "Kom naar het zorgcafé in Klaverhof: praat mee over werken in de zorg.",
        "Live vanaf het evenement": "Het zorgcafé is begonnen, de koffie staat klaar!",
        "Bedankt, met de resultaten": "Dank aan iedereen die kwam: dertig gesprekken over werken in de zorg.",
    }
    for label, text in texts.items():
        page.get_by_role("link", name=f"Zorgcafé Klaverhof: {label}", exact=True).click()
        page.get_by_label("Tekst", exact=True).fill(text)
        page.get_by_label("Status").select_option(label="Klaar")
        screenshot(page, "planning-post-375")
        page.get_by_role("button", name="Opslaan").click()
        page.get_by_text("Het geplande bericht is opgeslagen.").wait_for()
    event = Event.objects.get(title="Zorgcafé Klaverhof")
    filled = {p.phase: p.text for p in event.posts.all() if p.status == "ready"}
    assert set(filled) == {"before", "during", "after"}
    page.get_by_role("link", name="Bekijk de week van het evenement").click()
    week = page.locator(".cal.week")
    for title in (
        "Zorgcafé Klaverhof: Live vanaf het evenement",
        "Zorgcafé Klaverhof: Bedankt, met de resultaten",
        "Zorgcafé Klaverhof: Herinnering: nog twee dagen",
    ):
        week.get_by_role("link", name=title).wait_for()
    screenshot(page, "planning-week-375")

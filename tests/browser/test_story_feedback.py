"""Whatever communications decides on a story, its writer reads the feedback, in the app and in My stories; a
story made into a feed item is not called 'in the feed' while that item is a draft."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from deelwijs.orgs.models import User
from deelwijs.stories.models import Story

from .conftest import screenshot
from .screens import sign_in

DECISIONS = {
    "Goedkeuren": "Goedgekeurd: mooi verteld, we plaatsen hem volgende week.",
    "Item voor de feed maken": "We maken er een bericht voor de feed van, met een kortere eerste zin.",
    "Plannen op ons account": "We plaatsen hem op LinkedIn, met een foto van de tuin.",
    "Niet gebruiken": "Deze keer niet: er staat te veel over één bewoner in.",
}
# What communications reads after each decision.
DONE = {
    "Goedkeuren": "De schrijver heeft bericht gekregen.",
    "Item voor de feed maken": "Het verhaal is nu een concept-item",
    "Plannen op ons account": "Het verhaal is gepland.",
    "Niet gebruiken": "De schrijver heeft bericht gekregen.",
}


def test_the_writer_reads_the_feedback_of_every_decision(page_at, demo):
    author = User.objects.get(email="medewerker@lindehof.example")
    stories = {
        button: Story.objects.create(
            organisation=author.organisation,
            author=author,
            text=f"Vandaag een mooie middag in de tuin met de groep ({n}). Ik werk hier graag.",
            networks="linkedin",
        )
        for n, button in enumerate(DECISIONS, 1)
    }
    page = page_at(1280)
    sign_in(page, "communicatie@lindehof.example")
    when = timezone.localtime(timezone.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    for button, feedback in DECISIONS.items():
        page.goto(reverse("story_review", args=[stories[button].pk]))
        page.get_by_label("Feedback voor de schrijver").fill(feedback)
        if button == "Item voor de feed maken":
            page.get_by_label("Titel in de feed").fill("Een middag in de tuin")
        if button == "Plannen op ons account":
            page.get_by_label("Plannen op organisatieaccount").select_option(label="LinkedIn zorggroep-lindehof")
            page.get_by_label("Gepland op").fill(when)
        page.get_by_role("button", name=button).click()
        page.get_by_text(DONE[button]).wait_for()
    for button, feedback in DECISIONS.items():
        assert Story.objects.get(pk=stories[button].pk).feedback == feedback
    page.get_by_role("button", name="Afmelden").click()

    phone = page_at(375)
    sign_in(phone, "medewerker@lindehof.example")
    phone.goto(reverse("notifications"))  # the menu is being reshaped (issue 18): the page, not its link
    for feedback in DECISIONS.values():
        phone.get_by_text(feedback, exact=False).first.wait_for()
    notifications = phone.locator("main").inner_text()
    assert "staat nu in de feed" not in notifications
    assert "Communicatie maakt van je verhaal een bericht voor de feed" in notifications
    screenshot(phone, "story-feedback-notifications-375")
    phone.goto(reverse("my_stories"))
    mine = phone.locator("main")
    for feedback in DECISIONS.values():
        mine.get_by_text(feedback).wait_for()
    mine.get_by_text("Wordt een bericht voor de feed").wait_for()
    assert "In de feed" not in mine.inner_text().replace("bericht voor de feed", "")
    screenshot(phone, "story-feedback-mine-375")

"""Communications approves a colleague's story; the author sees what happened."""

from deelwijs.stories.models import Story

from .conftest import screenshot
from .screens import sign_in
from .test_newcomer import sign_out


def test_communications_approves_a_story(page_at, demo):
    page = page_at(375)
    sign_in(page, "communicatie@lindehof.example")
    page.get_by_role("link", name="Verhalen", exact=True).click()
    page.get_by_role("link", name="Bekijken Kees Hendriks").click()
    text = page.get_by_label("Tekst", exact=True)
    text.fill(text.input_value() + " Dank aan het hele team!")
    screenshot(page, "story-review-375")
    page.get_by_role("button", name="Goedkeuren").click()
    page.get_by_text("De schrijver heeft bericht gekregen.").wait_for()
    story = Story.objects.get(author__email="medewerker@lindehof.example")
    assert story.status == "approved" and story.text.endswith("Dank aan het hele team!")
    sign_out(page)
    sign_in(page, "medewerker@lindehof.example")
    page.get_by_role("link", name="Meldingen").click()
    page.get_by_text("Communicatie heeft je verhaal goedgekeurd").wait_for()
    screenshot(page, "story-notification-375")

"""An employee reports something on a phone; webcare assigns it, answers, and the employee sees the answer."""

from deelwijs.webcare.models import InboxItem

from .conftest import menu_link, screenshot
from .screens import sign_in
from .test_newcomer import sign_out


def test_an_employee_reports_and_webcare_answers(page_at, demo):
    page = page_at(375)
    sign_in(page, "medewerker@lindehof.example")
    page.get_by_role("link", name="Webcare", exact=True).click()
    page.get_by_label("Link (als je die hebt)").fill("https://www.facebook.com/groups/apeldoorn/posts/42")
    page.get_by_label("Wat zag je?").fill("In de buurtgroep staat dat de dagbesteding van Het Anker sluit. Klopt dat?")
    page.get_by_label("Nu: het verspreidt zich of het doet iemand pijn").check()
    screenshot(page, "webcare-report-375")
    page.get_by_role("button", name="Stuur naar webcare").click()
    page.get_by_text("Dank je wel. Webcare kijkt ernaar").wait_for()
    item = InboxItem.objects.get(text__startswith="In de buurtgroep")
    assert item.priority == "high"
    sign_out(page)

    sign_in(page, "webcare@lindehof.example")
    menu_link(page, "Webcare").click()  # "Webcare 4 nieuwe items": the menu counts the new ones for webcare
    page.get_by_role("link", name="In de buurtgroep staat dat").click()
    page.get_by_label("Toegewezen aan").select_option(label="Jeroen Bakker")
    page.get_by_label("Status").select_option(label="Beantwoord")
    page.get_by_label("Bericht aan de collega die het doorgaf").fill(
        "Dank je! Het klopt niet: we hebben in de groep gereageerd met de juiste informatie."
    )
    page.get_by_role("button", name="Opslaan").first.click()
    page.get_by_text("Opgeslagen.").wait_for()
    screenshot(page, "webcare-item-375")
    item.refresh_from_db()
    assert (item.status, item.assigned_to.email) == ("answered", "webcare@lindehof.example")
    sign_out(page)

    sign_in(page, "medewerker@lindehof.example")
    page.goto("/webcare/mijn-signalen/")
    page.get_by_text("Het klopt niet: we hebben in de groep gereageerd").wait_for()
    screenshot(page, "webcare-my-reports-375")

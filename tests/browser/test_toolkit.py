"""The toolkit in a real browser, at 375 px: a format through the share editor, a photo downloaded for a network,
the profile kit's handle check and checklist; and no page of it trips the Content-Security-Policy."""

import io

from PIL import Image as PILImage

from .conftest import menu_link, screenshot
from .screens import sign_in
from .test_csp import LISTEN, violations


def test_an_ambassador_fills_in_a_vacancy_and_the_post_check_reads_along(page_at, demo):
    from playwright.sync_api import expect  # like the browser fixture: only where a browser runs

    page = page_at(375)
    page.add_init_script(LISTEN)
    sign_in(page, "ambassadeur@lindehof.example")
    menu_link(page, "Toolkit").click()
    page.get_by_role("link", name="Berichtformats").first.click()
    page.get_by_role("link", name="Schrijven voor LinkedIn").first.click()
    text = page.get_by_label("Jouw tekst")
    assert "[functie]" in text.input_value()
    page.get_by_text("Vul de stukjes tussen [vierkante haken] in met je eigen woorden.").wait_for()
    text.fill(
        "Bij Wijkteam Oost zoeken we een verzorgende. Mevrouw Jansen van kamer 12 is er blij mee. Ik werk hier graag."
    )
    page.locator(".finding.block").first.wait_for()
    assert page.get_by_role("button", name="Verder naar LinkedIn").is_disabled()
    text.fill("Bij Wijkteam Oost zoeken we een verzorgende. Ik werk hier zelf graag: de collega's staan voor je klaar.")
    expect(page.get_by_role("button", name="Verder naar LinkedIn")).to_be_enabled()
    page.get_by_role("button", name="Verder naar LinkedIn").click()
    page.get_by_role("heading", name="Klaar: zet het op LinkedIn").wait_for()
    screenshot(page, "toolkit-format-ready-375")
    assert page.get_by_role("link", name="LinkedIn openen").get_attribute("href") == "https://www.linkedin.com/feed/"
    page.get_by_role("button", name="Tekst kopiëren").click()
    page.get_by_text("Gekopieerd").wait_for()
    assert violations(page) == []


def test_a_library_photo_downloads_in_instagrams_square(page_at, demo):
    page = page_at(375)
    sign_in(page, "medewerker@lindehof.example")
    page.goto("/toolkit/beeldbank/?kanaal=instagram")
    assert page.get_by_role("heading", name="Handen met een kop thee").count() == 0  # its licence expired
    with page.expect_download() as download:
        page.get_by_role("link", name="Instagram vierkant").first.click()
    picture = PILImage.open(io.BytesIO(open(download.value.path(), "rb").read()))
    assert picture.size == (1080, 1080) and not picture.getexif()


def test_the_profile_kit_checks_a_handle_and_keeps_the_checklist(page_at, demo):
    page = page_at(375)
    sign_in(page, "medewerker@lindehof.example")
    page.goto("/toolkit/profiel/")
    assert "{voornaam}" not in page.content()
    page.get_by_label("Je accountnaam").fill("@Kees.Lindehof")
    page.get_by_role("button", name="Controleer mijn accountnaam").click()
    page.get_by_text("Bijna: alleen de tekens ertussen").wait_for()
    page.get_by_label("Je accountnaam").fill("kees_lindehof")
    page.get_by_role("button", name="Controleer mijn accountnaam").click()
    page.get_by_text("Die volgt onze naamafspraak.").wait_for()
    page.get_by_label("In mijn profiel staat waar ik werk en wat ik doe.").check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Alleen jij ziet deze lijst.").wait_for()
    assert page.get_by_label("In mijn profiel staat waar ik werk en wat ik doe.").is_checked()
    screenshot(page, "toolkit-profile-375")


def test_no_page_of_the_toolkit_trips_the_policy(page_at, demo):
    page = page_at(1280)
    page.add_init_script(LISTEN)
    sign_in(page, "communicatie@lindehof.example")
    page.goto("/toolkit/beheer/")
    paths = page.eval_on_selector_all(
        "main a[href^='/toolkit/']", "links => [...new Set(links.map(a => a.getAttribute('href')))]"
    )
    assert len(paths) > 20
    for path in paths:
        page.goto(path)
        assert violations(page) == [], path

"""An ambassador adapts a suggested text, is stopped by a client's name, fixes it and reaches LinkedIn."""

from urllib.parse import parse_qs, urlparse

from deelwijs.sharing.models import Share

from .conftest import screenshot
from .screens import sign_in


def test_an_ambassador_shares_on_linkedin_after_fixing_a_block(page_at, demo):
    page = page_at(375)
    sign_in(page, "ambassadeur@lindehof.example")
    page.get_by_role("link", name="Delen", exact=True).first.click()
    page.get_by_role("link", name="Open dag De Linde op zaterdag", exact=True).click()
    page.get_by_role("link", name="LinkedIn").click()
    text = page.get_by_label("Jouw tekst")
    assert "open" in text.input_value().lower()
    text.fill("Zaterdag open dag! Mevrouw Jansen van kamer 12 vertelt over haar leven bij ons. Ik werk hier graag.")
    page.locator(".finding.block").first.wait_for()
    assert page.get_by_role("button", name="Verder naar LinkedIn").is_disabled()
    assert page.locator("mark.block").count() >= 1
    screenshot(page, "share-blocked-375")
    text.fill("Zaterdag open dag in De Linde! Ik werk hier graag, kom gerust kijken hoe wonen met zorg bij ons is.")
    page.locator("#share-button:enabled").wait_for()
    page.get_by_role("button", name="Verder naar LinkedIn").click()
    page.get_by_role("heading", name="Bijna klaar: deel op LinkedIn").wait_for()
    screenshot(page, "share-go-375")
    href = page.get_by_role("link", name="LinkedIn openen").get_attribute("href")
    assert href.startswith("https://www.linkedin.com/sharing/share-offsite/")
    shared = Share.objects.get(text__startswith="Zaterdag open dag in De Linde")  # the demo has older shares
    assert parse_qs(urlparse(href).query)["url"][0].endswith(f"/s/{shared.link.code}")
    assert "Ik werk hier graag" in page.get_by_label("Jouw tekst met je persoonlijke link").input_value()

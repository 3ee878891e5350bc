"""The share editor on a phone: a network without a suggestion starts from another text, the outcome of the check
is in view while typing, and a button that cannot be used looks so and says why."""

from .conftest import screenshot
from .screens import sign_in


def test_on_a_phone_a_block_is_in_view_and_the_button_says_why(page_at, demo):
    page = page_at(375)
    page.set_viewport_size({"width": 375, "height": 667})
    sign_in(page, "ambassadeur@lindehof.example")
    page.get_by_role("link", name="Delen", exact=True).first.click()
    page.get_by_role("link", name="Open dag De Linde op zaterdag", exact=True).click()
    page.get_by_role("link", name="Bluesky").click()
    page.get_by_text("Er is geen voorstel voor Bluesky").wait_for()
    text = page.get_by_label("Jouw tekst")
    assert text.input_value()  # the text of another network, not an empty box
    text.fill("Zaterdag open dag! Mevrouw Jansen van kamer 12 vertelt over haar leven bij ons. Ik werk hier graag.")
    summary = page.locator("#check-summary")
    summary.get_by_text("De berichtcheck houdt deze tekst tegen").wait_for()
    box = summary.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 667  # beside the text being typed, not below the fold
    screenshot(page, "share-editor-blocked-phone-375")
    button = page.get_by_role("button", name="Verder naar Bluesky")
    assert button.is_disabled()
    page.locator("#share-blocked-reason").get_by_text("Nog niet mogelijk").wait_for()
    enabled_look = page.get_by_role("button", name="Controleren").evaluate("b => getComputedStyle(b).borderStyle")
    assert button.evaluate("b => getComputedStyle(b).borderStyle") == "dashed" != enabled_look
    summary.get_by_role("link").click()
    page.locator(".finding.block").first.wait_for()
    text.fill("Zaterdag open dag in De Linde! Ik werk hier graag, kom gerust kijken hoe wonen met zorg bij ons is.")
    page.locator("#share-button:enabled").wait_for()
    assert page.locator("#share-blocked-reason").is_hidden() and summary.is_hidden()

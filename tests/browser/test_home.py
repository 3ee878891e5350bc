"""The home page, the phone menu and the feed cards in a real browser (Debian's Chromium)."""

import pytest

from .conftest import screenshot
from .screens import LOGINS, home_screenshots, sign_in

# How many rows the items of a list take on the screen.
ROWS = "items => new Set(items.map(item => Math.round(item.getBoundingClientRect().top))).size"


def phone_menu(page):
    return page.get_by_role("navigation", name="Hoofdmenu")


@pytest.mark.parametrize("email", [LOGINS["employee"], LOGINS["communications"], LOGINS["webcare"]])
def test_the_phone_menu_fits_in_two_lines_marks_the_page_and_opens_more(page_at, demo, email):
    page = page_at(375)
    sign_in(page, email)
    menu = phone_menu(page)
    assert page.locator(".menu-phone .menu-primary > li").evaluate_all(ROWS) <= 2
    assert menu.locator('a[aria-current="page"]').inner_text() == "Start"
    toolkit = menu.get_by_role("link", name="Toolkit", exact=True)
    assert not toolkit.is_visible()
    menu.get_by_text("Meer", exact=True).click()
    toolkit.wait_for()
    screenshot(page, f"menu-open-{email.split('@')[0]}-375")
    with page.expect_navigation(wait_until="load"):
        toolkit.click()
    page.get_by_role("heading", level=1, name="Toolkit").wait_for()
    # The current page sits behind "Meer": the summary says so, and the link inside is marked.
    assert "has-current" in (page.locator(".menu-phone details").get_attribute("class") or "")
    menu.get_by_text("Meer", exact=True).click()
    assert menu.locator('a[aria-current="page"]').inner_text() == "Toolkit"
    page.keyboard.press("Escape")
    assert not menu.get_by_role("link", name="Beleid", exact=True).is_visible()


def test_a_desktop_keeps_the_full_menu(page_at, demo):
    page = page_at(1280)
    sign_in(page, LOGINS["communications"])
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    for name in ("Start", "Delen", "Toolkit", "Inhoud", "Verhalen", "Planning", "Beleid", "Teams"):
        assert menu.get_by_role("link", name=name, exact=True).is_visible(), name
    assert not page.get_by_text("Meer", exact=True).is_visible()


def test_webcare_sees_its_new_items_counted_in_the_phone_menu(page_at, demo):
    page = page_at(375)
    sign_in(page, LOGINS["webcare"])
    link = phone_menu(page).get_by_role("link", name="Webcare")
    assert "nieuw" in link.inner_text()  # "Webcare 3 nieuwe items", the words for screen readers


def test_every_roles_home_page_at_375_and_1280(browser, live_server, demo):
    written = home_screenshots(browser, live_server.url)
    assert len(written) == 2 * len(LOGINS)
    context = browser.new_context(viewport={"width": 375, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    try:
        sign_in(page, LOGINS["communications"])
        page.get_by_role("heading", name="Voor communicatie").wait_for()
        # Nothing wider than the phone: no sideways scrolling on the home page.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()


def test_the_feed_shows_cards_and_searches(page_at, demo):
    page = page_at(375)
    sign_in(page, LOGINS["ambassador"])
    phone_menu(page).get_by_role("link", name="Delen", exact=True).click()
    cards = page.locator(".cards-feed > li")
    assert cards.count() > 3
    first = cards.first
    assert first.locator(".chip").count() >= 1  # the networks with a ready text
    photo = page.locator(".cards-feed img.card-image").first
    assert "/foto/klein/" in photo.get_attribute("src") and photo.get_attribute("alt")
    screenshot(page, "feed-cards-375")
    page.get_by_label("Zoeken").fill("open dag")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Open dag De Linde op zaterdag", exact=True).wait_for()
    assert page.get_by_label("Zoeken").input_value() == "open dag"
    assert "gevonden" in page.get_by_role("status").first.inner_text()
    screenshot(page, "feed-search-375")
    page.get_by_label("Zoeken").fill("xyzzy")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_text("Niets gevonden voor “xyzzy”").wait_for()

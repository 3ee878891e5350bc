"""The Content-Security-Policy holds in a real browser: no page of ours trips it, and the scripts still work."""

import pytest

from .screens import sign_in

# Chromium reports every blocked script, handler or style as a securitypolicyviolation event; the listener is
# installed by the browser itself (not by the page), so the policy does not block it.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture
def watched_page(page_at):
    def open_page(width=1280):
        page = page_at(width)
        page.add_init_script(LISTEN)
        return page

    return open_page


def violations(page):
    return page.evaluate("window.__violations")


def test_no_page_in_the_menu_trips_the_policy(watched_page, demo):
    page = watched_page()
    sign_in(page, "admin@lindehof.example")
    # The desktop menu and the phone's hold the same links: each page once.
    paths = page.eval_on_selector_all(".menu-wide a", "links => links.map(a => a.getAttribute('href'))")
    assert len(paths) > 10
    for path in ["/aanmelden/", *paths]:
        page.goto(path)
        assert violations(page) == [], path


def test_the_share_flow_keeps_working_under_the_policy(watched_page, demo):
    page = watched_page(375)
    sign_in(page, "ambassadeur@lindehof.example")
    page.get_by_role("link", name="Delen", exact=True).first.click()
    page.get_by_role("link", name="Open dag De Linde op zaterdag", exact=True).click()
    page.get_by_role("link", name="LinkedIn").click()
    page.get_by_label("Jouw tekst").fill("Zaterdag open dag in De Linde! Ik werk hier graag, kom gerust kijken.")
    page.locator("#share-button:enabled").wait_for()
    page.get_by_role("button", name="Verder naar LinkedIn").click()
    page.get_by_role("button", name="Tekst kopiëren").click()
    page.get_by_text("Gekopieerd").wait_for()
    assert violations(page) == []

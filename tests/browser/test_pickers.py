"""Communications chooses the owners of a corporate account by typing part of a name and picking with the keyboard;
a client is never offered, and without JavaScript the typed name is looked up when the form is sent."""

import re

import pytest

from deelwijs.accounts.models import CorporateAccount

from .conftest import screenshot
from .screens import sign_in


def choose(page, box, typed, name):
    """Type part of a name, go down the suggestions with the arrow key to the one wanted, choose it with Enter."""
    from playwright.sync_api import expect  # like the browser fixture: only where a browser runs

    box.fill(typed)
    suggestions = page.locator("#" + box.get_attribute("aria-controls"))
    wanted = suggestions.get_by_role("option", name=re.compile(name))
    wanted.wait_for()
    for _ in range(suggestions.get_by_role("option").count()):
        box.press("ArrowDown")
        if wanted.get_attribute("aria-selected") == "true":
            break
    expect(box).to_have_attribute("aria-activedescendant", wanted.get_attribute("id"))
    box.press("Enter")
    expect(page.get_by_role("checkbox", name=re.compile(name))).to_be_checked()
    expect(box).to_have_value("")


@pytest.mark.parametrize("width", [375, 1280])
def test_an_owner_is_chosen_by_typing_part_of_the_name_and_the_keyboard(page_at, demo, width):
    from playwright.sync_api import expect

    page = page_at(width)
    sign_in(page, "communicatie@lindehof.example")
    page.goto("/accounts/nieuw/")
    page.get_by_label("Netwerk").select_option(label="Instagram")
    page.get_by_label("Accountnaam").fill(f"lindehof_{width}")
    owners = page.get_by_role("combobox", name="Eigenaren", exact=True)
    expect(owners).to_have_attribute("aria-expanded", "false")

    choose(page, owners, "jer", "Jeroen Bakker")
    # Henk Smit is a client: never an owner, so nobody is offered for his name.
    owners.fill("Henk")
    expect(page.locator("[data-picker-status]").first).to_have_text("Niemand gevonden die je hier kunt kiezen.")
    expect(owners).to_have_attribute("aria-expanded", "false")
    # Escape closes the suggestions without choosing.
    suggestions = page.get_by_role("listbox", name="Suggesties").first
    owners.fill("an")
    suggestions.get_by_role("option").first.wait_for()
    expect(owners).to_have_attribute("aria-expanded", "true")
    owners.press("ArrowDown")
    screenshot(page, f"picker-suggestions-{width}")
    owners.press("Escape")
    expect(suggestions).to_be_hidden()
    choose(page, owners, "el amr", "Fatima El Amrani")
    screenshot(page, f"picker-owners-{width}")

    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text(f"Instagram lindehof_{width} is opgeslagen.").wait_for()
    account = CorporateAccount.objects.get(handle=f"lindehof_{width}")
    assert {p.full_name for p in account.owners.all()} == {"Jeroen Bakker", "Fatima El Amrani"}


def test_without_javascript_a_typed_name_is_looked_up_on_saving(browser, live_server, demo):
    page = browser.new_page(java_script_enabled=False, base_url=live_server.url)
    try:
        sign_in(page, "communicatie@lindehof.example")
        page.goto("/accounts/nieuw/")
        page.get_by_label("Netwerk").select_option(label="Bluesky")
        page.get_by_label("Accountnaam").fill("lindehof.bsky.social")
        page.get_by_label("Eigenaren", exact=True).fill("e")  # too short, and the form keeps it
        page.get_by_role("button", name="Opslaan").click()
        page.get_by_text("Typ minstens 2 letters van de naam.", exact=True).wait_for()
        page.get_by_label("Eigenaren", exact=True).fill("Visser")
        page.get_by_role("button", name="Opslaan").click()
        page.get_by_text("Bluesky lindehof.bsky.social is opgeslagen.").wait_for()
        account = CorporateAccount.objects.get(handle="lindehof.bsky.social")
        assert [p.full_name for p in account.owners.all()] == ["Sanne Visser"]
    finally:
        page.close()

"""A newcomer and an administrator use Deelwijs in a real browser (Debian's Chromium)."""

import pytest

from deelwijs.orgs.models import AuditEntry, User

from .conftest import screenshot
from .screens import sign_in


def sign_out(page):
    """Sign out, and wait for the sign-in page: the answer (which also has the browser clear the site's data) must
    be in before the next sign-in starts, or its expired session cookie could land after the new one."""
    page.get_by_role("button", name="Afmelden").click()
    page.get_by_role("heading", name="Aanmelden bij Deelwijs").wait_for()


@pytest.mark.parametrize("width", [375, 1280])
def test_a_newcomer_signs_in_sees_home_and_switches_language(page_at, demo, width):
    page = page_at(width)
    page.goto("/")
    screenshot(page, f"sign-in-{width}")
    sign_in(page, "medewerker@lindehof.example")
    page.get_by_role("heading", name="Welkom, Kees").wait_for()
    screenshot(page, f"home-nl-{width}")
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Welcome, Kees").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, f"home-en-{width}")


def test_a_wrong_password_keeps_the_email_and_explains(page_at, demo):
    page = page_at(375)
    page.goto("/aanmelden/")
    page.get_by_label("E-mailadres").fill("medewerker@lindehof.example")
    page.get_by_label("Wachtwoord").fill("fout-wachtwoord")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    page.get_by_text("komen niet overeen").wait_for()
    assert page.get_by_label("E-mailadres").input_value() == "medewerker@lindehof.example"


def test_an_administrator_changes_a_role(page_at, demo):
    page = page_at(1280)
    sign_in(page, "admin@lindehof.example")
    page.get_by_role("link", name="Mensen").click()
    page.get_by_role("link", name="Rollen wijzigen van Kees Hendriks").click()
    page.get_by_label("Ambassadeur").check()
    screenshot(page, "admin-roles-1280")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De rollen van Kees Hendriks zijn opgeslagen.").wait_for()
    assert "ambassador" in User.objects.get(email="medewerker@lindehof.example").roles
    assert AuditEntry.objects.filter(action="roles", summary__contains="Kees Hendriks").exists()
    page.get_by_role("link", name="Logboek").click()
    page.get_by_text("Anouk Verhoeven gaf Kees Hendriks de rol ambassadeur.").wait_for()
    screenshot(page, "audit-log-1280")

"""Samen in a real browser, at 375 px: a question asked, answered by communications, put in the toolkit and read
there; opting in to the public page of our people online, seen there, withdrawn, gone; and no page of Samen trips
the Content-Security-Policy."""

from .conftest import menu_link, screenshot
from .screens import sign_in
from .test_csp import LISTEN, violations
from .test_newcomer import sign_out

QUESTION = "Hoe laat ik op LinkedIn zien dat ik bij Lindehof werk?"


def test_a_question_is_answered_put_in_the_toolkit_and_read_there(page_at, demo):
    page = page_at(375)
    page.add_init_script(LISTEN)
    sign_in(page, "medewerker@lindehof.example")
    menu_link(page, "Samen").click()
    page.get_by_role("link", name="Vraag het een collega").first.click()
    page.get_by_role("link", name="Stel een vraag").click()
    page.get_by_label("Je vraag in één regel").fill(QUESTION)
    page.get_by_label("Meer erover").fill("Ik zie het veld Werkervaring, maar niet waar ik het moet zetten.")
    page.get_by_role("button", name="Vragen", exact=True).click()
    page.get_by_text("Je vraag is gesteld.").wait_for()
    screenshot(page, "community-question-375")
    sign_out(page)

    sign_in(page, "communicatie@lindehof.example")
    page.goto("/meldingen/")
    page.get_by_role("link", name=f"Een collega stelde een vraag: {QUESTION}").click()
    page.get_by_label("Je antwoord").fill(
        "Voeg bij Werkervaring een functie toe bij Zorggroep Lindehof, dan staat het ook onder je naam."
    )
    page.get_by_role("button", name="Versturen").click()
    page.get_by_text("Je antwoord is toegevoegd.").wait_for()
    page.get_by_role("link", name="In de toolkit zetten").click()
    page.get_by_label("Vraag zoals de toolkit die toont").fill("Hoe laat ik op LinkedIn zien waar ik werk?")
    page.get_by_role("button", name="In de toolkit zetten").click()
    page.get_by_text("De vraag en het antwoord staan in de toolkit.").wait_for()
    sign_out(page)

    sign_in(page, "medewerker@lindehof.example")
    menu_link(page, "Toolkit").click()
    entry = page.get_by_text("Hoe laat ik op LinkedIn zien waar ik werk?")
    entry.click()  # a <details>: the answer opens under it
    page.get_by_text("Voeg bij Werkervaring een functie toe").wait_for()
    assert "Kees" not in page.locator("#vragen").inner_text()
    screenshot(page, "community-toolkit-question-375")
    assert violations(page) == []


def test_opting_in_shows_the_handle_on_the_public_page_and_withdrawing_takes_it_off(page_at, demo):
    page = page_at(375)
    page.add_init_script(LISTEN)
    sign_in(page, "medewerker@lindehof.example")
    page.goto("/samen/online/")
    page.get_by_label("Facebook: kees.hendriks").check()
    page.get_by_label("Functie (mag leeg)").fill("Verzorgende IG")
    page.get_by_label("Ik wil met mijn naam en deze accounts op de openbare pagina van onze organisatie.").check()
    page.get_by_role("button", name="Zet me op de pagina").click()
    page.get_by_text("Je staat op de openbare pagina met de accounts die je koos.").wait_for()
    screenshot(page, "community-online-375")

    public = page_at(375)  # someone on the internet, not signed in
    public.goto("/online/lindehof/")
    public.get_by_role("link", name="Facebook: kees.hendriks").wait_for()
    assert public.get_by_text("Verzorgende IG").count() == 1
    assert "medewerker@lindehof.example" not in public.content()
    screenshot(public, "community-public-page-375")

    page.get_by_role("button", name="Haal me van de pagina").click()
    page.get_by_text("Je staat niet meer op de openbare pagina.").wait_for()
    public.reload()
    public.get_by_role("heading", name="Zorggroep Lindehof: onze mensen online").wait_for()
    assert public.get_by_text("kees.hendriks").count() == 0
    assert violations(page) == []


def test_no_page_of_samen_trips_the_policy(page_at, demo):
    page = page_at(1280)
    page.add_init_script(LISTEN)
    sign_in(page, "communicatie@lindehof.example")
    page.goto("/samen/")
    paths = page.eval_on_selector_all(
        "main a[href^='/samen/']", "links => [...new Set(links.map(a => a.getAttribute('href')))]"
    )
    assert len(paths) >= 8
    for path in paths + ["/online/lindehof/", "/online/lindehof/inbedden/"]:
        page.goto(path)
        assert page.title().endswith("Deelwijs") or "Zorggroep Lindehof" in page.title(), path
    assert violations(page) == []

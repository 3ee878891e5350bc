"""The calendar's week by hour and duplicating a post; the editor's counter that counts the link the share adds."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from deelwijs.accounts.models import CorporateAccount
from deelwijs.content.models import Campaign, ContentItem
from deelwijs.guard import length
from deelwijs.planning.models import PlannedPost
from deelwijs.sharing.domain import appended_link

from .conftest import screenshot
from .screens import sign_in
from .test_csp import LISTEN, violations


def test_communications_finds_a_post_in_its_hour_duplicates_it_and_sees_the_copy_on_a_phone(page_at, demo):
    from playwright.sync_api import expect  # like the browser fixture: only where a browser runs

    org, _logins = demo
    day = timezone.localdate() + timedelta(days=7)
    day -= timedelta(days=day.weekday() - 2)  # Wednesday next week
    PlannedPost.objects.create(
        organisation=org,
        title="Koffieochtend voor mantelzorgers",
        text="Woensdag staat de koffie klaar voor mantelzorgers in De Linde. Ik werk er graag!",
        account=CorporateAccount.objects.get(organisation=org, handle="zorggroep-lindehof"),
        scheduled_at=timezone.make_aware(datetime.combine(day, time(9, 30))),
        status=PlannedPost.READY,
        campaign=Campaign.objects.get(organisation=org, slug="eenzaamheid"),
    )
    page = page_at(1280)
    page.add_init_script(LISTEN)  # the week view, the post and its copy keep to the Content-Security-Policy
    sign_in(page, "communicatie@lindehof.example")
    page.get_by_role("link", name="Planning", exact=True).first.click()
    page.get_by_role("link", name="Week", exact=True).click()
    page.get_by_role("link", name="Later").first.click()
    table = page.locator("table.cal-hours")
    expect(table).to_be_visible()
    nine = table.locator("tr", has=page.get_by_role("rowheader", name="09.00", exact=True))
    cell = nine.locator(f'td[data-day="{day.isoformat()}"]')
    expect(cell.get_by_role("link", name="09:30 Koffieochtend voor mantelzorgers")).to_be_visible()
    # The demo may plan another campaign's post in the same hour: find this one's label among them.
    expect(cell.locator(".campaign-label", has_text="Campagne: Samen tegen eenzaamheid")).to_be_visible()
    expect(table.get_by_role("rowheader", name="Andere tijden")).to_be_visible()
    screenshot(page, "planning-week-hours-1280")
    page.get_by_role("link", name="Maand", exact=True).click()
    month_cell = page.locator(f'.cal.month [data-day="{day.isoformat()}"]')
    expect(month_cell.locator(".campaign-label", has_text="Campagne: Samen tegen eenzaamheid")).to_be_visible()
    screenshot(page, "planning-month-campaigns-1280")
    page.go_back()

    cell.get_by_role("link", name="09:30 Koffieochtend voor mantelzorgers").click()
    copy_day = day + timedelta(days=2)
    page.get_by_label("Dupliceren naar een datum").fill(copy_day.isoformat())
    page.get_by_role("button", name="Dupliceren").click()
    page.get_by_text("Een kopie van “Koffieochtend voor mantelzorgers” is gepland op").wait_for()
    copy = PlannedPost.objects.get(title="Koffieochtend voor mantelzorgers", status=PlannedPost.DRAFT)
    assert timezone.localtime(copy.scheduled_at) == timezone.make_aware(datetime.combine(copy_day, time(9, 30)))
    assert copy.campaign.slug == "eenzaamheid" and copy.text.startswith("Woensdag staat de koffie klaar")
    assert page.get_by_label("Status").input_value() == "draft"
    # The copy's editor counts for the account's network, and follows another choice of account.
    counter = page.locator("#char-counter")
    expect(counter).to_have_text(f"{len(copy.text)} van 3000 tekens")
    page.get_by_label("Organisatieaccount").select_option(label="Instagram zorggroeplindehof")
    expect(counter).to_have_text(f"{len(copy.text)} van 2200 tekens")
    expect(page.locator("#post-preview-network")).to_have_text("Instagram")
    expect(page.locator("#post-preview-name")).to_have_text("zorggroeplindehof")
    screenshot(page, "planning-copy-preview-1280")
    assert violations(page) == []

    phone = page_at(375)
    sign_in(phone, "communicatie@lindehof.example")
    phone.goto(f"/planning/?view=week&date={copy_day.isoformat()}")
    expect(phone.locator("table.cal-hours")).to_be_hidden()
    days = phone.locator(".week-days")
    friday = days.locator(f'li[data-day="{copy_day.isoformat()}"]')
    expect(friday.get_by_role("heading")).to_contain_text("vrijdag")
    expect(friday.get_by_role("link", name="09:30 Koffieochtend voor mantelzorgers")).to_be_visible()
    expect(days.locator(f'li[data-day="{day.isoformat()}"]').get_by_role("link", name="09:30 Koffie")).to_be_visible()
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    screenshot(phone, "planning-week-hours-375")


def test_the_counter_on_x_counts_the_link_the_share_adds_as_the_check_does(page_at, demo):
    from playwright.sync_api import expect

    item = ContentItem.objects.get(organisation=demo[0], title="Open dag De Linde op zaterdag")
    link = appended_link(item)
    page = page_at(375)
    page.add_init_script(LISTEN)
    sign_in(page, "ambassadeur@lindehof.example")
    page.goto(f"/delen/{item.pk}/?netwerk=x")
    text = page.get_by_label("Jouw tekst")
    counter = page.locator("#char-counter")

    typed = "Zaterdag open dag in De Linde!\nIk werk hier graag, kom kijken 👋🏽"
    text.fill(typed)
    counted = length(typed, "x", link).counted
    assert counted == len(typed) - 2 + 2 + 24  # the emoji with its skin tone counts 2, the link 24 (a space and 23)
    expect(counter).to_have_text(f"{counted} van 280 tekens, met de link die het delen toevoegt (24)")
    expect(page.locator("#post-preview-text")).to_have_text(typed)
    expect(page.locator("#post-preview-link")).to_contain_text("/s/…")
    screenshot(page, "share-preview-x-375")

    near = "Ik werk hier graag. " + "a" * (280 - 24 - 20 - 10)  # ten characters left
    text.fill(near)
    expect(counter).to_have_class("counter near")
    expect(counter).to_contain_text("Bijna aan de grens: nog 10 over.")

    over = near + "b" * 13  # three too many with the link
    text.fill(over)
    expect(counter).to_have_class("counter over")
    expect(counter).to_contain_text("283 van 280 tekens")
    expect(counter).to_contain_text("3 te veel: X neemt er maximaal 280.")
    expect(page.locator("#char-counter-alert")).to_contain_text("3 te veel")
    # The server's check agrees and blocks, with the link counted.
    page.locator(".finding.block").first.wait_for()
    expect(page.get_by_role("button", name="Verder naar X")).to_be_disabled()
    screenshot(page, "share-counter-over-x-375")

    text.fill(near)
    expect(counter).to_have_class("counter near")
    expect(page.get_by_role("button", name="Verder naar X")).to_be_enabled()
    assert violations(page) == []


# Texts where counting can go wrong: links with and without a scheme, an address that holds a domain, emoji with
# skin tones and joiners, letters outside ASCII, Chinese (two each on X), line breaks of both kinds.
CORPUS = [
    "",
    "Gewoon een zin.",
    "Kijk op https://www.lindehof.nl/nieuws/open-dag?utm=x#boven en deel het!",
    "Meer op www.lindehof.nl/vacatures. Of lindehof.nl",
    "Mail info@lindehof.nl of jan punt smit apenstaartje gmail punt com",
    "Mail naar j.de.vries[at]zorg[punt]nl vandaag",
    "Zie nl.wikipedia.org/wiki/Mantelzorg, en (https://a.nl/b).",
    "Café Crème, naïef, coördinator: e\u0301e\u0301n",
    "Familie 👨‍👩‍👧‍👦 en 👋🏽 en ❤️ en 🇳🇱",
    "护理人员 zorg",
    "Regel een\r\nregel twee\n\nregel drie",
    "#mantelzorg #zorg @lindehof en zorg_lindehof",
    "مرحبا بالجميع",
    "x.com/lindehof en bsky.app/profile/lindehof.social",
]


def test_the_counter_in_the_browser_counts_as_the_server_does(page_at, demo):
    item = ContentItem.objects.get(organisation=demo[0], title="Open dag De Linde op zaterdag")
    link = appended_link(item)
    page = page_at(1280)
    sign_in(page, "ambassadeur@lindehof.example")
    page.goto(f"/delen/{item.pk}/?netwerk=x")
    networks = ["x", "mastodon", "bluesky", "linkedin", "instagram"]
    browser = page.evaluate(
        """([texts, networks, link]) => {
            const rules = JSON.parse(document.getElementById("count-rules").textContent);
            return texts.map((text) => networks.map((network) => [
                window.Deelwijs.measure(text, network, link, rules),
                window.Deelwijs.measure(text, network, null, rules),
            ]));
        }""",
        [CORPUS, networks, link],
    )
    server = [
        [[length(text, network, with_link)._asdict() for with_link in (link, None)] for network in networks]
        for text in CORPUS
    ]
    different = [
        (text, network, browser[i][j], server[i][j])
        for i, text in enumerate(CORPUS)
        for j, network in enumerate(networks)
        if browser[i][j] != server[i][j]
    ]
    assert not different

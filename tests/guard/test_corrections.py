"""Policy corrections found in use (issue 13): each for a class of wording, not one example."""

import time

import pytest

from deelwijs.guard import MAX_TEXT, check
from deelwijs.guard import engine as engine_module
from deelwijs.guard.detectors.platform import count

from .conftest import findings, flags, spans

SHORT_LINK = "https://deelwijs.lindehof.nl/s/AbCd3fGh"


# 1. Security details block.


@pytest.mark.parametrize(
    "text",
    [
        # a code or password given, with or without a colon
        "De code van het sleutelkastje bij de achterdeur is 4471.",
        "de code is 4711",
        "wachtwoord zomer2024",
        "Het wachtwoord wordt nu Lente!25 voor iedereen.",
        "Nieuwe toegangscode personeelsingang: 5 5 8 2 *",
        "De pincode van de teampas is 1234.",
        "De deurcode is veranderd naar 8842.",
        "code sleutelkluis = 4471",
        "Inlog ECD: gebruikersnaam zorg01 ww Zorg2024",
        "Ons wifi-wachtwoord is nu ZonnigeDag24",
        "Quick reminder: the door code is 4711.",
        # asked for
        "wat was de code van de sleutelkluis ook alweer?",
        "Weet iemand de code van de voordeur nog?",
        "Wie heeft het wachtwoord van de teamlaptop?",
        "Kan iemand mij de alarmcode even appen",
        "Wat is de code ook alweer van de sleutelkast?",
        "Iemand de code van de kluis?",
        "Mag iemand mij het wachtwoord van de afdelingsmail sturen?",
        "Ik ben de code van de sleutelkast vergeten, wie helpt?",
        "Stuur me even de deurcode",
        "Anyone know the key safe code?",
        # alarms and locks out of order
        "het alarm van de achterdeur doet het niet",
        "slot van de medicijnkast is kapot",
        "De deur van de medicatieruimte sluit niet meer, iedereen kan naar binnen.",
        "Het alarm staat al dagen uit.",
        "De camera bij de ingang is al een week stuk.",
        "De achterdeur gaat niet meer op slot.",
        "Het hek van de tuin is stuk, bewoners kunnen zo weglopen.",
        "De beveiligingscamera's werken al een maand niet.",
        "Het inbraakalarm is uitgeschakeld tot maandag.",
        "The alarm on the back door is broken.",
        # where keys are kept
        "De sleutel van de medicijnkast ligt onder de mat.",
        "De reservesleutel hangt naast de deur van de keuken.",
        "de sleutels liggen in de bovenste la van het bureau",
    ],
)
def test_security_details_block(text):
    found = findings(text, "whatsapp", category="confidential")
    assert found and all(f.severity == "block" for f in found)
    assert check(text, "whatsapp").blocked


def test_other_confidential_findings_still_warn():
    found = findings("Het ziekteverzuim op onze afdeling is dit kwartaal 12,4%.", category="confidential")
    assert found and {f.severity for f in found} == {"warn"}


@pytest.mark.parametrize(
    "text",
    [
        "Postcode 7311 AB is ons kantoor.",
        "Gebruik kortingscode 2024 bij de inschrijving.",
        "Wat is de dresscode voor het gala?",
        "Wat is een sterk wachtwoord? Lees onze tips op de website.",
        "Ons nieuwe wachtwoordbeleid: kies een lange zin.",
        "Ik heb mijn pincode vergeten haha.",
        "Weet jij hoe je het wachtwoord van je pc sterker maakt? Onze ICT-tips staan op intranet.",
        "Ben jij ook je wachtwoord vergeten? De ICT-helpdesk helpt je graag.",
        "Heb je vragen over de code van de sleutelkluis? Bel de teamleider.",
        "Tot slot is de printer kapot, dus geen flyers.",
        "Onze deur staat altijd open voor vragen.",
        "Mijn fietsslot is kapot, dus ik kwam lopend.",
        "De lift doet het niet, dus iedereen nam de trap.",
        "Het nieuwe alarmsysteem werkt super, wat een verbetering!",
        "Vandaag de brandalarm-oefening gedaan, iedereen stond in 3 minuten buiten!",
    ],
)
def test_harmless_codes_locks_and_doors_are_not_security_details(text):
    # The rules' own exceptions; the whole check, model included, is measured by test_regression and make bench-guard.
    assert "confidential" not in check(text, "linkedin", learned=False).categories


# 2. The platform length counts the link the share flow appends.


def test_x_counts_an_appended_link_as_23_after_a_space():
    text = "a" * 275
    assert not findings(text, "x", category="platform")
    found = findings_with_link(text, "x")
    assert found and found[0].severity == "block"
    assert "299" in found[0].message and "link" in found[0].message
    assert not findings_with_link("a" * 256, "x")  # 256 + 1 + 23 = 280


def test_mastodon_counts_every_url_as_23():
    assert not findings_with_link("a" * 475, "mastodon")  # 475 + 2 + 23 = 500
    assert findings_with_link("a" * 476, "mastodon")


def test_bluesky_counts_the_link_in_graphemes():
    link = SHORT_LINK  # 38 characters
    assert not findings_with_link("a" * (300 - 2 - len(link)), "bluesky")
    assert findings_with_link("a" * (301 - 2 - len(link)), "bluesky")


@pytest.mark.parametrize("network, length", [("linkedin", 3000), ("facebook", MAX_TEXT)])
def test_networks_that_take_the_link_apart_do_not_count_it(network, length):
    assert not findings_with_link("a " * (length // 2), network)


def test_instagram_counts_the_link_in_the_copied_caption():
    assert findings_with_link("a" * 2190, "instagram")


def test_the_message_says_the_link_was_counted_in_english_too():
    report = check("a" * 275, "x", lang="en", appended_link=SHORT_LINK)
    assert "counting the link" in report.findings[0].message


def test_a_link_in_the_text_and_an_appended_link_both_count_23_on_x():
    text = "Lees dit https://www.lindehof.nl/" + "x" * 100
    assert count(text, "x", [(9, len(text))]) == 9 + 23
    assert not findings_with_link(text, "x")


def findings_with_link(text, network):
    report = check(text, network, appended_link=SHORT_LINK)
    return [f for f in report.findings if f.category == "platform"]


# 3. The same finding is never shown twice.


DOUBLES = [
    "De code van het sleutelkastje bij de achterdeur is 4471.",
    "De pincode van de teampas is 1234.",
    "Nieuwe deurcode 4471#, de code is 4471",
    "de code van de deur is 4471, de deurcode 4471 dus",
    "Sleutelkluis code 1234 — de sleutel ligt in het kastje",
    "De code voor de sleutelkluis: 8520. Wachtwoord ECD: Zorg2024!",
]


def overlapping_pairs(report):
    found = report.findings
    return [
        (a, b)
        for i, a in enumerate(found)
        for b in found[i + 1 :]
        if a.category == b.category != "platform" and a.start < b.end and b.start < a.end
    ]


@pytest.mark.parametrize("text", DOUBLES)
def test_no_two_findings_of_one_category_overlap(text, monkeypatch):
    report = check(text, "whatsapp")
    assert report.findings and not overlapping_pairs(report)
    # The detectors do report these twice: the engine is what makes them one.
    monkeypatch.setattr(engine_module, "_without_doubles", lambda found: found)
    assert overlapping_pairs(check(text, "whatsapp"))


def test_a_bsn_of_a_client_is_one_finding_per_category():
    report = check("Meneer Jansen op kamer 12, BSN 111222333, is gisteren opgenomen.", "whatsapp")
    assert not overlapping_pairs(report)
    assert [f.category for f in report.findings].count("personal_data") == 1


def test_of_overlapping_findings_the_strictest_and_narrowest_wins():
    text = "De code van het sleutelkastje bij de achterdeur is 4471."
    found = findings(text, category="confidential")
    assert len(found) == 1 and found[0].severity == "block" and text[found[0].start : found[0].end].endswith("4471")


def test_platform_findings_about_different_limits_are_all_kept():
    text = " ".join(f"#tag{i}" for i in range(8)) + " " + "a" * 280
    assert {f.message.split(":")[0][:10] for f in findings(text, "x", category="platform")} and len(
        findings(text, "x", category="platform")
    ) == 2


# 4. More findings, and the hard negatives that stay clean.


@pytest.mark.parametrize(
    "text",
    [
        "De bewoner van kamer zeventien is vannacht gevallen.",
        "Meneer in bed drie had een goede nacht.",
        "Hij woont op nummer twaalf, zo gezellig.",
        "Mevrouw op kamer eenentwintig is jarig!",
        "Op kamer acht is vannacht iemand overleden.",
        "De 87-jarige uit Ommen vierde haar verjaardag bij ons op de afdeling.",
        "De meneer van 92 uit de Dorpsstraat kreeg bezoek van zijn kleinkinderen.",
        "Een mevrouw van 90 uit Deventer is vandaag bij ons opgenomen.",
        "De oude meneer die altijd bij het raam zit is vannacht overleden.",
        "De mevrouw met de rode jas is vannacht gevallen.",
        "De mevrouw van kamer twaalf kreeg bezoek.",
        "Meneer in bed nummer vijf sliep goed.",
        "Een 93-jarige dame uit Zwolle kwam vandaag bij ons wonen.",
        "Meneer (91) uit de Kerkstraat is opgenomen op de afdeling.",
        "De mevrouw die altijd zo mooi zong is gisteren overleden.",
        "Onze oudste bewoner is vannacht overleden.",
    ],
)
def test_spelled_out_rooms_ages_with_a_place_and_described_deaths_are_client_privacy(text):
    assert flags(text, "client_privacy")


def test_a_spelled_out_room_is_the_span():
    assert spans("De bewoner van kamer zeventien is gevallen.", "client_privacy") == ["kamer zeventien"]


@pytest.mark.parametrize(
    "text",
    [
        "De directeur liegt gewoon over de cijfers.",
        "Petra jat uit de pot.",
        "Ons MT pleegt fraude met de declaraties.",
        "Die teamleider is een leugenaar en een dief.",
        "Het management graait in de pot terwijl wij staan te rennen.",
        "Petra steelt onze koffie.",
        "De manager zit te liegen over het rooster.",
        "De directie heeft gewoon gelogen tegen ons.",
        "De teamleider heeft geld gestolen uit de koffiepot.",
    ],
)
def test_harsh_accusations_against_named_people_or_the_management_are_disrespect(text):
    assert flags(text, "disrespect")


@pytest.mark.parametrize(
    "text",
    [
        "Spreker Anna de Vries vertelde over dementie en muziek.",
        "Het boek van auteur Jan Brouwer over palliatieve zorg is een aanrader.",
        "Onze kat Minoes kwam vandaag op bezoek bij de bewoners.",
        "Poes Saartje is de ster van de afdeling.",
        "Het symposium is in De Reehorst, Bennekomseweg 24 in Ede.",
        "Ik spreek hier niet namens mijn werkgever, dit is mijn eigen mening.",
        "Minister Agema bezocht vandaag onze locatie.",
        "De 87-jarige vrijwilliger Bep uit Ommen helpt al jaren in de keuken.",
        "Vanavond lekker in bed een boek lezen.",
        "Kinderen liegen soms, dat hoort bij hun ontwikkeling.",
        "Ik lieg niet als ik zeg dat dit mijn mooiste dienst was.",
        "De directeur liegt niet, hij was gewoon slecht geïnformeerd.",
        "Anna stal de show met haar act.",
        "De directie liegt er niet om: het wordt een mooi jaar.",
        "Spreker Jan (67) uit Zwolle vertelde over zijn werk als mantelzorger.",
        "Wethouder Petra de Boer opende vandaag onze nieuwe tuin.",
    ],
)
def test_hard_negatives_stay_clean(text):
    # The rules' own exceptions; the whole check, model included, is measured by test_regression and make bench-guard.
    assert check(text, "linkedin", learned=False).findings == []


# 5. The check refuses a text over its maximum.


def test_a_text_over_the_maximum_is_refused_with_one_block_finding_without_analysing(monkeypatch):
    def no_analysis(*args, **kwargs):
        raise AssertionError("the engine analysed a text over the maximum")

    monkeypatch.setattr(engine_module, "Doc", no_analysis)
    text = "Meneer Jansen op kamer 12. " * 40_000  # about 1 MB
    started = time.perf_counter()
    report = check(text, "linkedin")
    assert time.perf_counter() - started < 1
    assert report.blocked and len(report.findings) == 1
    finding = report.findings[0]
    assert (finding.start, finding.end) == (0, len(text))
    assert "te lang om te controleren" in finding.message and f"{MAX_TEXT}" in finding.message
    assert "too long to check" in check(text, "x", lang="en").findings[0].message


def test_a_text_of_the_maximum_is_still_analysed():
    text = ("Vandaag met meneer Jansen op kamer 12 naar buiten. " * 500)[:MAX_TEXT]
    report = check(text, "blog")
    assert "client_privacy" in report.categories


@pytest.mark.parametrize(
    "unit",
    ["a", ".", "1", "a.", "06-12345678 ", "#zorg ", "incident ", "12,4% ", "Meneer Jansen ", "Stationsweg 12 ", "mw. "],
)
def test_a_text_of_the_maximum_in_any_shape_is_checked_in_well_under_seconds(unit):
    # Before, one 20 000-letter word took 51 s and 20 000 dots 13 s: patterns that start
    # inside a word, and windows as long as a text without full stops.
    text = (unit * MAX_TEXT)[:MAX_TEXT]
    started = time.perf_counter()
    check(text, "x")
    assert time.perf_counter() - started < 2

import pytest

from .conftest import flags, spans


@pytest.mark.parametrize(
    "text",
    [
        "De code van het sleutelkastje bij de achterdeur is 4471.",
        "FYI the key safe code is now 0815.",
        "Nieuw wachtwoord voor de teamcomputer: Zomer2026!",
        "Whiteboard met alle codes: voordeur 7734, medicijnkamer 1212 haha",
    ],
)
def test_security_codes_are_confidential(text):
    assert flags(text, "confidential")


def test_a_code_span_covers_the_code():
    text = "De code van het sleutelkastje is 4471."
    assert any("4471" in s for s in spans(text, "confidential"))


@pytest.mark.parametrize(
    "text",
    [
        "Dit is nog niet officieel, maar onze locatie in Epe gaat dicht.",
        "Het nieuwe logo wordt pas in juni gelanceerd, maar hier alvast een sneak peek!",
        "In het besloten overleg van gisteren zei de bestuurder dat de toeslag verdwijnt.",
        "Er loopt een intern onderzoek naar de medicatiefout van vorige week.",
        "Ik heb gehoord dat bij ons 30 fte moet verdwijnen.",
        "Het ziekteverzuim op onze afdeling is dit kwartaal 12,4%.",
        "Vanochtend een agressie-incident bij ons op de afdeling, de politie is ingelicht.",
    ],
)
def test_unannounced_plans_incidents_and_internal_figures_are_confidential(text):
    assert flags(text, "confidential")


@pytest.mark.parametrize(
    "text",
    [
        "Lees het rapport van de inspectie over de ouderenzorg dat vandaag is verschenen.",
        "Zoals in het persbericht staat: in Tiel opent een herstelcafé.",
        "In Nederland leven ongeveer 290.000 mensen met dementie.",
        "Om 10.00 uur gaan we naar de bakker.",
    ],
)
def test_public_information_is_not_confidential(text):
    assert not flags(text, "confidential")


def test_a_spaced_code_is_still_a_code():
    assert flags("Nieuwe toegangscode personeelsingang: 5 5 8 2 * (voor wie het gemist heeft)", "confidential")


@pytest.mark.parametrize(
    "text",
    [
        "Interne cijfers laten zien dat ons verloop dit jaar 18% is.",
        "De wifi-code voor personeel is Zorg2026!, niet doorgeven.",
        "De noodsleutel ligt nu in het blauwe kastje achter de balie.",
        "Namens het bestuur kan ik melden dat we stoppen met de locatie in Culemborg. Meer informatie volgt.",
    ],
)
def test_internal_documents_keys_and_closures(text):
    assert flags(text, "confidential")


def test_a_published_closure_is_not_confidential():
    assert not flags("Zoals in het persbericht staat, gaat de locatie in Culemborg sluiten.", "confidential")


@pytest.mark.parametrize(
    "text",
    [
        "Ik heb van mijn teamleider gehoord dat er banen verdwijnen. Officieel is er nog niks gezegd.",
        "Het bestuur heeft vandaag in de ondernemingsraad laten weten dat er 2,3 miljoen bezuinigd moet worden.",
    ],
)
def test_hearsay_about_cuts_and_figures_from_closed_meetings(text):
    assert flags(text, "confidential")


def test_medication_errors_on_our_ward_are_internal():
    assert flags("Op onze afdeling zijn de afgelopen maand drie medicatiefouten gemaakt.", "confidential")


@pytest.mark.parametrize(
    "text",
    [
        "Ik mag nog niet te veel zeggen, maar volgend jaar verandert er iets groots bij ons.",
        "Onze locatie in Brummen gaat dicht; het bestuur vertelde het in een besloten bijeenkomst.",
        "De officiële brief komt pas in januari, maar de dagbesteding stopt.",
    ],
)
def test_more_ways_of_saying_it_is_not_out_yet(text):
    assert flags(text, "confidential")


def test_a_discount_code_is_no_password():
    for text in ("Kortingscode voor de werkschoenen: LINDE10, tot vrijdag.", "De actiecode is ZOMER2026!"):
        assert not flags(text, "confidential", "whatsapp", learned=False)
    assert flags("Inlogcode voor de pc is Zomer2026!", "confidential", "whatsapp")


@pytest.mark.parametrize(
    "text",
    [
        "Vrienden vragen of ik hun buurvrouw bij ons zie. Mijn antwoord is altijd: dat mag ik niet zeggen.",
        "'Ligt mijn buurman bij jullie?' Dat mag ik niet zeggen, beroepsgeheim geldt ook aan de balie.",
    ],
)
def test_refusing_to_say_who_is_in_care_is_not_a_tease(text):
    assert not flags(text, "confidential", learned=False), spans(text, "confidential", learned=False)


def test_a_tease_about_plans_is_still_confidential():
    assert flags("We gaan fuseren met De Linde, meer mag ik niet zeggen.", "confidential", learned=False)


def test_news_read_in_the_paper_is_public():
    assert not flags("Lees net in de regionale krant dat ons ziekenhuis een nieuwe vleugel krijgt.", "confidential")

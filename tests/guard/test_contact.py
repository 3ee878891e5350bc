import pytest

from .conftest import flags


@pytest.mark.parametrize(
    "text",
    [
        "Die mevrouw van gisteren was weer erg onrustig, even opletten vanavond.",
        "Meneer T. heeft zijn medicatie weer geweigerd, graag checken bij de lunch.",
        "De zoon van die meneer op de hoek belde drie keer vandaag.",
    ],
)
def test_discussing_a_client_in_a_team_chat_is_flagged_even_without_a_name(text):
    assert flags(text, "client_contact", platform="whatsapp")


def test_a_team_chat_about_rosters_is_fine():
    assert not flags(
        "Wie kan zaterdag mijn late dienst overnemen? Ik neem jouw vroege.", "client_contact", platform="whatsapp"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Familie van onze bewoners: stuur me gerust een DM op mijn persoonlijke account.",
        "Ik app in het weekend vaak met een paar van mijn cliënten, dat vinden ze fijn.",
        "Ik heb de moeder van een cliënt mijn privénummer gegeven.",
        "Oud-cliënten die mij nog kennen: voeg me toe op Facebook!",
        "Ik heb een groepsapp gemaakt met de ouders van alle kinderen van de groep.",
    ],
)
def test_private_contact_with_clients_or_families_is_flagged(text):
    assert flags(text, "client_contact")


@pytest.mark.parametrize(
    "text",
    [
        "Een cliënt stuurde me een vriendschapsverzoek. Netjes geweigerd en uitgelegd waarom.",
        "Een familielid van een bewoner vroeg me op Facebook, maar ik heb het niet geaccepteerd.",
        "Voor vragen zijn familieleden altijd welkom bij de afdeling.",
    ],
)
def test_refusing_private_contact_is_fine(text):
    assert not flags(text, "client_contact")


def test_a_described_client_in_a_team_chat():
    text = "die man van de 3e verdieping was weer boos, wie belt zijn dochter?"
    assert flags(text, "client_contact", platform="whatsapp")


def test_inviting_families_to_app_a_private_number():
    assert flags("Familie van bewoners met vragen: app me gerust op 06 49 38 27 16!", "client_contact")


def test_explaining_that_it_cannot_is_a_refusal():
    text = "Een cliënt vroeg mij om zijn vriendin te worden op Facebook. Ik heb uitgelegd dat dat niet kan."
    assert not flags(text, "client_contact")


def test_refusing_to_send_photos_to_the_group_is_no_invitation():
    text = "Nee sorry, ik stuur geen foto's van bewoners in deze groep. Dat mag niet door privacy."
    assert not flags(text, "client_contact", platform="whatsapp")


def test_saying_no_to_a_request_in_a_dm_is_no_invitation():
    text = "Iemand vroeg in mijn DM of ik filmpjes van de bewoners wil posten. Nee schat, dat doe ik niet."
    assert not flags(text, "client_contact")

"""Identifiers written in the less usual ways: spelled out, ISO dates, house-number suffixes, Belgian formats."""

import pytest

from deelwijs.guard.numbers import number_words, spelled_year

from .conftest import flags, spans


def test_number_words():
    words = number_words()
    assert words["drieënveertig"] == 43
    assert words["eenennegentig"] == 91
    assert words["forty-two"] == 42
    assert spelled_year("negentienachtenzestig") == 1968
    assert spelled_year("negentienhonderdtweeëndertig") == 1932
    assert spelled_year("tweeduizend en elf") == 2011
    assert spelled_year("negentien") is None


@pytest.mark.parametrize(
    "text, number",
    [
        ("Bel me maar even: nul zes, drieëntwintig, zeventig, elf, vijfenvijftig.", "nul zes, drieëntwintig"),
        ("Call me on zero six, eleven, twenty-two, thirty-three, forty-four.", "zero six"),
        ("Sms mij gerust op nul vier negen twee, tien, twintig, dertig.", "nul vier negen twee"),
        ("Mijn gsm is veranderd, het is nu 0487 11 22 33.", "0487 11 22 33"),
        ("Mijn Engelse nummer: +44 7700 900123.", "+44 7700 900123"),
        ("Bel me thuis, 06 – 21 43 65 87.", "06 – 21 43 65 87"),
    ],
)
def test_phone_numbers_in_odd_formats(text, number):
    assert any(s.startswith(number) for s in spans(text, "personal_data")), spans(text, "personal_data")


def test_a_business_landline_stays_free():
    assert not flags("De winkel is open tot zes uur, bel de kassa op 0493 12 34 00.", "personal_data")


@pytest.mark.parametrize(
    "text",
    [
        "Ik ben geboren op 1979-02-28, een schrikkeldag bijna.",
        "Hij is op 3-5-1961 geboren in Tiel.",
        "Mijn geboortedatum voor het formulier: elf oktober negentienachtenzestig.",
        "Gefeliciteerd Jan, geboren op twee mei tweeduizend en vier!",
        "Dhr. P. Verbeek, 04-11-1942, graag even bellen.",
        "Onze Sanne (1996-08-19) is jarig!",
    ],
)
def test_dates_of_birth_in_any_form(text):
    assert flags(text, "personal_data")


@pytest.mark.parametrize(
    "text",
    [
        "De vergadering van 12 maart 2026 gaat niet door.",
        "Op 2025-10-01 start het nieuwe rooster.",
        "Het jaarverslag van 2024-03-15 staat online.",
    ],
)
def test_other_dates_are_no_date_of_birth(text):
    assert not flags(text, "personal_data")


@pytest.mark.parametrize(
    "text, address",
    [
        ("We zijn verhuisd naar de Meidoornstraat 17-III in Leiden.", "Meidoornstraat 17-III"),
        ("Mijn nieuwe adres: Vlasakker 4 bis, Ede.", "Vlasakker 4 bis"),
        ("Hij woont nu op de Kerkweg 21hs.", "Kerkweg 21hs"),
        ("Kaartjes voor haar mogen naar de Plataanlaan 9 bus 3, 2000 Antwerpen.", "Plataanlaan 9 bus 3"),
        ("Ik heb een nieuw huis! Het is Berkenhof 12b in Wijchen.", "Berkenhof 12b"),
    ],
)
def test_home_addresses_with_a_suffix_or_a_cue_nearby(text, address):
    assert any(s.startswith(address) for s in spans(text, "personal_data")), spans(text, "personal_data")


def test_a_venue_address_stays_free():
    assert not flags("Open huis in het buurthuis, Kerkstraat 14b, iedereen welkom!", "personal_data")


@pytest.mark.parametrize(
    "text",
    [
        "Pt-nr 8812034 moet nog naar de röntgen.",
        "Het bewonersnummer van mevrouw K. is 30417, voor de apotheek.",
        "Patient no. 5523019 is ready for discharge.",
        "Het rijksregisternummer van meneer is 45.07.12-211.58.",
    ],
)
def test_client_numbers_and_national_numbers(text):
    assert flags(text, "personal_data")


def test_a_clients_own_client_number_is_no_privacy_breach_of_another():
    text = "Mijn cliëntnummer is 40512, dat moet ik altijd noemen."
    assert flags(text, "personal_data")
    assert not flags(text, "client_privacy")


def test_belgian_free_mail_is_private():
    assert flags("Mail me gerust op an.peeters@telenet.be voor het rooster.", "personal_data")


@pytest.mark.parametrize(
    "text, address",
    [
        # The house number written out, perhaps after "nummer".
        ("Ik weet waar hij woont: Molenweg nummer negen, Culemborg.", "Molenweg nummer negen, Culemborg"),
        ("Ik woon aan de Dorpsstraat twaalf.", "Dorpsstraat twaalf"),
        ("Ik woon aan de Kerkstraat nummer een.", "Kerkstraat nummer een"),  # "een" after "nummer" is one
        # A street in lower case, as chats write it, when it is a street deduce knows.
        ("we verzamelen bij mij thuis, esdoornstraat drieëntwintig, bel ff aan", "esdoornstraat drieëntwintig"),
        # An address given as one, whatever the street is called.
        ("Feestje bij haar thuis! Adres: Hoge Ham 114, Dongen.", "Hoge Ham 114"),
    ],
)
def test_addresses_written_out_in_lower_case_or_labelled(text, address):
    assert spans(text, "personal_data") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Ik woon al jaren in de Kerkstraat een beetje buiten het dorp.",  # "een" is no house number
        "Ik woon in de Dorpsstraat een in Ede, hoor.",  # not with a place after it either
        "Ik ben weer thuis, onderweg 3 uur in de file gestaan.",  # a word ending like a street
        "Adres: Theater De Lampegiet, Stationsweg 4 in Veenendaal.",  # a venue
    ],
)
def test_what_only_looks_like_an_address_is_not_one(text):
    assert not flags(text, "personal_data"), spans(text, "personal_data")

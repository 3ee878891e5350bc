import pytest

from deelwijs.guard.detectors.identifiers import elf_proef, national_number

from .conftest import flags, spans


@pytest.mark.parametrize(
    "number, valid",
    [("111222333", True), ("123456782", True), ("123456789", False), ("000000000", False), ("12345678", False)],
)
def test_elf_proef(number, valid):
    assert elf_proef(number) is valid


@pytest.mark.parametrize("written", ["123456782", "1234.56.782", "123 45 6782", "123-456-782"])
def test_it_finds_a_valid_bsn_in_any_notation(written):
    text = f"Kun je dit nummer even opzoeken: {written}?"
    assert spans(text, "personal_data") == [written]


def test_it_finds_an_invalid_bsn_when_it_is_called_one():
    assert flags("Zijn BSN is 2619.73.069, kun je het checken?", "personal_data")


def test_it_ignores_nine_digits_that_fail_the_elf_proef_without_a_cue():
    assert not flags("We haalden dit jaar 123456789 stappen bij elkaar voor het goede doel.", "personal_data")


@pytest.mark.parametrize(
    "written",
    [
        "0612345678",
        "06-12345678",
        "06 12 34 56 78",
        "06-1234 5678",
        "06 - 1829 - 3746",
        "(06) 1234 5678",
        "+31 6 1234 5678",
        "+31 (0)6 12345678",
        "+31612345678",
        "0031 6 12 34 56 78",
        "06.12.34.56.78",
    ],
)
def test_it_finds_mobile_numbers_in_every_common_notation(written):
    text = f"Bel me gerust op {written} als je vragen hebt."
    assert spans(text, "personal_data") == [written]


@pytest.mark.parametrize(
    "text",
    [
        "Voor vragen: bel onze receptie op 088 450 12 00.",
        "Bel gratis 0800-0113 als je met iemand wilt praten.",
        "Kijk op de website of bel 038 421 88 00 voor een afspraak.",
    ],
)
def test_it_leaves_general_numbers_alone(text):
    assert not flags(text, "personal_data")


def test_a_landline_called_private_is_personal():
    assert flags("Mijn privénummer thuis is 0314 36 22 00.", "personal_data")


def test_the_organisations_own_number_is_never_personal(lindehof):
    text = "Vragen? Ons nummer 06 11 22 33 44 is dag en nacht bereikbaar."
    assert flags(text, "personal_data")
    lindehof.public_contacts.append("06 11 22 33 44")
    assert not flags(text, "personal_data", policy=lindehof)


def test_national_number_normalises_international_forms():
    assert national_number("+31 (0)6 12345678") == "0612345678"
    assert national_number("0031 6 12 34 56 78") == "0612345678"


@pytest.mark.parametrize(
    "written",
    [
        "j.jansen1987@gmail.com",
        "marieke [at] hotmail [dot] com",
        "kees(at)ziggo.nl",
        "anna at kpnmail.nl",
    ],
)
def test_it_finds_private_email_also_obfuscated(written):
    text = f"Mail gerust naar {written} voor de foto's."
    assert spans(text, "personal_data") == [written]


@pytest.mark.parametrize(
    "text",
    [
        "Aanmelden via info@welzijnsamenloop.nl of bel het kantoor.",
        "Stuur je cv naar werkenbij@ggzrivierland.nl.",
        "Vragen over de cursus? vrijwilligers@hospicedevlinder.nl helpt je graag.",
    ],
)
def test_role_addresses_of_organisations_are_not_personal(text):
    assert not flags(text, "personal_data")


def test_addresses_on_the_organisations_domain_are_not_personal(lindehof):
    assert not flags("Mail Marit via m.degroot@lindehof.nl, zij weet ervan.", "personal_data", policy=lindehof)


def test_it_finds_a_date_of_birth_only_with_a_cue():
    assert spans("Ik ben geboren op 9 oktober 1955 in Deventer.", "personal_data") == ["9 oktober 1955"]
    assert flags("Geboortedatum: 17/04/1991, voor de verjaardagskalender.", "personal_data")
    assert not flags("Op 12-07-2026 openen we de nieuwe tuin.", "personal_data")


def test_it_finds_a_home_address():
    text = "We verzamelen bij mij thuis, Kastanjelaan 14 in Dieren."
    assert spans(text, "personal_data") == ["Kastanjelaan 14 in Dieren"]
    assert flags("Kaartjes kunnen naar Merelstraat 8, 3514 CD Utrecht.", "personal_data")


def test_the_address_of_a_public_venue_is_not_personal():
    assert not flags("De inloop is in buurthuis De Schakel, Marnixlaan 120 in Utrecht.", "personal_data")


def test_a_client_number_is_personal_data_and_client_privacy():
    text = "Patiënt met patiëntnummer 4483107 heeft zijn jas laten liggen."
    assert flags(text, "personal_data") and flags(text, "client_privacy")


def test_an_identifier_of_a_client_also_breaks_privacy():
    text = "Wil iemand de dochter van mevrouw Smit bellen? Haar nummer is 06 2193 8846."
    assert flags(text, "client_privacy") and flags(text, "personal_data")


def test_an_identifier_of_the_writer_is_personal_data_only():
    text = "Ik ben dit weekend niet op de groep. Ouders kunnen me bereiken op 06-31749260."
    assert flags(text, "personal_data")
    assert "06-31749260" not in spans(text, "client_privacy")


@pytest.mark.parametrize("written", ["nul zes, 4 1 2 3 8 8 7 6", "0 6 1 2 3 4 5 6 7 8", "nul zes 12 34 56 78"])
def test_it_finds_phone_numbers_written_out_or_spaced(written):
    text = f"Mijn nieuwe nummer is {written}, sla maar op."
    assert spans(text, "personal_data") == [written]


def test_it_finds_a_spaced_bsn_that_passes_the_elf_proef():
    assert flags("nummer: 1 2 3 4 5 6 7 8 2 graag invullen", "personal_data")


def test_it_finds_a_spoken_email_address():
    text = "Mail voor de cadeaulijst: s.dekker1979 apenstaartje hotmail punt com. Dank!"
    assert spans(text, "personal_data") == ["s.dekker1979 apenstaartje hotmail punt com"]

import pytest

from .conftest import flags, spans


@pytest.mark.parametrize(
    "text, span",
    [
        ("Wat een gezellige middag met mevrouw Verbeek, ze lachte de hele tijd.", "mevrouw Verbeek"),
        ("Meneer K. wilde vandaag voor het eerst weer mee wandelen.", "Meneer K."),
        ("De familie Bakker bracht taart mee voor de hele afdeling.", "familie Bakker"),
        ("Vandaag zong meneer van der Wal zijn lievelingslied voor ons.", "meneer van der Wal"),
        ("Ik heb vandaag lang gepraat met meneer jansen over zijn oorlogsjaren.", "meneer jansen"),
    ],
)
def test_a_client_named_with_a_title_is_identifiable(text, span):
    assert span in spans(text, "client_privacy")


@pytest.mark.parametrize(
    "text",
    [
        "Noor (9) mocht vandaag eindelijk naar huis na drie weken op de kinderafdeling.",
        "Onze bewoner Gerrit vierde gisteren zijn 90ste verjaardag met taart.",
        "Let op bij Willem op kamer 4, hij is vannacht gevallen.",
        "De ouders van Daan belden vanochtend over het kamp.",
    ],
)
def test_a_first_name_in_a_care_context_is_identifiable(text):
    assert flags(text, "client_privacy")


@pytest.mark.parametrize(
    "text",
    [
        "Collega Marit viert vandaag haar 25-jarig jubileum in dienst. Gefeliciteerd!",
        "Trots op mijn dochter Eva, die vandaag begon als verpleegkundige.",
        "Dank aan Ruben van de ICT-afdeling voor alle hulp bij de tablets.",
        "Een cliënt vertelde me vandaag dat ze weer durft te fietsen.",
        "Onze bewoners genoten vanmiddag van de zon in de tuin.",
        "Wat een inspirerende lezing van minister De Jonge over de zorg van morgen.",
    ],
)
def test_colleagues_family_public_figures_and_anonymous_stories_are_fine(text):
    assert not flags(text, "client_privacy")


def test_staff_names_from_the_policy_are_colleagues(lindehof):
    text = "Sandra Visser liep vandaag mee op de afdeling van de dagbesteding."
    assert not flags(text, "client_privacy", policy=lindehof)


@pytest.mark.parametrize(
    "text",
    [
        "Kamer 12 heeft vandaag haar eerste stapjes gezet.",
        "De meneer op kamer 214 mocht eindelijk naar huis.",
        "Vandaag koffie gedronken met mevrouw van nummer 23.",
    ],
)
def test_room_and_house_numbers_identify(text):
    assert flags(text, "client_privacy")


def test_a_known_person_receiving_care_is_identifiable():
    assert flags("Raad eens wie er vandaag op de SEH binnenkwam: mijn oude buurman van de bakkerij!", "client_privacy")
    assert flags("Mijn buurvrouw zit sinds deze week bij ons op de dagbesteding.", "client_privacy")


def test_a_combination_of_details_identifies():
    text = "Die 7-jarige jongen uit Harderwijk mocht na zijn niertransplantatie vandaag naar huis."
    assert flags(text, "client_privacy")


def test_one_detail_alone_does_not_identify():
    assert not flags("Een meneer van 89 vertelde me vandaag over zijn jeugd.", "client_privacy")


def test_a_selfie_with_a_client_is_flagged_but_a_team_photo_is_not():
    assert flags("Selfie met mijn lievelingsbewoner, ze is de grappigste van de afdeling!", "client_privacy")
    assert not flags("Foto van ons team bij zonsopgang. Alleen collega's, geen patiënten.", "client_privacy")


def test_an_injury_counts_as_a_detail():
    text = "Onze bewoonster van 101 jaar uit Brummen, die vorige maand haar heup brak, danste vandaag."
    assert flags(text, "client_privacy")


def test_a_clients_street_identifies():
    assert flags("Wie weet het huisnummer van de nieuwe cliënt in de Kerkstraat?", "client_privacy")
    assert not flags("Onze nieuwe locatie aan de Kerkstraat opent in mei.", "client_privacy")


def test_a_photo_with_someone_the_post_shows_is_a_client():
    assert flags("Met deze lieverd op de foto 😍 Ze is al 98! #bewoner", "client_privacy")
    assert not flags("We sturen elkaar foto's van onze honden, zegt een bewoner.", "client_privacy")


def test_a_former_teacher_at_the_memory_clinic_is_a_known_person():
    assert flags("Vorige week kwam mijn oude gymleraar bij ons op de geheugenpoli.", "client_privacy")


def test_a_room_code_after_a_relative_identifies():
    assert flags("Kan iemand de familie van 4b bellen over de kerstviering?", "client_privacy")


def test_a_named_person_with_personal_details_in_a_care_story():
    text = "Om elf uur haalden we een jongeman op. Hij heet Jesse, is 19 en woont in Amersfoort. We konden hem opnemen."
    assert flags(text, "client_privacy")


def test_a_pseudonym_is_not_identifying():
    text = (
        "Ik begeleid een jonge vrouw. Ik noem haar hier Sara, dat is niet haar echte naam. Ze woont sinds een jaar "
        "zelfstandig."
    )
    assert not flags(text, "client_privacy")


def test_a_colleagues_surname_does_not_hide_a_client_with_that_name(lindehof):
    lindehof.staff_names.append("Marieke Jansen")
    assert flags("Vandaag zong mevrouw Jansen haar lievelingslied op de afdeling.", "client_privacy", policy=lindehof)
    assert not flags(
        "Marieke Jansen liep vandaag mee op de afdeling van de dagbesteding.", "client_privacy", policy=lindehof
    )


@pytest.mark.parametrize(
    "text",
    [
        "Wie neemt morgen de ochtendzorg bij nr 14 over? Ze moet om 8 uur haar insuline hebben",
        "Mw uit 3 zat weer te schelden op de gang.",
        "Een meisje van 15 uit Almelo dat ik begeleidde na haar suïcidepoging, gaat weer naar school.",
        "De vader van een van onze pupillen kwam verhaal halen. Het gaat om het gezin van de bakker in de Dorpsstraat.",
    ],
)
def test_house_numbers_short_titles_conditions_and_streets(text):
    assert flags(text, "client_privacy")


@pytest.mark.parametrize(
    "text",
    [
        "Aanstaande vrijdag komt zanger Henk Dekker bij ons optreden met Hollandse liedjes!",
        "Applaus voor locatiemanager Henk Brouwer, die de zomerbarbecue weer regelde.",
        "Boekentip: het nieuwe boek van jeugdzorgexpert Jolien Mertens.",
        "Vanavond op de radio: Pieter, revalidatiearts in ons centrum, over de zorg bij ons op de afdeling.",
    ],
)
def test_a_person_named_with_a_public_role_or_job_is_no_client(text):
    assert spans(text, "client_privacy", "facebook", learned=False) == []


def test_a_known_person_who_is_now_a_resident_still_is():
    text = "Schaatser Jan van Dijk uit Meerveld, ooit Nederlands kampioen, is onze nieuwste bewoner."
    assert spans(text, "client_privacy", "facebook", learned=False)


@pytest.mark.parametrize(
    "text",
    [
        "Vandaag nemen we afscheid van onze collega Ineke, die eenendertig jaar in de zorg werkte.",
        "Gefeliciteerd collega Femke Hartog, 25 jaar ergotherapeut bij Vechtstroom!",
        "Grateful for my colleague imam Yusuf Karaman, who has served patients here for twenty years.",
        "Dutch lesson of the day. My colleagues on the ward were very patient.",
        "Casus voor de intervisie (gefingeerd, namen verzonnen): 'meneer De Boer', 78, wil geen hulp.",
        "Oefencasus (verzonnen, lijkt op niemand): mevrouw A., 88, valt twee keer per week.",
        "Onze bus heet 'Bertha', naar de kat van de afdeling. Bertha de kat sliep de hele doop door.",
        "Reminder: team meeting moved to Thursday 10:00, room 3.12.",
        "De scholing over valpreventie is in kamer 2.04.",
    ],
)
def test_colleagues_made_up_names_pets_and_meeting_rooms_are_no_clients(text):
    assert not flags(text, "client_privacy", learned=False), spans(text, "client_privacy", learned=False)


@pytest.mark.parametrize(
    "text, span",
    [
        ("Bewoner Kees Hartog (81) is gisteren gevallen.", "Kees Hartog"),
        ("Het overleg over mevrouw op kamer 12 is verplaatst.", "kamer 12"),
        ("Bewoner Bertha de Kat is gisteren gevallen.", "Bertha"),
    ],
)
def test_clients_beside_those_words_are_still_found(text, span):
    assert span in spans(text, "client_privacy", learned=False)


@pytest.mark.parametrize(
    "text",
    [
        "Geachte mevrouw Jansen,\n\nDank voor de gezellige middag.\n\nMet vriendelijke groet,\nmevrouw Lammers",
        "Geachte directie, graag zet ik de vrijwilliger in het zonnetje. Hoogachtend, mevrouw G. Lammers",
        "Mijn kleindochter Fleur (15) leerde me vandaag hoe ik een foto bijsnijd.",
        "In onze onboarding werken we met een fictieve bewoner, meneer Bakker, 82 jaar.",
    ],
)
def test_a_letters_greeting_and_signature_own_family_and_fictional_residents_are_no_clients(text):
    assert not flags(text, "client_privacy", learned=False), spans(text, "client_privacy", learned=False)


def test_a_client_greeted_in_a_post_is_still_found():
    text = "Beste mevrouw Jansen, gefeliciteerd met uw 100ste verjaardag op de afdeling!"
    assert spans(text, "client_privacy", learned=False) == ["mevrouw Jansen"]

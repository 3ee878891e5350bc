import pytest

from .conftest import flags


@pytest.mark.parametrize(
    "text",
    [
        "Namens Zorggroep Lindehof kan ik toezeggen dat niemand zijn baan verliest.",
        "Wij garanderen dat iedere aanmelding binnen een week een gesprek krijgt.",
        "Daar kunnen jullie ons aan houden: de locatie blijft open.",
        "De directie heeft besloten dat het bezoekuur vervalt, en ik mag het als eerste delen!",
        "Ik beloof jullie dat het parkeren gratis wordt.",
    ],
)
def test_promises_and_announcements_speak_for_the_organisation(text):
    assert flags(text, "speaks_for_org")


@pytest.mark.parametrize(
    "text",
    [
        "Op persoonlijke titel: ik maak me zorgen over de eigen bijdrage.",
        "Ik werk al twintig jaar in de thuiszorg en ik ben trots op ons vak.",
        "Mooi nieuws uit het persbericht: er komt een herstelcafé.",
        "Vandaag trakteert de directie op ijs voor alle collega's.",
    ],
)
def test_own_experience_is_fine(text):
    assert not flags(text, "speaks_for_org")


def test_we_as_the_organisation_promising_is_speaking_for_it():
    assert flags("Wij als thuiszorg beloven dat u nooit lang hoeft te wachten.", "speaks_for_org")


def test_standing_guarantee_for_the_organisation():
    assert flags(
        "Wij staan garant voor kwaliteit: iedere cliënt krijgt binnen 24 uur een contactpersoon.", "speaks_for_org"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Ik spreek hier nadrukkelijk niet namens het ziekenhuis, maar ik vind dit een goede stap.",
        "Op persoonlijke titel, en zeker niet namens De Linde of de OR.",
        "Ik spreek op dit account nooit namens Zorggroep De Linde.",
        "I'm not speaking on behalf of Eemland here, just sharing my own experience.",
    ],
)
def test_saying_you_do_not_speak_for_the_organisation_is_no_spokesperson(text):
    assert not flags(text, "speaks_for_org", learned=False)


def test_speaking_on_behalf_of_the_organisation_still_is():
    assert flags("Namens De Linde wil ik alle vrijwilligers bedanken.", "speaks_for_org", learned=False)

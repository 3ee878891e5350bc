import pytest

from deelwijs.guard import Policy, check

from .conftest import findings, flags, spans


@pytest.mark.parametrize(
    "text, word, use",
    [
        ("Vandaag met onze klanten naar de markt.", "klanten", "cliënt"),
        ("Een klantreis voor de poli, goed idee!", "klantreis", "cliënt"),
        ("Weer een bejaarde op de gang.", "bejaarde", "oudere"),
        ("Vroeger heette dit een bejaardentehuis.", "bejaardentehuis", "woonzorgcentrum"),
        ("Ik werk al jaren in de gehandicaptenzorg.", "gehandicaptenzorg", "mensen met een beperking"),
        ("Onze verslaafden verdienen respect.", "verslaafden", "mensen met een verslaving"),
    ],
)
def test_tone_of_voice_words_in_any_inflection_or_compound(text, word, use):
    found = findings(text, category="word_choice")
    assert [text[f.start : f.end] for f in found] == [word]
    assert found[0].suggestion == use and found[0].severity == "hint"


def test_words_that_only_look_alike_are_fine():
    assert not flags("Ook mensen met dementie en dementerende ouderen zijn welkom.", "word_choice")


def test_the_organisation_sets_its_own_word_list():
    policy = Policy.from_dict({"word_list": [{"avoid": ["personeel"], "use": "medewerkers"}]})
    assert spans("Het personeel was blij.", "word_choice", policy=policy) == ["personeel"]
    assert not flags("Onze klanten waren blij.", "word_choice", policy=policy)


@pytest.mark.parametrize(
    "text, typo, suggestion",
    [
        ("Gisteren mijn laatste dag in het ziekehuis.", "ziekehuis", "ziekenhuis"),
        ("Bedankt lieve collegaas!", "collegaas", None),
        ("Wat een geweldge dag was het.", "geweldge", "geweldige"),
        ("Gefeliciteert met je diploma!", "Gefeliciteert", "Gefeliciteerd"),
        ("Samen met de vrijwiligers naar het park.", "vrijwiligers", "vrijwilligers"),
    ],
)
def test_it_finds_typos_with_a_suggestion(text, typo, suggestion):
    found = findings(text, category="spelling")
    assert [text[f.start : f.end] for f in found] == [typo]
    if suggestion:
        assert found[0].suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Vandaag gaan Sanne en Pieter met de bewoners naar Zutphen.",
        "Lees meer op www.lindehof.nl/nieuws #ouderenzorg @zorggroeplindehof",
        "Proud to be a nurse, what a great nightshift with my team!",
        "Ff checken: iig morgen idd om tien uur?",
        "De ouderenzorgverpleegkundige en de snoezelruimte zijn helemaal nieuw 💜✨",
        "Dáárom doe ik dit werk, één keer per week.",
    ],
)
def test_names_links_english_chat_words_compounds_and_emoji_are_not_misspellings(text):
    assert not flags(text, "spelling")


def test_blocked_terms_from_the_policy_block():
    policy = Policy.from_dict({"blocked_terms": [{"term": "Project Zwaluw", "reason": "Nog geheim."}]})
    found = findings("Binnenkort meer over project zwaluw!", policy=policy, category="confidential")
    assert found and found[0].severity == "block" and "Nog geheim." in found[0].message


def test_a_blog_without_the_required_disclaimer_gets_a_hint():
    policy = Policy.from_dict({"blog_disclaimer": "Deze blog schrijf ik op persoonlijke titel."})
    assert flags("Over mijn werk in de wijk.", "speaks_for_org", platform="blog", policy=policy)
    text = "Over mijn werk in de wijk.\n\nDeze blog schrijf ik op persoonlijke titel."
    assert not flags(text, "speaks_for_org", platform="blog", policy=policy)
    assert not check("Over mijn werk.", "linkedin", policy).findings


def test_usernames_with_underscores_are_not_spell_checked():
    assert not flags("Je vindt me op Snapchat: zorgjuf_anne", "spelling")

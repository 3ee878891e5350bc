"""Spelling: what is not a typo (Flemish, dialect, slang, loans, compounds, medical terms) and what still is."""

import pytest

from .conftest import flags, spans


@pytest.mark.parametrize(
    "text",
    [
        "Amai, wat een plezante namiddag was da, allez!",
        "Ge zijt een schat, merci voor de hulp met de permanentie.",
        "Houdoe en bedankt, tot morgen op de groep!",
        "Wollah dit was echt een skeer weekje, gwn moe.",
        "Shoutout naar het nachtteam, lowkey de beste ploeg.",
        "Vandaag een teambuilding en daarna nog even gepost.",
        "De bewoners genoten van het afdelingsontbijt en de bejaardengym.",
        "We hadden een tweestapsverificatie nodig voor het nieuwe rooster.",
        "Uitleg over hypokaliëmie en trombocytopenie op de scholing.",
        "Het cliëntnr staat op de map.",
    ],
)
def test_words_that_are_right_where_they_are_written(text):
    assert not flags(text, "spelling"), spans(text, "spelling")


@pytest.mark.parametrize(
    "text, typo",
    [
        ("Morgen is de teamvergadring om tien uur.", "teamvergadring"),
        ("Wie neemt mijn nachtdiesnt over?", "nachtdiesnt"),
        ("Ik vond het een geweldich feest.", "geweldich"),
        ("We hebben mischien te weinig handen.", "mischien"),
    ],
)
def test_typos_are_still_found(text, typo):
    assert spans(text, "spelling") == [typo]


@pytest.mark.parametrize(
    "text",
    [
        # Limburgish words hunspell does not know, with no word list entry: several at once.
        "Gister hebbe veer mit de luuj vaan de groep gesjpeeld, det waor sjoen!",
        # Sranan in Surinamese Dutch.
        "Odi famiri, grantangi voor de switi middag met de pikin van de buurt.",
        # Frisian, written in whole sentences.
        "Hjoed wiene wy mei de bewenners op it skûtsje, tige noflik! Moarn sjonge wy wer.",
    ],
)
def test_a_post_in_dialect_or_another_language_gets_no_spelling_hints(text):
    assert not flags(text, "spelling"), spans(text, "spelling")


def test_one_typo_among_dialect_words_below_the_evidence_is_still_found():
    # One unknown word and one dialect word: too little to read the post as dialect.
    assert spans("Houdoe, de teamvergadring is morgen om tien uur.", "spelling") == ["teamvergadring"]


@pytest.mark.parametrize(
    "text",
    [
        # A word or a phrase in a language colleagues and families mix in (wordfreq's lists for them).
        "Kerstdiner met de collega's, ik nam pierogi mee van thuis 🥟",
        "Obrigada meninas, jullie zijn toppers! Tot morgen.",
        "Na de nachtdienst eindelijk Feierabend, wer kommt mee ontbijten?",
        "Dziękuję kochani voor de kaart, jullie zijn lief ❤️",
    ],
)
def test_words_common_in_another_language_are_not_dutch_typos(text):
    assert not flags(text, "spelling"), spans(text, "spelling")


@pytest.mark.parametrize(
    "text, typo",
    [
        # One such word, a letter from a much more frequent Dutch word: a Dutch word mistyped.
        ("Ik ben jullie zo dankbar voor alle steun.", "dankbar"),
        # Spanish for colleague, but in a Dutch post a missing l; English mixed in ("gain") is no evidence.
        ("Mijn nieuwe colega is top, big gain voor het team.", "colega"),
        # Indonesian spells Dutch loans by ear: its words are Dutch typos, so it is not among the languages.
        ("Veel sukses met jullie nieuwe baan!", "sukses"),
    ],
)
def test_a_dutch_word_mistyped_into_another_languages_word_is_still_a_typo(text, typo):
    assert spans(text, "spelling") == [typo]


@pytest.mark.parametrize(
    "text",
    [
        # Medicines by their INN stem (lists/drug_stems.txt).
        "Let op bij trimethoprim met spironolacton: kalium prikken.",
        "Medicatie: oxybutynine, tamsulosine en een bisfosfonaat.",
        "Oxycodon alleen op voorschrift van de arts.",
        # Greetings in Arabic and youth slang.
        "Marhaba allemaal, en shukran voor de taart!",
        "pov: je doet één keer vrijwilligerswerk en nu is een geit je beste vriend",
    ],
)
def test_medicines_greetings_and_slang_are_no_typos(text):
    assert not flags(text, "spelling"), spans(text, "spelling")


@pytest.mark.parametrize(
    "text, typo",
    [
        ("De nieuwe douchestoel is eindelijk binnnen.", "binnnen"),
        ("Vanmorgen was de koffieochtend weer heel gezelllig.", "gezelllig"),
        ("Ik ben zo dankbaaar voor dit werk.", "dankbaaar"),
        ("Wel even van tevoren belllen graag.", "belllen"),
    ],
)
def test_a_letter_struck_three_times_in_a_longer_word_is_a_typo(text, typo):
    assert spans(text, "spelling") == [typo]


@pytest.mark.parametrize(
    "text",
    [
        "Jaaa, het is gelukt! Graaag gedaan hoor, heeel leuk.",
        "Yesss, we hebben gewonnen. Ssst, niet verder vertellen.",
        "Wat een dag, zooooo moe maar blij.",
    ],
)
def test_words_drawn_out_on_purpose_are_no_typos(text):
    assert not flags(text, "spelling"), spans(text, "spelling")


@pytest.mark.parametrize(
    "text",
    [
        "De sjleutels van de kast, de taart sjteit in de teamkamer.",  # Limburgish "sj"
        "Over drie mnd evalueren we, de ambu is onderweg naar de neuro.",
        "Dark humour is geen copingmechanisme.",  # English part, Dutch part
        "De afdeling neurorevalidatie zoekt een fysiotherapeut.",  # medical first part
        "selfie met mijn maatje daan van de dagbesteding",  # a name in lower case
    ],
)
def test_regional_spellings_care_shortenings_and_mixed_compounds_are_no_typos(text):
    assert not flags(text, "spelling"), spans(text, "spelling")


def test_an_english_stem_before_a_short_dutch_ending_is_still_a_typo():
    assert spans("Ze willen het niet permiteren.", "spelling") == ["permiteren"]

import pytest

from .conftest import flags, spans


@pytest.mark.parametrize(
    "text",
    [
        "Die nieuwe planner is echt een idioot.",
        "Wat een stelletje nietsnutten bij de gemeente.",
        "Wat een ondankbare mensen, die familie van kamer 3.",
        "Die stagiair is zo dom als het achtereind van een varken.",
        "Godverdomme, weer een familie die staat te schreeuwen.",
        "Haha die mevrouw met haar hoed, net een kip op stelten.",
        "Ik zeg niks, maar ik denk dat ze het met de teamleider heeft 'geregeld'.",
        "What a useless prick that manager is.",
    ],
)
def test_insults_mockery_and_gossip_are_disrespectful(text):
    assert flags(text, "disrespect")


@pytest.mark.parametrize(
    "text",
    [
        "Ik ben kritisch over de aanbesteding: kleine initiatieven krijgen zo geen kans.",
        "Een arrogante houding helpt niemand, daar moeten we samen iets aan doen.",
        "Mijn moeder kreeg vorig jaar kanker, daarom loop ik mee met de sponsorloop.",
        "Ik word er soms gek van, maar ik hou van mijn werk.",
        "Mensen die schelden tegen zorgverleners: dat accepteren we niet.",
    ],
)
def test_criticism_and_care_vocabulary_are_not_disrespect(text):
    assert not flags(text, "disrespect")


@pytest.mark.parametrize("word", ["kneus", "sufferd", "zeurkous", "rotzak", "aanstellers"])
def test_the_lexicon_knows_common_dutch_insults(word):
    assert flags(f"Wat een {word} is die nieuwe manager.", "disrespect")


def test_a_weak_word_aimed_at_a_person():
    assert flags("Zo'n incompetente zak heb ik nog nooit meegemaakt.", "disrespect")


@pytest.mark.parametrize(
    "text",
    [
        "Die directeur van ons is een grap. Flapdrol.",
        "Als het u niet bevalt zoekt u maar een ander verpleeghuis. Sommige families zijn echt onmogelijk.",
        "Gisteren was die vader weer dronken aan de balie, maar dat heb je niet van mij.",
    ],
)
def test_contempt_and_gossip_in_other_words(text):
    assert flags(text, "disrespect")


@pytest.mark.parametrize(
    "text",
    [
        "Mijn stagebegeleider is geen 'strenge heks', zoals iemand uit mijn klas zei.",
        "Het is niet dom om iets te vragen.",
        "Mijn collega's stelen geen tijd als ze na een zware dienst even pauze nemen.",
    ],
)
def test_a_denied_insult_or_accusation_is_no_disrespect(text):
    assert not flags(text, "disrespect", learned=False)


@pytest.mark.parametrize(
    "text", ["Die nieuwe teamleider is een heks.", "Wat een idioot is dat.", "De directeur steelt uit de pot."]
)
def test_the_same_words_said_of_someone_are(text):
    assert flags(text, "disrespect", learned=False)


@pytest.mark.parametrize(
    "text",
    [
        "Volgens de verhalen op de gang heeft Anke van de nachtdienst iets met de kok 🤭",
        "Ik denk echt dat die twee wat met elkaar hebben, altijd samen pauze.",
        "Iedereen weet toch dat ze iets met de directeur heeft.",
        "Die graaiers van de raad van bestuur snappen niks van de vloer.",
    ],
)
def test_gossip_about_who_is_seeing_whom_and_more_words_for_contempt(text):
    assert flags(text, "disrespect", learned=False), spans(text, "disrespect")


def test_something_arranged_with_the_cook_is_no_gossip():
    assert not flags("Ze heeft iets met de kok afgesproken voor het kerstdiner.", "disrespect", learned=False)


@pytest.mark.parametrize(
    "text, threat",
    [
        ("Ik weet waar je woont, pas maar op.", "Ik weet waar je woont"),
        (
            "Als hij nog één keer schreeuwt, krijgt hij de stofzuiger over zijn kop.",
            "krijgt hij de stofzuiger over zijn kop",
        ),
        ("Ik pak je nog wel, Kees.", "Ik pak je nog wel"),
        ("Next time you do that, I know where you live.", "I know where you live"),
    ],
)
def test_threats_are_disrespect_with_a_message_of_their_own(text, threat):
    from deelwijs.guard import check

    [finding] = [f for f in check(text).findings if f.category == "disrespect"]
    assert text[finding.start : finding.end] == threat
    assert "dreiging" in finding.message


@pytest.mark.parametrize("text", ["Maak je afspraak via de website.", "Ik vind je een topcollega!"])
def test_ordinary_sentences_with_the_same_words_are_no_threat(text):
    assert not flags(text, "disrespect")

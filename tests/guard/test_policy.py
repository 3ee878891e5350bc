import json

import pytest

from deelwijs.guard import Policy, PolicyError, check


def test_policy_round_trips_through_json(lindehof):
    again = Policy.from_json(lindehof.to_json())
    assert again == lindehof


def test_the_default_word_list_is_the_labelling_list():
    avoid = {w for entry in Policy().word_list for w in entry["avoid"]}
    assert {"klant", "bejaard", "dementen", "gehandicapt", "verslaafde"} <= avoid


@pytest.mark.parametrize(
    "data, error",
    [
        ([], "JSON object"),
        ({"staff_names": "Marit"}, "list of strings"),
        ({"colour": "blue"}, "unknown policy fields"),
        ({"word_list": [{"avoid": [], "use": "x"}]}, "at least one"),
        ({"blocked_terms": [{"term": "x", "category": "nope"}]}, "unknown category"),
    ],
)
def test_bad_policies_are_refused_with_a_reason(data, error):
    with pytest.raises(PolicyError, match=error):
        Policy.from_dict(data)


def test_check_accepts_a_policy_as_plain_data():
    report = check("Collega Sandra Visser gaat met pensioen.", "linkedin", {"staff_names": ["Sandra Visser"]})
    assert not report.blocked


def test_messages_and_policy_lines_in_english():
    report = check("Bel me op 06-12345678", "facebook", lang="en")
    finding = report.findings[0]
    assert "private phone number" in finding.message and "GDPR" in finding.policy


def test_check_refuses_an_unknown_platform():
    with pytest.raises(ValueError, match="unknown platform"):
        check("Hallo", "myspace")


def test_report_to_dict_is_json_ready():
    report = check("Meneer Pietersen op kamer 4 is jarig!", "x")
    data = json.loads(json.dumps(report.to_dict()))
    assert data["blocked"] is True
    assert {f["category"] for f in data["findings"]} >= {"client_privacy"}


def test_warm_up_loads_everything_once():
    from deelwijs.guard import warm_up
    from deelwijs.guard.lexicon import lexicon

    warm_up()
    assert "Jansen" in lexicon().surnames
    assert lexicon() is lexicon()


def test_five_questions_in_both_languages():
    from deelwijs.guard import FIVE_QUESTIONS

    assert len(FIVE_QUESTIONS["nl"]) == len(FIVE_QUESTIONS["en"]) == 5

"""The engine's detectors run in an order in which each finds the shared state it reads."""

import pytest

from deelwijs.guard.detector import DetectorOrderError, Rule, check_order
from deelwijs.guard.engine import DETECTORS
from deelwijs.guard.policy import Policy
from deelwijs.guard.text import Doc


def test_the_engine_order_is_accepted_and_every_need_is_added_before_it_is_read():
    check_order(DETECTORS)
    names = [d.name for d in DETECTORS]
    assert names.index("identifiers") < names.index("privacy") < names.index("contact")
    assert names.index("identifiers") < names.index("confidential")


def test_a_detector_before_the_one_that_adds_what_it_needs_is_refused():
    by_name = {d.name: d for d in DETECTORS}
    wrong = (by_name["identifiers"], by_name["contact"], by_name["privacy"])
    with pytest.raises(DetectorOrderError, match="contact needs client_refs"):
        check_order(wrong)
    with pytest.raises(DetectorOrderError, match="privacy needs identifiers, personal"):
        check_order((by_name["privacy"], by_name["identifiers"]))


def test_needs_and_adds_must_name_shared_state_of_doc():
    with pytest.raises(DetectorOrderError, match="clients is not shared state"):
        check_order((Rule("typo", lambda doc, emit: None, adds=frozenset({"clients"})),))


def test_the_shared_state_is_initialised_by_doc_itself():
    doc = Doc("Een tekst.", "linkedin", Policy())
    assert (doc.identifiers, doc.personal, doc.client_refs, doc.appended_link) == ([], [], [], None)
    assert Doc.SHARED == {"identifiers", "personal", "client_refs"}
    assert Doc("x", "x", Policy(), appended_link="https://a.nl").appended_link == "https://a.nl"

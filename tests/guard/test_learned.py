"""The learned layer: combined with the rules, what a finding says, and the committed model."""

import re

import numpy as np
import pytest

from deelwijs.guard import check, learned
from deelwijs.guard.policy import Policy
from deelwijs.guard.text import Doc

SARCASM = "Lekker bezig weer, die nieuwe teamleider. Snapt er helemaal niks van en loopt alleen maar in de weg."
DM = "Als u vragen heeft over uw moeder, stuur me gerust een berichtje op Insta."


def learned_findings(report):
    return [f for f in report.findings if f.rule.startswith("learned.")]


def test_committed_model_loads_with_its_thresholds():
    model = learned.model()
    assert model is not None
    assert model.categories == learned.LEARNED
    assert set(model.thresholds) == set(learned.LEARNED)
    assert all(0.0 < t <= 1.01 for t in model.thresholds.values())
    assert model.weights.shape == (learned.N_FEATURES, len(learned.LEARNED))
    assert model.weights.dtype == np.float32
    # Identifiers stay with the rules: the model has no say over them.
    assert "personal_data" not in model.categories


def test_model_file_is_plain_arrays():
    with np.load(learned.MODEL_DIR / "learned.npz", allow_pickle=False) as arrays:
        assert sorted(arrays.files) == ["bias", "weights"]


def test_learned_finding_points_at_a_sentence_with_its_words():
    report = check(SARCASM, "facebook")
    [finding] = learned_findings(report)
    assert finding.category == "disrespect"
    assert finding.rule == "learned.disrespect"
    assert finding.severity == "block"
    assert SARCASM[finding.start : finding.end] == "Lekker bezig weer, die nieuwe teamleider."
    assert "kwetsend" in finding.message and "“teamleider”" in finding.message
    assert finding.policy.startswith("Wees respectvol")


def test_learned_finding_in_english():
    [finding] = learned_findings(check(DM, "instagram", lang="en"))
    assert finding.category == "client_contact" and finding.severity == "warn"
    assert DM[finding.start : finding.end] == DM
    assert "private contact" in finding.message
    # It names the words that weighed most, each one a word of the post (which ones depends on the training).
    named = re.findall(r"“([^”…]+)”", finding.message.split("mostly", 1)[1])
    assert named and all(word in DM for word in named)
    assert finding.policy.startswith("Keep contact with clients")


def test_the_rules_alone_when_asked():
    assert not learned_findings(check(SARCASM, "facebook", learned=False))


def test_a_clean_post_stays_clean():
    text = "Mooie dag gehad met de bewoners in de tuin. Wat genoten ze van de zon!"
    assert check(text, "instagram").findings == []


@pytest.fixture
def eager_model(monkeypatch):
    """A model that reports every learned category on every post: only the rules can hold it back."""
    model = learned.Model(
        weights=np.zeros((learned.N_FEATURES, len(learned.LEARNED)), dtype=np.float32),
        bias=np.full(len(learned.LEARNED), 5.0, dtype=np.float32),
        categories=learned.LEARNED,
        thresholds=dict.fromkeys(learned.LEARNED, 0.5),
        meta={},
    )
    monkeypatch.setattr(learned, "model", lambda: model)


def test_rule_finding_wins_over_the_model(eager_model):
    text = "Wat een stelletje sukkels, die managers. Verder een fijne dag gehad."
    report = check(text, "facebook")
    disrespect = [f for f in report.findings if f.category == "disrespect"]
    assert [f.rule for f in disrespect] == ["respect.respectful"]
    assert text[disrespect[0].start : disrespect[0].end] == "stelletje sukkels"
    # The categories the rules did not find come from the model, once each, on a whole sentence.
    others = learned_findings(report)
    assert sorted(f.category for f in others) == sorted(c for c in learned.LEARNED if c != "disrespect")
    sentences = {(s, e) for s, e in Doc(text, "facebook", Policy()).sentences}
    assert all((f.start, f.end) in {(s, e - (text[e - 1 : e] == " ")) for s, e in sentences} for f in others)


def test_no_category_twice_from_rules_and_model():
    texts = [SARCASM, DM, "Bel me op 06-12345678 als er iets is met je vader, dan regel ik het. Wij beloven dat!"]
    for text in texts:
        report = check(text, "whatsapp")
        from_rules = {f.category for f in report.findings if not f.rule.startswith("learned.")}
        from_model = [f.category for f in learned_findings(report)]
        assert not from_rules & set(from_model)
        assert len(from_model) == len(set(from_model))


def test_retraining_gives_the_committed_model():
    """make train-guard is deterministic; this fails when the data or the rules changed and nobody retrained."""
    from deelwijs.guard import training

    meta, weights, bias = training.train()
    committed = learned.load()
    assert committed is not None
    assert meta["training_data"]["sha256"] == committed.meta["training_data"]["sha256"], "run make train-guard"
    assert meta["thresholds"] == committed.thresholds, "run make train-guard"
    np.testing.assert_allclose(weights, committed.weights, rtol=0, atol=1e-6)
    np.testing.assert_allclose(bias, committed.bias, rtol=0, atol=1e-6)


def test_a_missing_blog_disclaimer_does_not_silence_the_model(eager_model):
    policy = {"blog_disclaimer": "Deze blog schrijf ik op persoonlijke titel."}
    report = check("Vandaag was een mooie dag op de afdeling.", "blog", policy)
    speaking = sorted(f.rule for f in report.findings if f.category == "speaks_for_org")
    assert speaking == ["learned.speaks_for_org", "policy.blog_disclaimer"]


def _dataset(gold, clean_posts):
    """A made-up set: gold labels per learned category for the labelled posts, then clean posts."""
    from deelwijs.guard import training
    from deelwijs.guard.report import LABELLED

    n = len(next(iter(gold.values()))) + clean_posts
    labels = [[c for c in gold if i < len(gold[c]) and gold[c][i]] for i in range(n)]
    records = [{"id": str(i), "text": "", "labels": labels[i], "group": "g"} for i in range(n)]
    pad = [False] * clean_posts
    return training.Dataset(
        records=records,
        groups=np.array(["g"] * n),
        features=None,
        gold={c: np.array(list(gold.get(c, [False] * (n - clean_posts))) + pad) for c in LABELLED},
        rules={c: np.zeros(n, dtype=bool) for c in LABELLED},
        vetoed=np.zeros((n, len(learned.LEARNED)), dtype=bool),
    )


def test_thresholds_spend_the_false_alarm_budget_where_it_buys_most():
    """Two categories each want a clean post alarmed; the budget allows one: it goes to the bigger gain."""
    from deelwijs.guard import training

    # Ten labelled posts (0-9), then ten clean ones (10-19).
    gold = {
        "client_privacy": [True] * 8 + [False] * 2,  # posts 0-7
        "disrespect": [False] * 8 + [True] * 2,  # posts 8-9
    }
    data = _dataset(gold, clean_posts=10)
    probs = np.zeros((20, len(learned.LEARNED)))
    privacy, disrespect = learned.LEARNED.index("client_privacy"), learned.LEARNED.index("disrespect")
    # Most positives score 0.9; in each category one scores 0.55, below a clean post at 0.6.
    probs[0:7, privacy] = 0.9
    probs[7, privacy] = 0.55
    probs[10, privacy] = 0.6
    probs[8, disrespect] = 0.9
    probs[9, disrespect] = 0.55
    probs[11, disrespect] = 0.6
    everything = np.ones(20, dtype=bool)

    thresholds = training.choose_thresholds(data, probs, everything, limit=0.1)
    # One clean alarm (10 %) is allowed: it lifts disrespect's F1 from 0.67 to 0.80, privacy's from 0.93 to 0.94.
    assert thresholds["disrespect"] <= 0.55 < thresholds["client_privacy"]
    assert thresholds["client_privacy"] <= 0.9
    # Without a budget neither may alarm a clean post, but both still say what costs nothing.
    strict = training.choose_thresholds(data, probs, everything, limit=0.0)
    assert 0.6 < strict["client_privacy"] <= 0.9 and 0.6 < strict["disrespect"] <= 0.9
    # Categories with nothing to gain stay with the rules.
    assert strict["confidential"] == training.OFF

"""The learned layer: linear models for the categories that depend on meaning.

The rules find identifiers and the wordings they have a pattern for; five
categories (client_privacy in context, confidential, disrespect,
speaks_for_org, client_contact) are also scored by a logistic regression
over hashed features of the post: character n-grams (2-5, within words),
word uni- and bigrams, the platform, and which categories and rules fired.
The model is trained by `make train-guard` (training.py) and committed as
plain arrays (model/learned.npz, read without pickle) and a small JSON.

The hashing is our own (zlib.crc32), not scikit-learn's HashingVectorizer:
importing any part of scikit-learn costs 0.8 s, which would nearly double
the cold start of `deelwijs check`. It is just as stateless: no vocabulary.
"""

import json
import math
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import regex as re

from .detectors.confidential import PUBLIC
from .detectors.contact import REFUSAL
from .detectors.privacy import PSEUDONYM
from .lexicon import lexicon
from .lists import word_list
from .report import Finding
from .text import Doc, Emit, Span

MODEL_DIR = Path(__file__).resolve().parent / "model"
LEARNED = ("client_privacy", "confidential", "disrespect", "speaks_for_org", "client_contact")
N_FEATURES = 2**18
CHAR_NGRAMS = (2, 5)
# Words, and emoji one by one: "knap hoor 👏🙄" is mockery because of its emoji.
TOKEN = re.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?|\p{Extended_Pictographic}")
DIGITS = re.compile(r"\p{N}+")
TOP_WORDS = 3
# Not shown as a word that weighed: they carry weight through their n-grams, but tell the writer nothing.
FUNCTION_WORDS = frozenset(
    "de het een en of van in op te aan met voor door bij om tot uit naar die dat dit deze er is zijn was "
    "the a an and of to".split()
)

# A sparse feature vector: hashed index -> value.
Features = dict[int, float]

# Word classes from lists/*.txt: each word of a class also yields the feature "l <class>", and every
# two classes met in one sentence the pair "x <a> <b>". A word the posts never had still counts
# through its class ("een stelletje <new insult>"), and pairs say what one word cannot: a group
# with a generalising word, praise with a mocking emoji, a resident with a laugh.
CLASSES = {
    "insult": ("insults", "insults_weak"),
    "group": ("groups",),
    "always": ("generalising",),
    "threat": ("threats",),
    "mock": ("mockery",),
    "client": ("client_nouns",),
    "boss": ("bosses",),
    "relative": ("relatives",),
    "condition": ("conditions",),
    "staff": ("staff_roles",),
    "security": ("security_words",),
}
# After these the next two words are negated ("niet dom", "geen idioot"): they get "n <word>" too.
NEGATIONS = frozenset({"niet", "geen", "nooit", "nie", "not", "no", "never", "niks", "niets", "allerminst"})
NEGATED_WORDS = 2


def normalise(word: str) -> str:
    """Lower case, no accents ("cliënt" = "client"), every run of digits one token ("kamer 14" = "kamer 0")."""
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(c for c in word if not unicodedata.combining(c))
    return DIGITS.sub("0", word).replace("’", "'")


def _index(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_FEATURES


@cache
def _class_words() -> tuple[dict[str, tuple[str, ...]], tuple[tuple[str, str], ...]]:
    """Normalised single words of each class -> their classes, and (word start, class) for "*" entries."""
    exact: dict[str, list[str]] = {}
    starts: list[tuple[str, str]] = []
    for name, files in CLASSES.items():
        for file in files:
            for entry in word_list(file):
                if " " in entry:
                    continue  # phrases reach the model through the rules that use them
                if entry.endswith("*"):
                    starts.append((normalise(entry[:-1]), name))
                else:
                    exact.setdefault(normalise(entry), []).append(name)
    return {w: tuple(dict.fromkeys(c)) for w, c in exact.items()}, tuple(starts)


@cache
def _first_names() -> frozenset[str]:
    """Normalised first names (deduce's list) that are not also common words ("roos", "mees" stay in)."""
    lex = lexicon()
    return frozenset(normalise(n) for n in lex.first_names) - {normalise(w) for w in lex.common_words}


@cache
def word_classes(word: str) -> tuple[str, ...]:
    """The classes a normalised word belongs to."""
    exact, starts = _class_words()
    found = list(exact.get(word, ()))
    found += [name for start, name in starts if word.startswith(start) and name not in found]
    if word in _first_names():
        found.append("name")
    return tuple(found)


@cache
def _word_features(word: str) -> tuple[int, ...]:
    """The hashed features one (normalised) word yields on its own: itself, its character n-grams, its classes."""
    padded = f" {word} "
    out = [_index("w " + word)] + [_index("l " + name) for name in word_classes(word)]
    lo, hi = CHAR_NGRAMS
    for n in range(lo, hi + 1):
        for i in range(len(padded) - n + 1):
            out.append(_index("c " + padded[i : i + n]))
    return tuple(out)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, normalised word) for each word in text[start:end], offsets into text."""
    return [(m.start(), m.end(), normalise(m.group())) for m in TOKEN.finditer(text, start, end)]


def text_counts(words: list[tuple[int, int, str]]) -> Counter[int]:
    """Counts of hashed features for a run of words (a sentence)."""
    counts: Counter[int] = Counter()
    classes: set[str] = set()
    negated = 0
    for i, (_, _, word) in enumerate(words):
        counts.update(_word_features(word))
        classes.update(word_classes(word))
        if i:
            previous = words[i - 1][2]
            counts[_index(f"b {previous} {word}")] += 1
            # A class beside a word: "mevrouw <name>", "<name> (0)", "een <insult>", for words never seen.
            for name in word_classes(previous):
                counts[_index(f"y {name} {word}")] += 1
            for name in word_classes(word):
                counts[_index(f"z {previous} {name}")] += 1
        if negated:
            counts[_index("n " + word)] += 1
            negated -= 1
        if word in NEGATIONS:
            negated = NEGATED_WORDS
    ordered = sorted(classes)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            counts[_index(f"x {a} {b}")] += 1
    return counts


def context_features(platform: str, rule_categories: set[str], rules: set[str]) -> Features:
    """The platform and the rule engine's outputs, one feature each (value 1)."""
    names = [f"p {platform}"] + [f"k {c}" for c in sorted(rule_categories)] + [f"r {r}" for r in sorted(rules)]
    return {_index(name): 1.0 for name in names}


def vector(counts: Counter[int], context: Features) -> Features:
    """The text counts, damped (1 + log n) and scaled to unit length, plus the context features.

    Damped, so a word a writer repeats (a name, "haha", an emoji five times) does not outweigh the
    rest of the post: on writers held out, macro-F1 rose by 0.003 over plain counts."""
    damped = {i: 1.0 + math.log(v) for i, v in counts.items()}
    norm = math.sqrt(sum(v * v for v in damped.values())) or 1.0
    out: Features = {i: v / norm for i, v in damped.items()}
    for i, v in context.items():
        out[i] = out.get(i, 0.0) + v
    return out


def post_features(
    text: str, sentences: list[Span], platform: str, findings: list[Finding]
) -> tuple[Features, list[list[tuple[int, int, str]]]]:
    """The post's feature vector and its words per sentence (what training and check both read).

    The organisation's own rules (blocked terms, the blog disclaimer) are no features: the training
    posts were checked without them.
    """
    per_sentence = [tokens(text, s, e) for s, e in sentences]
    findings = [f for f in findings if not f.rule.startswith("policy.")]
    counts: Counter[int] = Counter()
    for words in per_sentence:
        counts.update(text_counts(words))
    context = context_features(platform, {f.category for f in findings}, {f.rule for f in findings})
    return vector(counts, context), per_sentence


@dataclass(frozen=True)
class Model:
    weights: npt.NDArray[np.float32]  # (N_FEATURES, len(categories))
    bias: npt.NDArray[np.float32]  # (len(categories),)
    categories: tuple[str, ...]
    thresholds: dict[str, float]
    meta: dict[str, Any]

    def scores(self, features: Features) -> npt.NDArray[np.float64]:
        """The probability per category."""
        if not features:
            z = self.bias.astype(np.float64)
        else:
            idx = np.fromiter(features.keys(), dtype=np.int64, count=len(features))
            val = np.fromiter(features.values(), dtype=np.float64, count=len(features))
            z = val @ self.weights[idx].astype(np.float64) + self.bias
        result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-z))
        return result


def load(directory: Path = MODEL_DIR) -> Model | None:
    """The committed model, or None when there is none (the rules then work alone)."""
    meta_path, arrays_path = directory / "learned.json", directory / "learned.npz"
    if not meta_path.exists() or not arrays_path.exists():
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta["n_features"] != N_FEATURES or meta["hashing"] != hashing_params():
        raise ValueError("the learned model was made with other hashing parameters: run make train-guard")
    with np.load(arrays_path, allow_pickle=False) as arrays:
        weights = np.asarray(arrays["weights"], dtype=np.float32)
        bias = np.asarray(arrays["bias"], dtype=np.float32)
    return Model(weights, bias, tuple(meta["categories"]), dict(meta["thresholds"]), meta)


@cache
def model() -> Model | None:
    return load()


def hashing_params() -> dict[str, Any]:
    return {
        "hash": "crc32",
        "n_features": N_FEATURES,
        "char_ngrams": list(CHAR_NGRAMS),
        "word_ngrams": [1, 2],
        "word_classes": {name: list(files) for name, files in CLASSES.items()} | {"name": ["deduce first names"]},
        "class_bigrams": True,
        "negation": [sorted(NEGATIONS), NEGATED_WORDS],
        "emoji": True,
        "normalise": "lower, no accents, digits as 0",
        "context": "platform, rule categories, rule ids",
        "counts": "1 + log(count), unit length",
    }


def vetoed(text: str) -> set[str]:
    """Categories the model may not report for this post: the rules' own exceptions bind it too.

    What is said to be published is not confidential and is no announcement;
    a refused contact is no invitation; a name said to be made up is no client's.
    """
    out = set()
    if PUBLIC.search(text):
        out |= {"confidential", "speaks_for_org"}
    if REFUSAL.search(text):
        out.add("client_contact")
    if PSEUDONYM.search(text):
        out.add("client_privacy")
    return out


def detect(doc: Doc, findings: list[Finding], emit: Emit) -> None:
    """Add a learned finding per category the model is sure of and the rules did not find.

    The rules win: a category any rule already found in this post gets no
    learned finding, so there are no duplicates and the precise span stays;
    nor does a category the rules' exceptions clear (vetoed).
    """
    current = model()
    if current is None:
        return
    # A missing blog disclaimer is a hint about the blog, not a finding that the post speaks for the org.
    found = {f.category for f in findings if f.rule != "policy.blog_disclaimer"} | vetoed(doc.text)
    features, per_sentence = post_features(doc.text, doc.sentences, doc.platform, findings)
    probabilities = current.scores(features)
    for j, category in enumerate(current.categories):
        if category in found or probabilities[j] < current.thresholds[category]:
            continue
        column = current.weights[:, j]
        best, span, words = _best_sentence(doc, per_sentence, column)
        if best is None:
            continue
        emit(
            category,
            span[0],
            span[1],
            "learned_" + category,
            "learned." + category,
            words=", ".join(f"“{w}”" for w in words),
        )


def _best_sentence(
    doc: Doc, per_sentence: list[list[tuple[int, int, str]]], column: npt.NDArray[np.float32]
) -> tuple[int | None, Span, list[str]]:
    """The sentence whose words weigh most for the category, and its heaviest words."""
    best: int | None = None
    best_score = -math.inf
    for i, words in enumerate(per_sentence):
        counts = text_counts(words)
        if not counts:
            continue
        score = sum(float(column[k]) * v for k, v in counts.items()) / math.sqrt(sum(v * v for v in counts.values()))
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None, (0, 0), []
    start, end = doc.sentences[best]
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return best, (start, end), heaviest_words(doc.text, per_sentence[best], column)


def heaviest_words(text: str, words: list[tuple[int, int, str]], column: npt.NDArray[np.float32]) -> list[str]:
    """The words with the largest positive weight: the word, its n-grams and half of each bigram it is in."""
    contribution = [sum(float(column[k]) for k in _word_features(word)) for _, _, word in words]
    for i in range(1, len(words)):
        half = float(column[_index(f"b {words[i - 1][2]} {words[i][2]}")]) / 2
        contribution[i - 1] += half
        contribution[i] += half
    ranked = sorted(range(len(words)), key=lambda i: (-contribution[i], i))
    out: list[str] = []
    for i in ranked:
        if contribution[i] <= 0 or len(out) == TOP_WORDS:
            break
        if words[i][2] in FUNCTION_WORDS:
            continue
        word = text[words[i][0] : words[i][1]]
        if word.lower() not in (w.lower() for w in out):
            out.append(word)
    return out

"""Regression over every labelled set in data/guard (blind sets excepted): a new miss or false alarm fails.

What the check gets wrong today is listed in known_failures.txt, one "id category miss|false-alarm"
per line. A post that goes wrong and is not on the list fails the build, so a drop in recall or
precision cannot land unnoticed; a listed failure that is fixed fails too, so the list stays true.
After a deliberate change (new rules, a retrained model): `python tests/guard/test_regression.py --write`
and review the diff of the list.
"""

import json
import sys
from pathlib import Path

import pytest

from deelwijs.guard import check
from deelwijs.guard.report import LABELLED

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "guard"
KNOWN = Path(__file__).with_name("known_failures.txt")


def labelled_posts():
    files = [
        DATA / "dev.jsonl",
        *sorted((DATA / "challenge").glob("*.jsonl")),
        *sorted((DATA / "corpus").glob("*.jsonl")),
    ]
    for path in files:
        with path.open(encoding="utf-8") as f:
            yield from (json.loads(line) for line in f if line.strip())


def failures():
    found = set()
    for post in labelled_posts():
        predicted = set(check(post["text"], post.get("platform", "linkedin")).categories) & set(LABELLED)
        gold = set(post["labels"])
        found |= {f"{post['id']} {c} miss" for c in gold - predicted}
        found |= {f"{post['id']} {c} false-alarm" for c in predicted - gold}
    return found


def known():
    return {line.strip() for line in KNOWN.read_text().splitlines() if line.strip() and not line.startswith("#")}


@pytest.fixture(scope="module")
def current():
    return failures()


def test_no_new_misses_or_false_alarms(current):
    new = sorted(current - known())
    assert not new, f"{len(new)} new failures, e.g. {new[:10]}"


def test_the_known_failures_are_still_failures(current):
    fixed = sorted(known() - current)
    assert not fixed, f"{len(fixed)} listed failures are fixed; update known_failures.txt: {fixed[:10]}"


if __name__ == "__main__" and "--write" in sys.argv:
    lines = sorted(failures())
    KNOWN.write_text(
        "# id category miss|false-alarm; written by test_regression.py --write\n" + "\n".join(lines) + "\n"
    )
    print(f"{len(lines)} known failures written")

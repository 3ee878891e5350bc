"""The word lists in deelwijs/guard/lists/: how a file is read and compiled."""

import tomllib
from pathlib import Path

import pytest
import regex as re

from deelwijs.guard import lists
from deelwijs.guard.lists import LISTS, alternation, word_list


@pytest.fixture
def a_list(tmp_path, monkeypatch):
    monkeypatch.setattr(lists, "LISTS", tmp_path)
    word_list.cache_clear()
    (tmp_path / "test.txt").write_text(
        "# a comment\n\nhalve\nhalve   gare  # two words\nzo'n\ndebiel*\nmr.\nhalve\n", encoding="utf-8"
    )
    yield "test"
    word_list.cache_clear()


def test_a_list_skips_comments_and_blank_lines_and_keeps_file_order(a_list):
    assert word_list(a_list) == ("halve", "halve gare", "zo'n", "debiel*", "mr.", "halve")


def test_the_alternation_tries_longer_entries_first_and_reads_entries_as_plain_text(a_list):
    pattern = re.compile(rf"(?<!\w){alternation(a_list)}(?!\w)", re.I)
    assert pattern.search("Wat een Halve\tGare").group() == "Halve\tGare"  # a space matches any whitespace
    assert pattern.search("die debielerd").group() == "debielerd"  # * allows any ending
    assert pattern.search("ZO'N") and pattern.search("mr. X")
    assert not pattern.search("mrs X")  # the full stop is a full stop, not any character
    assert alternation(a_list) == r"(?:halve\sgare|debiel\w*|halve|zo'n|mr\.)"  # each entry once


def test_every_shipped_list_loads_without_doubles():
    names = sorted(p.stem for p in LISTS.glob("*.txt"))
    assert len(names) >= 15
    for name in names:
        entries = word_list(name)
        assert entries, name
        assert len(entries) == len(set(entries)), f"{name}.txt has an entry twice"
        assert all(e == e.strip() and "\\" not in e for e in entries), name


def test_the_lists_are_package_data():
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "guard/lists/*" in pyproject["tool"]["setuptools"]["package-data"]["deelwijs"]

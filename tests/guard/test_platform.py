from deelwijs.guard import check
from deelwijs.guard.detectors.platform import count

from .conftest import findings


def test_x_counts_every_link_as_23_characters():
    url = "https://www.lindehof.nl/" + "a" * 200
    text = "Lees ons verhaal " + url
    assert count(text, "x", [(17, len(text))]) == 17 + 23
    assert not findings(text, "x", category="platform")


def test_x_blocks_a_post_that_is_too_long():
    found = findings("a" * 281, "x", category="platform")
    assert found and found[0].severity == "block" and "281" in found[0].message


def test_x_counts_emoji_and_cjk_as_two():
    assert count("💙", "x", []) == 2
    assert count("中", "x", []) == 2
    assert count("é", "x", []) == 1


def test_bluesky_counts_graphemes():
    family = "👩‍👩‍👧‍👦"  # one grapheme, seven code points
    assert count(family * 300, "graphemes", []) == 300
    assert not findings(family * 300, "bluesky", category="platform")
    assert findings(family * 301, "bluesky", category="platform")


def test_instagram_allows_thirty_hashtags():
    tags = " ".join(f"#tag{i}" for i in range(30))
    assert not [f for f in findings("Mooi! " + tags, "instagram", category="platform") if f.severity == "block"]
    found = findings("Mooi! " + tags + " #een", "instagram", category="platform")
    assert any(f.severity == "block" for f in found)


def test_instagram_links_are_not_clickable():
    found = findings("Lees meer op www.lindehof.nl/nieuws", "instagram", category="platform")
    assert found and found[0].severity == "hint" and "bio" in found[0].message


def test_a_normal_post_has_no_platform_findings():
    assert not [f for f in check("Mooie dag op het werk!", "linkedin").findings if f.category == "platform"]

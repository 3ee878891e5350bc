"""Any input gives a clean report: spans inside the text, never an exception."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deelwijs.guard import PLATFORMS, check

care_words = st.sampled_from(
    [
        "meneer",
        "Jansen",
        "kamer 12",
        "06-12345678",
        "BSN",
        "123456782",
        "bewoner",
        "idioot",
        "namens",
        "code 1234",
        "#zorg",
        "@lindehof",
        "https://x.nl",
        "j@gmail.com",
        "😂",
        "👩‍👩‍👧",
        "\n",
        "  ",
        "Sem",
        "app",
        "klanten",
        "geboren 1-2-1950",
        "Kastanjelaan 4",
        "1234 AB",
        "(58)",
        "’s",
        "é",
        "\x00",
        "\u200b",
        "中文",
        "مرحبا",
    ]
)
texts = st.one_of(st.text(max_size=400), st.lists(care_words, max_size=40).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(PLATFORMS))
def test_spans_lie_inside_the_text_and_check_never_raises(text, platform):
    report = check(text, platform)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.message and f.policy and f.severity in ("block", "warn", "hint")


def test_edge_cases():
    for text in ["", " ", "😂" * 500, "\x00\x01\x02\x1b[31m", "a\u0301" * 100, "\ud800", "ﷺ" * 50]:
        check(text, "x")


def test_a_hundred_thousand_characters_are_refused_and_the_maximum_is_read():
    text = ("Vandaag met meneer Jansen op kamer 12 naar buiten, bel 06-12345678. " * 1500)[:100_000]
    report = check(text, "blog")
    assert report.blocked and [f.category for f in report.findings] == ["platform"]  # over MAX_TEXT: not analysed
    report = check(text[:20_000], "blog")
    assert {"client_privacy", "personal_data"} <= set(report.categories)
    assert all(0 <= f.start <= f.end <= 20_000 for f in report.findings)

"""platform: each network's technical limits for length, hashtags and links."""

from collections.abc import Sequence
from typing import Any, NamedTuple

import regex as re

from ..report import BLOCK, HINT
from ..text import HASHTAG, Doc, Emit, Span

NETWORK_NAMES = {
    "x": "X",
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "whatsapp": "WhatsApp",
    "blog": "blog",
    "email": "e-mail",
}
# (limit, how it is counted)
LIMITS = {
    "x": (280, "x"),
    "bluesky": (300, "graphemes"),
    "mastodon": (500, "mastodon"),
    "linkedin": (3000, "chars"),
    "instagram": (2200, "chars"),
    "facebook": (63206, "chars"),
    "whatsapp": (65536, "chars"),
}
# How the share flow joins an appended link to the text: X's intent takes the link
# apart and puts it after a space, the other networks get it on a line of its own.
LINK_SEPARATOR = {"x": " "}
# Networks whose share page takes only the link, so it is not part of the text.
LINK_APART = {"linkedin", "facebook"}
INSTAGRAM_HASHTAGS = 30
# More hashtags than this reads as spam on these networks: a tip, not a block.
MANY_HASHTAGS = 5
MANY_HASHTAGS_ON = ("linkedin", "x", "facebook", "bluesky", "mastodon")
# X counts every link as 23 (t.co); Mastodon documents the same for every URL,
# whatever its length ("all links count as 23 characters").
SHORTENED_URL = 23
GRAPHEME = re.compile(r"\X")
# Code point ranges X counts as one; everything else (CJK, emoji) counts as two.
X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


def x_weight(cluster: str) -> int:
    cp = ord(cluster[0])
    if len(cluster) > 1 and any(ord(c) >= 0x1F000 or c == "\u200d" or c == "\ufe0f" for c in cluster):
        return 2
    return 1 if any(lo <= cp <= hi for lo, hi in X_LIGHT) else 2


def count(text: str, how: str, urls: Sequence[Span]) -> int:
    if how == "chars":
        return len(text)
    if how == "graphemes":
        return len(GRAPHEME.findall(text))
    rest: list[str] = []
    pos = total = 0
    for start, end in urls:
        rest.append(text[pos:start])
        total += SHORTENED_URL
        pos = end
    rest.append(text[pos:])
    remaining = "".join(rest)
    if how == "mastodon":
        return total + len(remaining)
    return total + sum(x_weight(c) for c in GRAPHEME.findall(remaining))


class Length(NamedTuple):
    """A text's length as its network counts it: the count, the network's limit, and how much of the count is
    the link the share flow appends (0 when it adds none, or on a network that takes the link apart)."""

    counted: int
    limit: int
    link: int


def measure(doc: Doc) -> Length | None:
    """The length of the text on its network, with the appended link where the network adds it; None for a
    network without a limit (the blog, e-mail). The share editor's counter counts the same way (rules())."""
    if doc.platform not in LIMITS:
        return None
    limit, how = LIMITS[doc.platform]
    urls = [(s, e) for s, e, kind in doc.masked if kind == "url"]
    link = doc.appended_link if doc.platform not in LINK_APART else None
    if not link:
        return Length(count(doc.text, how, urls), limit, 0)
    text = doc.text + LINK_SEPARATOR.get(doc.platform, "\n\n")
    total = count(text + link, how, [*urls, (len(text), len(text) + len(link))])
    return Length(total, limit, total - count(doc.text, how, urls))


def rules() -> dict[str, Any]:
    """How each network counts, as plain data for a counter in the browser that must agree with measure():
    the limit and the way of counting per network, how the appended link is joined, and X's weights."""
    return {
        "networks": {
            code: {
                "name": NETWORK_NAMES[code],
                "limit": limit,
                "how": how,
                "link_apart": code in LINK_APART,
                "separator": LINK_SEPARATOR.get(code, "\n\n"),
            }
            for code, (limit, how) in LIMITS.items()
        },
        "shortened_url": SHORTENED_URL,
        "x_light": [list(span) for span in X_LIGHT],
    }


def detect(doc: Doc, emit: Emit) -> None:
    platform = doc.platform
    urls = [(s, e) for s, e, kind in doc.masked if kind == "url"]
    length = measure(doc)
    if length is not None and length.counted > length.limit:
        params: dict[str, Any] = {
            "network": NETWORK_NAMES[platform],
            "count": length.counted,
            "limit": length.limit,
            "over": length.counted - length.limit,
        }
        if length.link:
            emit(
                "platform",
                0,
                len(doc.text),
                "too_long_with_link",
                "platform.limits",
                severity=BLOCK,
                link=length.link,
                **params,
            )
        else:
            emit("platform", 0, len(doc.text), "too_long", "platform.limits", severity=BLOCK, **params)
    tags = list(HASHTAG.finditer(doc.text))
    if platform == "instagram" and len(tags) > INSTAGRAM_HASHTAGS:
        first = tags[INSTAGRAM_HASHTAGS]
        emit(
            "platform",
            first.start(),
            tags[-1].end(),
            "too_many_hashtags",
            "platform.limits",
            severity=BLOCK,
            count=len(tags),
            limit=INSTAGRAM_HASHTAGS,
        )
    elif platform in MANY_HASHTAGS_ON and len(tags) > MANY_HASHTAGS:
        emit(
            "platform",
            tags[MANY_HASHTAGS].start(),
            tags[-1].end(),
            "many_hashtags",
            "platform.limits",
            severity=HINT,
            count=len(tags),
            network=NETWORK_NAMES[platform],
        )
    if platform == "instagram":
        for start, end in urls:
            emit("platform", start, end, "link_not_clickable", "platform.limits", severity=HINT)

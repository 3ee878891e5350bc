"""check_image(photo, policy) -> PhotoReport: faces, text and codes in a photo, judged like a post.

Two steps, so the costly one runs once: ``read`` looks at the pixels (faces, Tesseract, zxing-cpp) and
``judge`` turns what was read into findings in a language, with the organisation's policy. The text is
judged by the post check itself (``deelwijs.guard.check``), so a name on a whiteboard, a room number on a
door or a BSN on a screen is found as it would be in a caption, with the same category, severity and message.
"""

import time
from dataclasses import dataclass, field
from typing import Any

from deelwijs.guard import BLOCK, HINT, MAX_TEXT, WARN, Policy, check

from . import codes as code_reader
from . import faces as face_finder
from . import text as text_reader
from .boxes import Box
from .messages import CODE, FACE, TEXT, UNREAD, message, policy_line
from .picture import open_picture
from .report import PhotoFinding, PhotoReport

# The post check's categories that mean something in a photo. Spelling, word choice, speaking for the
# organisation and a network's limits are about writing a post, not about what a camera caught.
TEXT_CATEGORIES = frozenset({"client_privacy", "personal_data", "confidential", "disrespect", "client_contact"})
# The photo is decoded once at this size at least (a JPEG at a fraction of its size: fast) for all three.
EDGE = text_reader.EDGE


@dataclass
class Reading:
    """What is in a photo, before it is judged: boxes in pixels of the photo as given (upright)."""

    width: int
    height: int
    faces: list[Box] = field(default_factory=list)
    lines: list[text_reader.Line] = field(default_factory=list)
    codes: list[code_reader.Code] = field(default_factory=list)
    complete: bool = True
    seconds: dict[str, float] = field(default_factory=dict)


def read(source: Any, timeout: float = text_reader.TIMEOUT) -> Reading:
    """Look at a photo (a path, bytes, a file object or a PIL image). Raises PhotoError for a file that is
    not a photo. Tesseract stops after `timeout` seconds; the reading is then marked incomplete."""
    started = time.perf_counter()
    picture = open_picture(source, EDGE)
    reading = Reading(picture.width, picture.height)
    reading.seconds["open"] = time.perf_counter() - started

    def timed(name: str, started: float) -> None:
        reading.seconds[name] = time.perf_counter() - started

    step = time.perf_counter()
    reading.faces = [box.scaled(picture.scale) for box in face_finder.find_faces(picture.image)]
    timed("faces", step)

    step = time.perf_counter()
    found_codes = code_reader.find_codes(picture.image)
    reading.codes = [code_reader.Code(c.format, c.text, c.box.scaled(picture.scale)) for c in found_codes]
    # A QR code's squares look like eyes to a face cascade: a "face" that is mostly a code is the code.
    reading.faces = [f for f in reading.faces if not any(f.overlap(c.box) >= 0.5 for c in reading.codes)]
    timed("codes", step)

    step = time.perf_counter()
    for_text = picture.resized(text_reader.EDGE)
    scale = picture.width / for_text.width
    # A code's bars read as rows of I and l, and pull the words beside them into nonsense: Tesseract gets
    # the photo without the codes already found.
    hide = [c.box.scaled(for_text.width / picture.image.width) for c in found_codes]
    try:
        lines = text_reader.read_text(for_text, timeout, hide=hide)
    except text_reader.TextTimeout:
        lines, reading.complete = [], False
    for line in lines:
        line.words = [text_reader.Word(w.text, w.box.scaled(scale), w.confidence) for w in line.words]
    reading.lines = lines
    timed("text", step)

    reading.seconds["total"] = time.perf_counter() - started
    return reading


def judge(
    reading: Reading, policy: Policy | dict[str, Any] | None = None, lang: str = "nl", platform: str = "linkedin"
) -> PhotoReport:
    """The findings of a reading, with messages in `lang`; the text is judged as a post for `platform`."""
    report = PhotoReport(reading.width, reading.height, platform, complete=reading.complete, seconds=reading.seconds)
    for box in reading.faces:
        report.findings.append(
            PhotoFinding(
                FACE, "face", WARN, message("photo.face", lang), "photo.face", box, policy_line("photo.face", lang)
            )
        )
    report.text, text_findings = _judge_text(reading.lines, policy, lang, platform)
    report.findings += text_findings
    for code in reading.codes:
        rule, severity = "photo.code", BLOCK
        if code.is_product:
            rule, severity = "photo.code_product", HINT
        elif code.is_link:
            rule, severity = "photo.code_link", WARN
        text = code.text[:200]
        report.findings.append(
            PhotoFinding(
                CODE,
                "code",
                severity,
                message(rule, lang, text=text),
                rule,
                code.box,
                policy_line(rule, lang),
                text=text,
            )
        )
    if not reading.complete:
        whole = Box(0, 0, reading.width, reading.height)
        rule = "photo.text_unread"
        report.findings.append(
            PhotoFinding(UNREAD, "unread", WARN, message(rule, lang), rule, whole, policy_line(rule, lang))
        )
    return report


def check_image(
    source: Any,
    policy: Policy | dict[str, Any] | None = None,
    lang: str = "nl",
    platform: str = "linkedin",
    timeout: float = text_reader.TIMEOUT,
) -> PhotoReport:
    """Read a photo and judge it: faces, text (through the post check) and codes, each with its box."""
    return judge(read(source, timeout), policy, lang, platform)


def _judge_text(
    lines: list[text_reader.Line], policy: Policy | dict[str, Any] | None, lang: str, platform: str
) -> tuple[str, list[PhotoFinding]]:
    """The lines as one text (a line each, so the post check sees a heading with the lines below it) and the
    post check's findings on it. A finding's box is its whole line: the post check marks "Dhr. J." of
    "Dhr. J. de Boer", and blurring only that would leave the surname to read."""
    spans: list[tuple[int, int, int]] = []  # (start, end, line number) of every word in the whole text
    parts: list[str] = []
    offset = 0
    for number, line in enumerate(lines):
        for i, word in enumerate(line.words):
            if i:
                parts.append(" ")
                offset += 1
            spans.append((offset, offset + len(word.text), number))
            parts.append(word.text)
            offset += len(word.text)
        parts.append("\n")
        offset += 1
    text = "".join(parts).rstrip("\n")
    findings: list[PhotoFinding] = []
    for chunk_start, chunk in _chunks(text):
        checked = check(chunk, platform, policy, lang=lang)
        for f in checked.findings:
            if f.category not in TEXT_CATEGORIES:
                continue
            start, end = chunk_start + f.start, chunk_start + f.end
            involved = sorted({n for s, e, n in spans if s < end and e > start})
            if not involved:
                continue
            box = lines[involved[0]].box
            for number in involved[1:]:
                box = box.union(lines[number].box)
            findings.append(
                PhotoFinding(
                    TEXT,
                    f.category,
                    f.severity,
                    f.message,
                    f.rule,
                    box,
                    f.policy,
                    f.suggestion,
                    text=text[start:end],
                    start=start,
                    end=end,
                )
            )
    return text, findings


def _chunks(text: str) -> list[tuple[int, str]]:
    """The text in pieces the post check takes (a photographed page can hold more), cut between lines."""
    if len(text) <= MAX_TEXT:
        return [(0, text)]
    chunks, start = [], 0
    while start < len(text):
        end = text.rfind("\n", start, start + MAX_TEXT)
        end = start + MAX_TEXT if end <= start else end
        chunks.append((start, text[start:end]))
        start = end + 1 if end < len(text) and text[end] == "\n" else end
    return chunks

import re

import markdown
import nh3
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

# Python-Markdown scans from every unclosed "[" to the end of its paragraph (Python-Markdown issue #798):
# 10 000 of them took 17 s, 500 before 49 000 other characters 6 s. Brackets times paragraph length above
# this budget (about half a second) is no text anyone writes; it is shown as plain text instead.
BRACKET_BUDGET = 2_000_000
PARAGRAPHS = re.compile(r"\n\s*\n")


def render_markdown(text):
    """Markdown from an administrator or communications, cleaned so it can never carry script."""
    text = text or ""
    if sum(p.count("[") * len(p) for p in PARAGRAPHS.split(text)) > BRACKET_BUDGET:
        return mark_safe(linebreaks(text, autoescape=True))
    return mark_safe(nh3.clean(markdown.markdown(text)))

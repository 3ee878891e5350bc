"""Look for English a Dutch user sees: every page of the demo organisation, as every demo login.

Follows the links of each page (GET only, up to SCAN_PAGES pages per login) in Dutch, and lists the words
of the visible text (and of titles, labels, placeholders and alt texts) that the English dictionary knows
and the Dutch one does not, with a sentence they appear in and the first page. Also lists text with a
placeholder left in it (``%(name)s``, ``{name}``). Words of the organisation's own content (item titles,
stories) show up too: read the list, do not trust it.

    DEBUG=true .venv/bin/python manage.py migrate && DEBUG=true .venv/bin/python manage.py demo
    DEBUG=true .venv/bin/python bench/language_scan.py [login ...]
    SCAN_GREP='Team Team|postcheck' DEBUG=true .venv/bin/python bench/language_scan.py   # also lists these phrases
"""

import os
import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijs.config.settings")

import django

django.setup()

import enchant  # noqa: E402
import tinyhtml5  # noqa: E402
from django.test import Client  # noqa: E402

from deelwijs.orgs.models import User  # noqa: E402
from deelwijs.orgs.tenancy import across_organisations  # noqa: E402

PAGES = int(os.environ.get("SCAN_PAGES", 400))
# Pages that change something on GET (sign out) or are not for people (files, the operators' admin).
SKIP = re.compile(r"^/(uitloggen|logout|static|media|beheer|admin|l/|i18n)|\.(ics|csv|pdf|zip|png|jpe?g|webp)$")
ATTRIBUTES = ("title", "alt", "placeholder", "aria-label", "data-label", "value")
NS = "{http://www.w3.org/1999/xhtml}"
WORD = re.compile(r"[A-Za-z][a-z]{2,}")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")
GREP = re.compile(os.environ["SCAN_GREP"]) if os.environ.get("SCAN_GREP") else None


def texts(html):
    """The visible text and the readable attributes of a page, one string each."""
    root = tinyhtml5.parse(html)
    for element in root.iter():
        tag = element.tag.removeprefix(NS) if isinstance(element.tag, str) else ""
        if tag in ("script", "style", "template"):
            continue
        if tag == "option" or (tag == "input" and element.get("type") not in ("submit", "button")):
            attributes = [a for a in ATTRIBUTES if a != "value"]
        else:
            attributes = ATTRIBUTES
        for attribute in attributes:
            if element.get(attribute):
                yield element.get(attribute)
        if element.text and element.text.strip():
            yield element.text.strip()
        for child in element:
            if child.tail and child.tail.strip():
                yield child.tail.strip()


def links(html):
    for href in re.findall(r'href="([^"]+)"', html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
            continue
        yield href


def scan(person, nl, en, found, placeholders):
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(person)
    queue, seen = ["/"], {"/"}
    # Paged lists and filters: one variant of each path is enough.
    paths = set()
    while queue and len(seen) <= PAGES:
        url = queue.pop(0)
        response = client.get(url, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for text in texts(html):
            for word in WORD.findall(text):
                if word.lower() not in found and en.check(word) and not nl.check(word) and not nl.check(word.lower()):
                    found[word.lower()] = (text[:120], url, person.email)
            for match in PLACEHOLDER.findall(text):
                placeholders[match].add((text[:120], url))
            for match in GREP.findall(text) if GREP else ():
                placeholders[f"GREP {match}"].add((text[:120], url))
        for link in links(html):
            path = urlsplit(link).path
            if link not in seen and (path not in paths or "?" not in link):
                seen.add(link)
                paths.add(path)
                queue.append(link)
    return len(seen)


def main(emails):
    nl, en = enchant.Dict("nl_NL"), enchant.Dict("en_GB")
    found, placeholders = {}, defaultdict(set)
    with across_organisations():
        people = (
            User.objects.filter(email__in=emails)
            if emails
            else User.objects.filter(email__endswith="@lindehof.example")
        )
        for person in people.order_by("email"):
            count = scan(person, nl, en, found, placeholders)
            print(f"{person.email}: {count} pages", file=sys.stderr)
    for word, (text, url, email) in sorted(found.items()):
        print(f"{word:20} {url:40} {email:32} {text}")
    for match, where in sorted(placeholders.items()):
        for text, url in sorted(where)[:3]:
            print(f"{match:28} {url:40} {text}")


if __name__ == "__main__":
    main(sys.argv[1:])

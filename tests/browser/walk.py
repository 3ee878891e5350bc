"""Walk every screen as each demo login, at 375 and 1280 px, against a running server (issue 18).

For each login: the menu's pages, then the links in the main part of each of those pages, one level deep
(same origin, GET; no sign-out, downloads or the operators' admin site; WALK_DEPTH=2 goes one level further).
Each page is saved whole as <out>/<role>-<width>-<slug>.png, and <out>/results.json records per page: the status,
whether the page scrolls sideways, the elements wider than the window, images without alt text, console errors,
axe-core's violations, Django's "---------" in a list and English in the Dutch text.

    DEBUG=true .venv/bin/python -m tests.browser.walk http://127.0.0.1:8141 /tmp/walk [role ...]

(the server with the demo loaded; axe-core from `make test-browser`, in var/node).
"""

import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from .screens import CHROMIUM, LOGINS, NOT_PAGES, WIDTHS, sign_in

AXE = Path(__file__).resolve().parent.parent.parent / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
AXE = Path(os.environ.get("AXE", AXE))
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
# A list links to many pages of one view (every item, every person): a few of them show that view.
PER_VIEW = 2
# The menu is depth 0; WALK_DEPTH=2 follows the links of the pages it led to as well (a pilot from the pilots).
DEPTH = int(os.environ.get("WALK_DEPTH", "1"))
# English that slipped into the Dutch pages: a short month as Django writes it, or a common word of a form.
ENGLISH = (
    r"/\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
    r"|\b(the|and|Choose|Save|Cancel|Delete|Edit|Search|Submit|None)\b/g"
)
PAGE_CHECKS = """() => {
  const width = window.innerWidth;
  const right = el => Math.max(el.getBoundingClientRect().right, el.getBoundingClientRect().left + el.scrollWidth);
  const out = el => right(el) > width + 1 && getComputedStyle(el).position !== "absolute";
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className ? "." + el.className.trim().replace(/\\s+/g, ".") : "");
  return {
    overflow: document.scrollingElement.scrollWidth > width,
    scrollWidth: document.scrollingElement.scrollWidth,
    wide: [...document.querySelectorAll("body *")]
      .filter(el => out(el) && ![...el.children].some(out)).slice(0, 5)
      .map(el => name(el) + " to " + Math.round(right(el)) + " px"),
    noAlt: [...document.querySelectorAll("img:not([alt])")].map(img => img.getAttribute("src")),
    dashes: [...document.querySelectorAll("option")].filter(o => o.textContent.trim() === "---------").length,
    english: (document.body.innerText.match(ENGLISH) || []).slice(0, 5),
    title: document.title,
    h1: [...document.querySelectorAll("h1")].map(h => h.textContent.trim()),
  };
}""".replace("ENGLISH", ENGLISH)


def view_name(path):
    from django.urls import Resolver404, resolve

    try:
        return resolve(urlsplit(path).path).url_name
    except Resolver404:
        return None


def slug(path):
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def hrefs(page, selector):
    found = page.eval_on_selector_all(selector, "links => links.map(a => a.getAttribute('href'))")
    return [h.split("#")[0] for h in found if h and h.startswith("/") and not h.startswith("//") and h.split("#")[0]]


def goto(page, path):
    """The page, once more after a moment when the server dropped the connection (a development server reloading)."""
    from playwright.sync_api import Error

    try:
        return page.goto(path)
    except Error:
        time.sleep(3)
        return page.goto(path)


def axe(page, source):
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    return page.evaluate(
        """async options => {
            const result = await axe.run(document, options);
            const where = v => v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ");
            return result.violations.map(v => v.id + ": " + where(v));
        }""",
        AXE_OPTIONS,
    )


def walk_role(browser, base_url, out, role, email, width, axe_source):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, base_url=base_url, locale="nl-NL", accept_downloads=False
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, email)
    results = []
    menu = list(dict.fromkeys(["/", *hrefs(page, "header a[href]")]))
    todo = [(path, 0) for path in menu]
    done, per_view = set(), Counter()
    admin = "/" + os.environ.get("ADMIN_URL_PATH", "beheer/")
    while todo:
        path, depth = todo.pop(0)
        name = view_name(path)
        if path in done or name in NOT_PAGES or path.startswith((admin, "/static/")):
            continue
        if depth and per_view[name] >= PER_VIEW:
            continue
        done.add(path)
        per_view[name] += 1
        errors.clear()
        response = goto(page, path)
        status = response.status if response else None
        kind = response.headers.get("content-type", "") if response else ""
        record = {"role": role, "width": width, "path": path, "view": name, "depth": depth, "status": status}
        if "text/html" in kind:
            page.wait_for_load_state("networkidle")
            record.update(page.evaluate(PAGE_CHECKS))
            record["axe"] = axe(page, axe_source)
            record["final"] = urlsplit(page.url).path
            shot = out / f"{role}-{width}-{slug(path)}.png"
            page.screenshot(path=str(shot), full_page=True)
            record["shot"] = shot.name
            if depth < DEPTH:
                todo += [(link, depth + 1) for link in hrefs(page, "main a[href]") if link not in done]
        record["console"] = list(errors)
        results.append(record)
        flags = [k for k in ("overflow", "noAlt", "axe", "console", "dashes", "english") if record.get(k)]
        print(f"{role} {width} {status} {path} {' '.join(flags)}", flush=True)
    context.close()
    return results


def main(base_url, out, roles):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijs.config.settings")
    import django
    from playwright.sync_api import sync_playwright

    django.setup()
    out.mkdir(parents=True, exist_ok=True)
    axe_source = AXE.read_text()
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            name = "results.json" if set(roles) == set(LOGINS) else f"results-{'-'.join(roles)}.json"
            for role in roles:
                for width in WIDTHS:
                    results += walk_role(browser, base_url, out, role, LOGINS[role], width, axe_source)
                    # Written as it goes, so a walk that stops halfway keeps what it saw.
                    (out / name).write_text(json.dumps(results, indent=1, ensure_ascii=False))
        finally:
            browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        args[0] if args else "http://127.0.0.1:8141",
        Path(args[1] if len(args) > 1 else "/tmp/walk"),
        args[2:] or list(LOGINS),
    )

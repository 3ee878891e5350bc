"""WCAG 2.1 AA in a real browser, for every role: axe-core at 375 and 1280 px, nothing wider than a 320 px window
(reflow at 400 % zoom), a focus ring of at least 3:1 on every focusable element, scrollable regions reachable by
keyboard, and focus on the error summary after a form comes back.

axe-core comes from the npm registry at install time (`make test-browser` puts it in var/node, see README:
Accessibility). It is run with page.evaluate: add_script_tag would add an inline <script>, which our
Content-Security-Policy refuses, while evaluate runs outside the page's policy.

The pages: for each role its menu, and from those pages one page of every other view they link to (a detail or
form page), each view once per width for the first role that reaches it.
"""

import io
import os
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve
from PIL import Image as PILImage

from deelwijs.stories.models import Story

from .conftest import screenshot
from .screens import NOT_PAGES, sign_in

AXE = Path(__file__).resolve().parent.parent.parent / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
LOGINS = {
    "administrator": "admin@lindehof.example",
    "communications": "communicatie@lindehof.example",
    "webcare": "webcare@lindehof.example",
    "manager": "manager@lindehof.example",
    "ambassador": "ambassadeur@lindehof.example",
    "employee": "medewerker@lindehof.example",
    "volunteer": "vrijwilliger@lindehof.example",
    "client": "client@lindehof.example",
}
# The calendar's three views are three pages (the links between them differ only in their query); the step with
# the longest heading of the training.
EXTRA = ["/planning/?view=week", "/planning/?view=list", "/leren/3/stap/3/"]
# WCAG 2.1 A and AA; best practices too, where they catch what we promise (landmarks, one h1, focusable scroll).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def view_name(path):
    try:
        return resolve(path.split("?")[0]).url_name
    except Resolver404:
        return None


def menu(page):
    """The addresses of the signed-in person's menu, their home page and preferences first."""
    links = page.eval_on_selector_all("header a[href^='/']", "links => links.map(a => a.getAttribute('href'))")
    return list(dict.fromkeys(["/", *links]))


def links_in_main(page):
    return page.eval_on_selector_all("main a[href^='/']", "links => links.map(a => a.getAttribute('href'))")


def walk(browser, live_server, width, seen_views):
    """Yield (role, page, path) for each page of the walk at this width; one browser context per role.

    Every role's home page and menu pages, then from those (and from the pages they lead to) one page of each
    view that no role reached yet at this width. An address another role's walk opened already is left out (its
    page differs by role in content, not in markup), except the home page, which is each role's own.
    """
    done = set()
    for role, email in LOGINS.items():
        context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url)
        page = context.new_page()
        sign_in(page, email)
        menu_pages = menu(page)
        todo = [(path, 0) for path in menu_pages + (EXTRA if role == "communications" else [])]
        done.discard("/")
        while todo:
            path, depth = todo.pop(0)
            name = view_name(path)
            if path in done or name is None or name in NOT_PAGES:
                continue
            done.add(path)
            response = page.goto(path)
            if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type"):
                continue
            seen_views.add(name)
            yield role, page, path
            if depth < 2:
                for link in links_in_main(page):
                    linked = view_name(link)
                    if linked and linked not in seen_views and linked not in NOT_PAGES:
                        seen_views.add(linked)
                        todo.append((link, depth + 1))
        context.close()


def axe_violations(page, source):
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


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        # In CI `make test-browser` has installed it, so a missing file there is a broken install, not a choice.
        (pytest.fail if os.environ.get("CI") else pytest.skip)(
            f"no axe-core at {AXE}: `make test-browser` installs it from the npm registry"
        )
    return AXE.read_text()


# Nothing may stick out of a 320 px window; the widest elements say what does.
WIDER_THAN_WINDOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.scrollingElement.scrollWidth <= width) return [];
  // An element sticks out by its box or by what overflows it (an unbroken word); the innermost ones are named.
  const right = el => Math.max(el.getBoundingClientRect().right, el.getBoundingClientRect().left + el.scrollWidth);
  const out = el => right(el) > width + 1 && getComputedStyle(el).position !== "absolute";
  return [...document.querySelectorAll("body *")]
    .filter(el => out(el) && ![...el.children].some(out))
    .slice(0, 3)
    .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + el.className : "")
      + " to " + Math.round(right(el)) + " px");
}"""


@pytest.mark.parametrize("width", [320])
def test_nothing_is_wider_than_a_320_px_window(browser, live_server, demo, width):
    failures, seen = [], set()
    for role, page, path in walk(browser, live_server, width, seen):
        wide = page.evaluate("() => document.scrollingElement.scrollWidth")
        if wide > width:
            failures.append(f"{role} {path}: {wide} px wide: {', '.join(page.evaluate(WIDER_THAN_WINDOW))}")
    assert not failures, "\n".join(failures)


# Every element that takes focus shows a ring of at least 3:1 against what lies behind it (WCAG 1.4.11; the ring
# is drawn outside the element, so against the nearest background of its parents), and every region that scrolls
# can be reached by keyboard itself or holds something that can (WCAG 2.1.1).
KEYBOARD = """() => {
  const problems = [];
  const rgb = value => {
    const m = value.match(/rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?/);
    return m ? { c: [+m[1], +m[2], +m[3]], a: m[4] === undefined ? 1 : +m[4] } : null;
  };
  const luminance = c => {
    const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (x, y) => {
    const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (a + 0.05) / (b + 0.05);
  };
  const behind = el => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0.5) return colour.c;
    }
    return [255, 255, 255];
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.getAttribute("href") ? "[" + el.getAttribute("href") + "]" : "")
    + (el.textContent.trim() ? " " + JSON.stringify(el.textContent.trim().slice(0, 30)) : "");
  const focusable = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"
  )].filter(el => !el.disabled && el.getClientRects().length);
  for (const el of focusable.slice(0, 200)) {
    el.focus({ preventScroll: true });
    if (document.activeElement !== el) continue;
    const style = getComputedStyle(el);
    const ring = rgb(style.outlineColor);
    if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2 || !ring || ring.a < 1) {
      problems.push(name(el) + ": no focus ring");
      continue;
    }
    const ratio = contrast(ring.c, behind(el));
    if (ratio < 3) problems.push(name(el) + ": focus ring " + ratio.toFixed(2) + ":1");
  }
  document.activeElement.blur();
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    const scrolls = (["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      || (["auto", "scroll"].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
    if (scrolls && el.tabIndex < 0 && !el.querySelector("a[href], button, input, select, textarea, [tabindex]")) {
      problems.push(name(el) + ": scrolls but cannot be reached by keyboard");
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_nothing_and_every_page_works_by_keyboard(browser, live_server, demo, axe_source, width):
    """One walk per width for both, so each page is loaded once."""
    axe, keyboard, count = [], [], 0
    for role, page, path in walk(browser, live_server, width, set()):
        count += 1
        axe += [f"{role} {path}: {v}" for v in axe_violations(page, axe_source)]
        keyboard += [f"{role} {path}: {problem}" for problem in page.evaluate(KEYBOARD)]
    assert count > 90, f"the walk reached only {count} pages"
    assert not axe, "axe-core:\n" + "\n".join(axe)
    assert not keyboard, "keyboard:\n" + "\n".join(keyboard[:80])


def test_a_form_with_errors_moves_focus_to_its_summary_and_says_so_in_the_title(page_at, demo):
    page = page_at(375)
    sign_in(page, LOGINS["employee"])
    page.goto("/webcare/melden/")
    page.get_by_role("button", name="Stuur naar webcare").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    assert page.title().startswith("Fout: ")
    summary.get_by_role("link").first.click()
    assert page.evaluate("() => document.activeElement.id") == "id_description"


def png(colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_each_chosen_story_photo_gets_a_description_of_its_own(page_at, demo):
    page = page_at(375)
    sign_in(page, LOGINS["volunteer"])
    page.goto("/verhalen/nieuw/")
    assert not page.get_by_label("Beschrijving van foto 1").is_visible()
    page.get_by_label("Foto's (hooguit 4)").set_input_files(
        [
            {"name": "taart.png", "mimeType": "image/png", "buffer": png((200, 120, 40))},
            {"name": "tuin.png", "mimeType": "image/png", "buffer": png((40, 160, 60))},
        ]
    )
    assert page.get_by_text("taart.png: ").is_visible() and page.get_by_text("tuin.png: ").is_visible()
    assert not page.get_by_label("Beschrijving van foto 3").is_visible()
    page.get_by_label("Jouw verhaal").fill("Vanmiddag bakten we samen een taart voor de verjaardag van de tuinman.")
    page.get_by_label("Beschrijving van foto 1").fill("Een taart met kaarsjes")
    page.get_by_label("Foto 2 is decoratief", exact=False).check()
    page.get_by_label("Iedereen op de foto's vindt het goed om online te staan.").check()
    screenshot(page, "story-photo-descriptions-375")
    page.get_by_role("button", name="Naar communicatie sturen").click()
    page.wait_for_url("**/verhalen/*/versturen/")  # the photo check comes first, then the story is sent
    story = Story.objects.filter(author__email=LOGINS["volunteer"]).latest("created")
    assert [p.image.alt for p in story.photos.order_by("pk")] == ["Een taart met kaarsjes", ""]

"""Screenshots of every demo login's home page at 375 and 1280 px, into var/artifacts/.

The browser test (tests/browser/test_home.py) takes them against its own server; against a running one:

    .venv/bin/python -m tests.browser.screens http://127.0.0.1:8105

(the server with the demo loaded: `make run`, or `make serve PORT=8105` after `manage.py demo`).
"""

import os
import sys
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "var" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = "lindehof-demo"  # deelwijs.demo.build.DEMO_PASSWORD, without importing Django here
# The demo's logins by the role the README names them for.
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
WIDTHS = (375, 1280)
# Views that answer a file, a redirect or a download, not a page (the accessibility test and the walk skip them).
NOT_PAGES = {
    "logout",
    "set_language",
    "tracked_link",
    "ical",
    "dashboard_csv",
    "learning_progress_csv",
    "report_download",
    "export_download",
    "item_image",
    "public_image",
    "story_photo",
    "post_image",
    "inbox_screenshot",
    "consent_form_file",
    "consent_photo_file",
    "toolkit_attachment",
    "toolkit_library_image",
    "toolkit_banner",
    "people_online_export",
    "people_online_snippet",
    "people_online_json",
    "report_logo",
    "photo_check_image",
    "photo_check",  # the photo check's panel, fetched by photocheck.js into a page
}


def sign_in(page, email):
    """Sign in with the demo password and wait until the page it leads to has loaded, stylesheets included.

    A click only waits for the next page's navigation to commit: a layout or visibility check run straight after it
    can see the page before its CSS applies (a phone menu measured unstyled, both main menus shown at once)."""
    page.goto("/aanmelden/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Aanmelden", exact=True).click()
    if "/aanmelden/" in page.url:
        raise AssertionError(f"signing in as {email} failed: still on {page.url}")


def home_screenshots(browser, base_url, logins=LOGINS, widths=WIDTHS):
    """Sign in as each login at each width and save the whole home page; returns the files written."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    written = []
    for role, email in logins.items():
        for width in widths:
            context = browser.new_context(viewport={"width": width, "height": 900}, base_url=base_url)
            page = context.new_page()
            try:
                sign_in(page, email)
                path = ARTIFACTS / f"home-{role}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                written.append(path)
            finally:
                context.close()
    return written


def main(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            for path in home_screenshots(browser, base_url):
                print(path)
        finally:
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8105")

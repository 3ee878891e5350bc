import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "var" / "artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: run `make test-browser`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def demo(transactional_db):
    from deelwijs.demo.build import create_demo

    return create_demo()


@pytest.fixture
def page_at(browser, live_server):
    pages = []

    def open_page(width):
        page = browser.new_page(viewport={"width": width, "height": 900}, base_url=live_server.url)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def menu_link(page, name):
    """A link of the main menu; on a phone it may sit behind "Meer", which this opens."""
    # Which menu shows depends on the stylesheet: wait for it, or both menus count as visible.
    page.wait_for_load_state("load")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    # The name, and after it perhaps a count: "Webcare 3 nieuwe items".
    link = menu.get_by_role("link", name=re.compile(rf"^{re.escape(name)}( \d+ .*)?$"))
    if not link.is_visible():
        menu.get_by_text("Meer", exact=True).click()
    return link

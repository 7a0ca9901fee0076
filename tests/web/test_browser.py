"""The web player in a real headless Chromium (Playwright, with the system's Chromium):
a game played by clicking to its ending with JavaScript on, and every page at a phone's
width without sideways scrolling. Without Chromium the tests are skipped, except under
CI, where .ci/run installs it and a missing browser fails them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]  # fmt: skip
PAGES = ("/", "/play", "/world", "/timeline", "/codex", "/documents/glossary")
# The next page is in, and htmx has settled it: htmx boosts the new links and forms
# only when it settles, a few milliseconds after the swap; a click before that is a
# plain form post and loads a whole page.
SETTLED = (
    "seen => (document.querySelector('.ending') !== null"
    " || document.querySelector('input[name=revision]')?.value !== seen)"
    " && document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    " === null"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`newcourse serve` on a free port and a fresh SQLite file; stopped afterwards."""
    folder = tmp_path_factory.mktemp("served")
    port = _free_port()
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "newcourse", "serve", "--port", str(port),
         "--database-url", f"sqlite:///{folder / 'web.sqlite3'}"],
        stdout=subprocess.DEVNULL,
        stderr=log,
        env={**os.environ, "NEWCOURSE_DATA_DIR": str(folder)},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/api/codes", timeout=2):
                    break
            except OSError:
                assert process.poll() is None, (folder / "server.log").read_text()
                assert time.monotonic() < deadline, "the server did not answer in 30 s"
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no browser of Playwright's own)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: under CI the browser tests must run")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _watch(page: Any) -> list[str]:
    """The console's errors and warnings and the page's own errors, as they come."""
    said: list[str] = []
    page.on(
        "console",
        lambda message: said.append(message.text) if message.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda error: said.append(str(error)))
    page.on(
        "response",
        lambda answer: (
            said.append(f"{answer.status} {answer.url}") if answer.status >= 400 else None
        ),
    )
    return said


def test_a_game_is_played_by_clicking_to_its_ending(browser: Any, server: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    said = _watch(page)
    page.goto(server + "/")
    page.evaluate("window.stillThisPage = true")  # gone if a click loads a new page
    page.fill("#seed", "7")
    page.get_by_role("button", name="Begin a new game").click()
    expect(page.locator("#event-heading")).to_be_visible()
    page.wait_for_function(SETTLED, arg=None)
    decisions = 0
    while page.locator(".ending").count() == 0:
        revision = page.locator('input[name="revision"]').first.get_attribute("value")
        button = page.locator("button[data-option]:not([disabled])").first
        if decisions % 2:
            page.keyboard.press(button.get_attribute("data-option"))  # keyboard play
        else:
            button.click()
        page.wait_for_function(SETTLED, arg=revision)
        decisions += 1
        assert decisions < 400
    assert decisions > 20
    expect(page.locator("#ending-heading")).to_be_visible()
    expect(page.get_by_text("Your timeline beside history")).to_be_visible()
    assert page.evaluate("window.stillThisPage === true"), "a click loaded a whole page, not htmx"
    page.get_by_role("link", name="World").click()
    expect(page.get_by_role("heading", name="The state of the world")).to_be_visible()
    chart = page.locator(".chart img").first
    chart.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=chart.element_handle()
    )
    assert page.locator(".map path.front").count() >= 1
    assert not said, said  # no CSP refusal, no script error
    context.close()


def test_every_page_fits_a_phone_without_sideways_scrolling(
    browser: Any, server: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    said = _watch(page)
    page.goto(server + "/")
    page.get_by_role("button", name="Begin a new game").click()
    page.locator("button[data-option]:not([disabled])").first.click()
    page.wait_for_selector(".others")
    for path in PAGES:
        page.goto(server + path)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 390, f"{path} is {wide} px wide at 390"
    page.goto(server + "/play")
    shot = tmp_path / "play-390.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert not said, said
    context.close()

"""The web player's accessibility in a real headless Chromium: axe-core (from the
axe-playwright-python package) over every page finds no serious or critical
violation, a game is played from the keyboard alone with a visible focus ring, and
what a decision brought is told through one live region that outlives the swaps.

axe is put into the page by Playwright in a context that bypasses the pages'
Content-Security-Policy; the server's policy stays as it is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newcourse.web.csrf import HEADER

from .test_browser import SETTLED, browser, server  # noqa: F401  (the browser tests' fixtures)

pytestmark = pytest.mark.browser

SERIOUS = ("serious", "critical")
# rules that must have looked at the game page and passed, so that an axe that ran
# nothing (or could not see the page) does not pass for a clean one
MUST_PASS = ("color-contrast", "document-title", "html-has-lang", "landmark-one-main", "label")
FOCUS_RING_CONTRAST = 3.0  # WCAG 2.2, 1.4.11: a focus indicator against what is around it


@pytest.fixture
def audited(browser: Any) -> Iterator[Any]:  # noqa: F811
    """A page in a context that lets Playwright put axe-core into it (the app's own
    Content-Security-Policy would refuse the script; the server is not changed)."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


class Audit:
    """axe-core run over page after page; what it finds is kept, to be told at the end."""

    def __init__(self, page: Any) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.page = page
        self.axe = Axe()
        self.found: list[str] = []
        self.pages: list[str] = []

    def __call__(self, name: str) -> dict[str, Any]:
        """Audit the page as it is now, under ``name``; the whole of axe's answer."""
        answer: dict[str, Any] = self.axe.run(
            self.page, options={"resultTypes": ["violations", "passes"]}
        ).response
        self.pages.append(name)
        for violation in answer["violations"]:
            if violation["impact"] in SERIOUS:
                for node in violation["nodes"]:
                    self.found.append(
                        f"{name}: {violation['id']} ({violation['impact']}) at "
                        f"{' '.join(map(str, node['target']))}: {violation['help']} "
                        f"[{node.get('failureSummary', '').strip()}]"
                    )
        return answer


def _settled(page: Any, revision: str | None) -> None:
    page.wait_for_function(SETTLED, arg=revision)


def _choose_first_open(page: Any) -> None:
    revision = page.locator('input[name="revision"]').first.get_attribute("value")
    page.locator("button[data-option]:not([disabled])").first.click()
    _settled(page, revision)


def _finish_by_api(page: Any, server: str) -> None:  # noqa: F811
    """Play the game in progress to its end through the API, with the page's cookie."""
    request = page.context.request
    token = request.get(server + "/api/codes").headers[HEADER.lower()]
    for _ in range(400):
        view = request.get(server + "/api/game").json()["view"]
        if view["over"]:
            return
        option = next(o["number"] for o in view["options"] if o["available"])
        answer = request.post(
            server + "/api/game/choose", data={"option": option}, headers={HEADER: token}
        )
        assert answer.ok, answer.text()
    raise AssertionError("the game did not end in 400 decisions")


def test_no_page_has_a_serious_or_critical_violation(audited: Any, server: str) -> None:  # noqa: F811
    page = audited
    audit = Audit(page)
    page.goto(server + "/")
    audit("the start page, no saves")
    page.fill("#seed", "7")
    page.get_by_role("button", name="Begin a new game").click()
    page.wait_for_selector("#event-heading")
    _settled(page, None)
    answer = audit("the game, at the start")
    passed = {rule["id"] for rule in answer["passes"]}
    assert set(MUST_PASS) <= passed, f"axe did not check {set(MUST_PASS) - passed}"
    for _ in range(3):
        _choose_first_open(page)
    audit("the game, after three decisions")
    for _ in range(40):  # with seed 7 the first options lead to a closed one by the 16th
        if page.locator("button[data-option][disabled]").count():
            break
        _choose_first_open(page)
    assert page.locator("button[data-option][disabled]").count(), "no unavailable option met"
    audit("the game, with an unavailable option")
    page.set_viewport_size({"width": 390, "height": 844})
    audit("the game, at a phone's width")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.fill("#save-name", "audit")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector(".notice")
    audit("the game, with a notice")
    page.get_by_role("link", name="Saves").click()
    page.wait_for_selector("table.saves")
    audit("the saves")

    for path, name in (
        ("/world", "the state of the world"),
        ("/timeline", "the timeline"),
        ("/codex", "the codex"),
        ("/codex?q=Trotsky", "the codex, searched"),
        ("/api/docs", "the API's page"),
        ("/nowhere", "a 404 page"),
        ("/codex/nowhere", "a missing codex note"),
    ):
        page.goto(server + path)
        audit(name)
    page.goto(server + "/codex")
    note = page.locator("main a[href^='/codex/']").first.get_attribute("href")
    page.goto(server + note)
    audit("a codex note")
    documents = page.locator("nav a[href^='/documents/']")
    links = [documents.nth(i).get_attribute("href") for i in range(documents.count())]
    assert "/documents/glossary" in links
    for link in links:
        page.goto(server + link)
        audit(f"the document {link}")

    _finish_by_api(page, server)
    page.goto(server + "/play")
    page.wait_for_selector("#ending-heading")
    audit("the ending")
    page.goto(server + "/world")
    page.wait_for_selector(".map")
    audit("the state of the world at the end")  # (the ending holds the whole timeline)

    assert len(audit.pages) >= 19
    assert not audit.found, "axe found serious or critical violations:\n" + "\n".join(audit.found)


def test_no_council_page_has_a_serious_or_critical_violation(audited: Any, server: str) -> None:  # noqa: F811
    page = audited
    audit = Audit(page)
    page.goto(server + "/councils")
    audit("the councils page")
    page.fill("#create-name", "Ana")
    page.fill("#create-seed", "7")
    page.get_by_role("button", name="Create the council").click()
    page.wait_for_selector("#motion-heading")
    code = page.locator(".council-head strong").inner_text()
    audit("the council, at its first motion")
    page.set_viewport_size({"width": 390, "height": 844})
    audit("the council, at a phone's width")
    page.set_viewport_size({"width": 1280, "height": 900})
    for path, name in (
        (f"/c/{code}/world", "the council's world"),
        (f"/c/{code}/timeline", "the council's timeline"),
        (f"/c/{code}/minutes", "the council's minutes"),
    ):
        page.goto(server + path)
        audit(name)
    visitor = page.context.browser.new_context(bypass_csp=True)
    try:
        other = visitor.new_page()
        other.goto(server + f"/c/{code}")
        audit.page = other
        audit("the council, to a visitor without a seat")
    finally:
        visitor.close()
    assert not audit.found, "axe found serious or critical violations:\n" + "\n".join(audit.found)


def _contrast(one: tuple[int, ...], other: tuple[int, ...]) -> float:
    """WCAG's contrast ratio between two sRGB colours."""

    def luminance(colour: tuple[int, ...]) -> float:
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in (part / 255 for part in colour[:3])
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const paper = getComputedStyle(document.documentElement).backgroundColor;
  return {tag: element.tagName, text: (element.textContent || "").trim().slice(0, 40),
          style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          colour: style.outlineColor, paper: paper};
}"""


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(float(part)) for part in css[css.index("(") + 1 : -1].split(",")[:3])


def _tab_to(page: Any, name: str) -> dict[str, Any]:
    """Press Tab until the control called ``name`` has the focus, checking that every
    control met on the way shows a focus ring that stands out from the paper."""
    for _ in range(40):
        page.keyboard.press("Tab")
        focused: dict[str, Any] = page.evaluate(FOCUSED)
        assert focused["style"] != "none" and focused["width"] >= 2, focused
        contrast = _contrast(_rgb(focused["colour"]), _rgb(focused["paper"]))
        assert contrast >= FOCUS_RING_CONTRAST, (focused, contrast)
        if focused["text"].startswith(name):
            return focused
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_game_is_played_from_the_keyboard_with_its_news_spoken(
    browser: Any,  # noqa: F811
    server: str,  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the page")).to_be_focused()
    _tab_to(page, "Begin a new game")
    page.keyboard.press("Enter")
    page.wait_for_selector("#event-heading")
    _settled(page, None)
    announcer = page.locator("#announcer")
    page.evaluate("document.getElementById('announcer').kept = true")
    expect(announcer).to_have_text(page.locator("#event-heading").inner_text())

    headings = []
    for _ in range(3):
        headings.append(page.locator("#event-heading").inner_text())
        revision = page.locator('input[name="revision"]').first.get_attribute("value")
        button = page.locator("button[data-option]:not([disabled])").last
        key = button.get_attribute("data-option")
        chosen = button.locator(".option-text").inner_text()
        page.keyboard.press(key)
        _settled(page, revision)
        expect(page.locator(".last .chosen")).to_contain_text(chosen)
        expect(announcer).to_contain_text("You chose: " + chosen)
        expect(announcer).to_contain_text(page.locator("#event-heading").inner_text())
    assert page.evaluate("document.getElementById('announcer').kept === true"), (
        "the live region was replaced, so a screen reader may not read what it says"
    )
    assert page.evaluate("document.activeElement.id") == "main"

    reached = _tab_to(page, "Undo the last decision")
    assert reached["tag"] == "BUTTON"
    revision = page.locator('input[name="revision"]').first.get_attribute("value")
    page.keyboard.press("Enter")
    _settled(page, revision)
    expect(page.locator("#event-heading")).to_have_text(headings[-1])
    context.close()


def test_a_refusal_is_shown_in_place_and_spoken(browser: Any, server: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/")
    page.get_by_role("button", name="Begin a new game").click()
    page.wait_for_selector("#event-heading")
    _settled(page, None)
    elsewhere = context.new_page()  # the same player, in another tab, decides first
    elsewhere.goto(server + "/play")
    elsewhere.locator("button[data-option]:not([disabled])").first.click()
    elsewhere.wait_for_selector(".last")
    page.evaluate("window.stillThisPage = true")
    key = page.locator("button[data-option]:not([disabled])").first.get_attribute("data-option")
    page.keyboard.press(key)  # on a page the game has left behind
    expect(page.get_by_role("alert")).to_contain_text("moved on")
    assert page.evaluate("window.stillThisPage === true"), "the refusal loaded a whole page"
    expect(page.locator(".last .chosen")).to_be_visible()  # the game as it now stands
    expect(page.locator("#announcer")).to_have_text("")  # the alert speaks for itself
    assert page.url == server + "/play", "the address became the form's, which cannot be reloaded"
    page.reload()
    expect(page.locator(".last .chosen")).to_be_visible()
    assert page.get_by_role("alert").count() == 0
    context.close()

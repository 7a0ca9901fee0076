"""Council mode in real browsers: three people, each in a browser of their own (their own
cookies), create a council, join it by link and by code, debate and vote, recall the
chair, file a minority report that history brings back, play the game to its ending and
export the minutes. One of them has no EventSource, so their page keeps up by polling.

The pages are driven as people use them (clicks, the keyboard, typing); the motions in
between are voted through the JSON API with the same browsers' cookies, each delegate
voting as the historian bot in the council voted, so that the game goes as history went
and reaches its ending in a minute rather than an hour."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newcourse.web.csrf import HEADER

from .test_browser import _watch, browser, server  # noqa: F401  (the browser tests' fixtures)

pytestmark = pytest.mark.browser

LIVE = 5_000
"""Milliseconds within which a page kept live by server-sent events shows what another did."""
POLLED = 12_000
"""The same for a page that polls (every four seconds) because it has no EventSource."""
NO_EVENT_SOURCE = "delete window.EventSource;"
TOO_FAST = 429


class Delegate:
    """One person at the council: a browser context of their own (cookies, a player), one
    page, what went wrong in it, and the JSON API with the same cookies."""

    def __init__(
        self,
        browser: Any,  # noqa: F811
        server: str,  # noqa: F811
        name: str,
        polling: bool = False,
        bypass_csp: bool = False,
    ) -> None:
        self.name = name
        self.server = server
        self.context = browser.new_context(
            viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp
        )
        if polling:
            self.context.add_init_script(NO_EVENT_SOURCE)
        self.page = self.context.new_page()
        self.said = _watch(self.page)
        self.asked: list[str] = []
        self.page.on("request", lambda request: self.asked.append(request.url))
        self.token = ""

    def api(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """A GET (no body) or a command (a body) of the council's JSON API, as this person
        (who waits a moment when told that they give commands too fast)."""
        request = self.context.request
        if not self.token:
            self.token = request.get(self.server + "/api/codes").headers[HEADER.lower()]
        url = self.server + "/api/councils/" + path
        for _ in range(100):
            if body is None:
                answer = request.get(url)
            else:
                answer = request.post(url, data=body, headers={HEADER: self.token})
            if answer.status != TOO_FAST:
                break
            time.sleep(0.25)  # faster than a person: the council asks them to wait
        assert answer.ok, f"{self.name}: {path} {body}: {answer.status} {answer.text()}"
        found: dict[str, Any] = answer.json()
        return found

    def mark(self) -> None:
        """Mark the page, so that a whole new page loaded (not a swap) would show."""
        self.page.evaluate("window.stillThisPage = true")

    def still(self) -> bool:
        """Whether the marked page is still the one shown: nothing was reloaded."""
        return bool(self.page.evaluate("window.stillThisPage === true"))

    def close(self) -> None:
        self.context.close()


def _tab_to(page: Any, wanted: str) -> None:
    """Press Tab until the element ``wanted`` (a CSS selector) has the focus."""
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("w => document.activeElement?.matches(w) === true", wanted):
            return
    raise AssertionError(f"Tab never reached {wanted}")


def _at_motion(delegate: Delegate, number: int, within: int) -> None:
    """Wait until the person's page shows motion ``number`` before the council."""
    from playwright.sync_api import expect

    kicker = delegate.page.locator(".motion > .kicker")
    expect(kicker).to_have_text(re.compile(rf"^Motion {number} ·"), timeout=within)


def _decided(delegate: Delegate, number: int, within: int) -> None:
    """Wait until the person's page shows motion ``number`` decided."""
    from playwright.sync_api import expect

    latest = delegate.page.locator(".decided li").first
    expect(latest).to_contain_text(f"Motion {number},", timeout=within)


def _motion(delegate: Delegate, code: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = delegate.api(code)["motion"]
    return found


def _option(motion: dict[str, Any], option: str) -> int:
    """The number of the option with id ``option``."""
    number: int = next(o["number"] for o in motion["options"] if o["id"] == option)
    return number


def _as_history_went(motion: dict[str, Any]) -> int:
    """The option the historian bot voted for, or (a motion the bot does not vote on, on the
    consent agenda) the first one available."""
    for vote in motion["votes"]:
        if vote["name"] == "Historian (bot)":
            number: int = vote["option"]
            return number
    return next(o["number"] for o in motion["options"] if o["available"] and o["in_round"])


def _one_motion_by_api(
    delegates: list[Delegate], chair: Delegate, code: str, view: dict[str, Any]
) -> dict[str, Any]:
    """The motion before the council (as ``view`` shows it) decided through the API, as
    history went; the council as it is after."""
    motion = view["motion"]
    assert motion is not None
    choice = _as_history_went(motion)
    if motion["phase"] == "consent":
        return chair.api(f"{code}/settle", {"option": choice})
    if motion["phase"] == "casting":
        return chair.api(f"{code}/cast", {"option": choice})
    assert motion["phase"] == "vote", motion["phase"]
    for delegate in delegates:
        view = delegate.api(f"{code}/vote", {"option": choice})
    return view


def _drive_to(delegates: list[Delegate], chair: Delegate, code: str, event: str) -> None:
    """Motions decided through the API until ``event`` is the motion before the council."""
    view = chair.api(code)
    for _ in range(200):
        assert view["motion"] is not None, f"the game ended before {event}"
        if view["motion"]["event"] == event:
            return
        view = _one_motion_by_api(delegates, chair, code, view)
    raise AssertionError(f"{event} never came")


@pytest.fixture
def people(browser: Any, server: str) -> Iterator[list[Delegate]]:  # noqa: F811
    """Ana, Boris and Clara, each in a browser of their own; Clara's has no EventSource.
    Their browsers are closed afterwards (their event streams with them)."""
    sitting = [
        Delegate(browser, server, "Ana"),
        Delegate(browser, server, "Boris"),
        Delegate(browser, server, "Clara", polling=True),
    ]
    try:
        yield sitting
    finally:
        for delegate in sitting:
            delegate.close()


def test_three_people_in_their_own_browsers_play_a_council_to_its_ending(
    people: list[Delegate],
    server: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    ana, boris, clara = everyone = people

    # ---- Ana creates the council and reads its link and code from the page
    page = ana.page
    page.goto(server + "/")
    page.get_by_role("link", name="create a council or join one by its code").click()
    page.fill("#create-name", "Ana")
    page.fill("#create-seed", "7")
    page.get_by_role("button", name="Create the council").click()
    expect(page.locator(".dateline")).to_contain_text("you sit as Ana, the chair")
    code = page.locator(".council-head strong").inner_text()
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", code), code
    link = page.locator(".council-head .hint a").first.inner_text()
    assert link == f"{server}/c/{code}"
    ana.mark()

    # ---- Boris joins by the link, Clara by typing the code
    boris.page.goto(link)
    expect(boris.page.get_by_role("heading", name="Take a seat")).to_be_visible()
    boris.page.fill("#seat-name", "Boris")
    boris.page.get_by_role("button", name=f"Join council {code}").click()
    expect(boris.page.locator(".dateline")).to_contain_text("you sit as Boris, a delegate")
    clara.page.goto(server + "/councils")
    clara.page.fill("#join-code", f"{code[:3].lower()} {code[3:].lower()}")
    clara.page.get_by_role("button", name="Find the council").click()
    clara.page.fill("#seat-name", "Clara")
    clara.page.get_by_role("button", name=f"Join council {code}").click()
    expect(clara.page.locator(".dateline")).to_contain_text("you sit as Clara, a delegate")
    members = page.locator(".members")
    expect(members).to_contain_text("Boris", timeout=LIVE)  # the chair's page kept up
    expect(members).to_contain_text("Clara", timeout=LIVE)
    boris.mark()
    clara.mark()

    # ---- the debate: each sees the others' arguments arrive without reloading
    motion = _motion(ana, code)
    assert motion is not None and motion["phase"] == "vote"
    boris.page.select_option("#post-option", "2")
    boris.page.fill("#post-text", "Send him: the German party needs the man who led October.")
    boris.page.get_by_role("button", name="Post the argument").click()
    for delegate, within in ((ana, LIVE), (clara, POLLED)):
        expect(delegate.page.locator(".posts")).to_contain_text(
            "the man who led October", timeout=within
        )
    # Clara argues from the keyboard alone
    _tab_to(clara.page, "#post-option")
    clara.page.keyboard.press("End")  # the last option
    _tab_to(clara.page, "#side-for")
    clara.page.keyboard.press("ArrowRight")  # against
    _tab_to(clara.page, "#post-text")
    clara.page.keyboard.type("Keep him here: the fight for the party is in Moscow.")
    _tab_to(clara.page, "form[action$='/act/post'] button")
    clara.page.keyboard.press("Enter")
    for delegate in (ana, boris):
        expect(delegate.page.locator(".posts")).to_contain_text("in Moscow", timeout=LIVE)
    expect(clara.page.locator(".posts")).to_contain_text("Clara, against option 4")

    # ---- the vote: open, by name, changeable until it closes
    page.get_by_role("button", name="Vote for 1").click()
    expect(page.locator(".tally-now")).to_contain_text("your vote: option 1")
    boris.page.locator("#main").focus()
    boris.page.keyboard.press("2")  # the number keys vote
    expect(boris.page.locator(".tally-now")).to_contain_text("your vote: option 2")
    page.get_by_role("button", name="Change your vote to 2").click()
    expect(page.locator(".tally-now")).to_contain_text("your vote: option 2")
    table = clara.page.locator(".council-votes")
    expect(table).to_contain_text("Ana", timeout=POLLED)
    expect(table.locator("tr", has_text="Ana")).to_contain_text("2.", timeout=POLLED)
    expect(table.locator("tr", has_text="Boris")).to_contain_text("2.")
    expect(clara.page.locator(".tally-now")).to_contain_text("2 of 3 delegates have voted")
    clara.page.get_by_role("button", name="Vote for 1").click()  # all have voted: it closes
    for delegate in everyone:
        _decided(delegate, 1, POLLED)
        expect(delegate.page.locator(".decided li").first).to_contain_text("by majority")
    expect(clara.page.locator("#report-heading")).to_contain_text("Minority report on motion 1")

    # ---- accountability: Boris moves to recall the chair, the majority recalls, Clara
    # is elected
    boris.page.get_by_role("button", name="Move to recall the chair").click()
    expect(page.locator("#ballot-heading")).to_have_text("Recall of the chair: Ana", timeout=LIVE)
    expect(clara.page.locator("#ballot-heading")).to_have_text(
        "Recall of the chair: Ana", timeout=POLLED
    )
    clara.page.locator(".ballot-choices").get_by_role("button", name="Yes").click()
    for delegate in everyone:
        expect(delegate.page.locator("#ballot-heading")).to_have_text(
            "Election of a chair", timeout=POLLED
        )
    expect(page.locator(".dateline")).to_contain_text("no chair")
    boris.page.get_by_role("button", name="Elect Clara").click()
    clara.page.get_by_role("button", name="Elect Clara").click()
    expect(clara.page.locator(".dateline")).to_contain_text("you sit as Clara, the chair")
    expect(page.locator(".dateline")).to_contain_text("chair: Clara", timeout=LIVE)
    expect(page.locator(".ballot")).to_have_count(0)

    # ---- the new chair seats a bot, which votes as history went
    clara.page.select_option("#bot-strategy", "historian")
    clara.page.get_by_role("button", name="Seat", exact=True).click()
    expect(clara.page.locator(".members")).to_contain_text("Historian (bot)")
    for delegate in everyone:
        assert delegate.still(), f"{delegate.name}'s page was loaded again, not swapped"

    # ---- Lenin's death: Clara is outvoted and files a minority report
    _drive_to(everyone, clara, code, "lenins_death")
    motion = _motion(clara, code)
    assert motion is not None
    south, back = _option(motion, "go_on_south"), _option(motion, "turn_back")
    for delegate, choice in ((ana, south), (clara, back), (boris, south)):
        _at_motion(delegate, motion["number"], POLLED)
        delegate.page.get_by_role("button", name=f"Vote for {choice}").click()
    report = clara.page.locator("#report-heading")
    expect(report).to_have_text(f"Minority report on motion {motion['number']}", timeout=POLLED)
    clara.page.fill("#report-text", "The party will remember who stood at the graveside.")
    clara.page.get_by_role("button", name="File the minority report").click()
    expect(page.locator(".reports")).to_contain_text("who stood at the graveside", timeout=LIVE)

    # ---- the Testament brings the report back
    _drive_to(everyone, clara, code, "testament")
    back_again = page.locator(".reports .returned")
    expect(back_again).to_contain_text("vindicated", timeout=LIVE)
    expect(clara.page.locator(".reports .returned")).to_contain_text("vindicated", timeout=POLLED)
    shot = tmp_path / "council.png"
    # (the caret left alone: hiding it leaves style attributes that htmx, settling the
    # next refresh, would copy, and the page's Content-Security-Policy would refuse)
    page.screenshot(path=str(shot), full_page=True, caret="initial")
    assert shot.stat().st_size > 20_000

    # ---- a closed tab: the same browser sits in the same seat
    boris.page.close()
    boris.page = boris.context.new_page()
    boris.said += _watch(boris.page)
    boris.page.goto(link)
    expect(boris.page.locator(".dateline")).to_contain_text("you sit as Boris, a delegate")

    # ---- on to the last turn through the API, and the last motions in the browsers
    view = clara.api(code)
    for _ in range(400):
        if view["game"]["turn"] >= view["game"]["turns"] or view["motion"] is None:
            break
        view = _one_motion_by_api(everyone, clara, code, view)
    clicked = 0
    for _ in range(60):
        motion = _motion(clara, code)
        if motion is None:
            break
        choice = _as_history_went(motion)
        for delegate in everyone:
            _at_motion(delegate, motion["number"], POLLED)
        if motion["phase"] == "consent":
            clara.page.get_by_role("button", name=f"Settle as {choice}").click()
        else:
            for delegate in everyone:
                delegate.page.get_by_role("button", name=f"Vote for {choice}").click()
        clicked += 1
        for delegate in everyone:
            _decided(delegate, motion["number"], POLLED)
    assert clicked >= 1
    for delegate in everyone:
        expect(delegate.page.locator("#ending-heading")).to_be_visible(timeout=POLLED)

    # ---- the minutes, exported as Markdown and as JSON
    page.get_by_role("link", name="Read and export the minutes").click()
    expect(page.locator(".minutes")).to_contain_text("who stood at the graveside")
    with page.expect_download() as markdown_download:
        page.get_by_role("link", name="Markdown").click()
    markdown = Path(markdown_download.value.path()).read_text(encoding="utf-8")
    assert markdown_download.value.suggested_filename == f"council-{code}.md"
    assert "## Motion 1: " in markdown and "## The ending: " in markdown
    assert "the man who led October" in markdown and "in Moscow" in markdown
    assert "- Ana: " in markdown and "- Clara: " in markdown  # who voted what
    assert "**Minority report** by Clara" in markdown and "vindicated" in markdown
    assert "Recall of the chair (Ana), moved by Boris: carried" in markdown
    assert "Clara elected" in markdown
    with page.expect_download() as json_download:
        page.get_by_role("link", name="JSON (every record)").click()
    data = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    kinds = {record["kind"] for record in data["records"]}
    assert {"posted", "voted", "decided", "reported", "report_returned"} <= kinds
    assert {"ballot_opened", "ballot_closed"} <= kinds
    assert sum(record["kind"] == "decided" for record in data["records"]) > 100

    # ---- the live refresh came by server-sent events, and by polling without them
    for delegate in (ana, boris):
        assert any(url.endswith(f"/c/{code}/events") for url in delegate.asked)
    assert not any(url.endswith("/events") for url in clara.asked)
    assert any(url.endswith(f"/c/{code}/panel") for url in clara.asked)
    for delegate in everyone:
        assert not delegate.said, (delegate.name, delegate.said)


def test_no_council_page_has_a_serious_or_critical_violation(
    browser: Any,  # noqa: F811
    server: str,  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    from .test_accessibility import MUST_PASS, Audit

    # axe is put into the pages by Playwright, which the pages' own Content-Security-Policy
    # would refuse: these browsers bypass it (the server's policy is not changed)
    ana = Delegate(browser, server, "Ana", bypass_csp=True)
    boris = Delegate(browser, server, "Boris", bypass_csp=True)
    try:
        page = ana.page
        audit = Audit(page)
        page.goto(server + "/councils")
        audit("the councils page")
        page.fill("#create-name", "Ana")
        page.fill("#create-seed", "7")
        page.get_by_role("button", name="Create the council").click()
        expect(page.locator(".dateline")).to_contain_text("you sit as Ana, the chair")
        code = page.locator(".council-head strong").inner_text()
        boris.page.goto(f"{server}/c/{code}")
        Audit(boris.page)("the page to take a seat")
        boris.api(f"{code}/join", {"name": "Boris"})
        boris.api(f"{code}/post", {"option": 2, "side": "for", "text": "Send him to Berlin."})
        boris.api(f"{code}/vote", {"option": 2})
        expect(page.locator(".council-votes")).to_contain_text("Boris", timeout=LIVE)
        passed = {rule["id"] for rule in audit("the council, a motion debated and voted")["passes"]}
        assert set(MUST_PASS) <= passed, f"axe did not check {set(MUST_PASS) - passed}"
        page.get_by_role("button", name="Vote for 1").click()  # a tie: the chair casts
        expect(page.get_by_role("button", name="Cast the chair's vote for 1")).to_be_visible()
        audit("the council, a tie before the chair")
        page.get_by_role("button", name="Cast the chair's vote for 2").click()
        expect(page.locator("#report-heading")).to_be_visible()
        audit("the council, a minority report to file")
        boris.api(f"{code}/recall", {})
        expect(page.locator("#ballot-heading")).to_contain_text("Recall", timeout=LIVE)
        audit("the council, a recall before it")
        page.set_viewport_size({"width": 390, "height": 844})
        audit("the council, at a phone's width")
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 390, f"the council is {wide} px wide at 390"
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{server}/c/{code}/minutes")
        audit("the minutes")

        ana.api(f"{code}/ballot", {"choice": "no"})  # the recall fails, Ana keeps the chair
        ana.api(f"{code}/bot", {"strategy": "historian"})
        view = ana.api(code)
        for _ in range(400):  # to the ending, as history went
            if view["motion"] is None:
                break
            view = _one_motion_by_api([ana, boris], ana, code, view)
        page.goto(f"{server}/c/{code}")
        expect(page.locator("#ending-heading")).to_be_visible()
        audit("the council at the ending")
        assert len(audit.pages) >= 8
        assert not audit.found, "axe found serious or critical violations:\n" + "\n".join(
            audit.found
        )
    finally:
        ana.close()
        boris.close()


def test_the_time_left_to_vote_counts_down_and_its_end_brings_the_council_up_to_date(
    browser: Any,  # noqa: F811
    server: str,  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    ana = Delegate(browser, server, "Ana")
    try:
        ana.token = ana.context.request.get(server + "/api/codes").headers[HEADER.lower()]
        made = ana.context.request.post(
            server + "/api/councils",
            data={"name": "Ana", "deadline": 4},
            headers={HEADER: ana.token},
        )
        assert made.ok, made.text()
        code = made.json()["council"]["code"]
        page = ana.page
        page.goto(f"{server}/c/{code}")
        left = page.locator(".time-left")
        expect(left).to_have_text(re.compile(r"^0:00:0[0-4]$"))
        expect(page.locator(".tally-now")).to_contain_text(
            "Round 1 (deadline)", timeout=LIVE + 4_000
        )
        assert not ana.said, ana.said
    finally:
        ana.close()

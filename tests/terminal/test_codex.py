"""The codex in both players: an event's note with the notes it points to, and the
glossary and the reading groups' guide opened from it."""

from __future__ import annotations

import dataclasses
import io

import pytest

from newcourse.engine import Campaign
from newcourse.engine.model import CodexEntry, Source
from newcourse.session import Session
from newcourse.terminal.app import NewCourseApp, PlayScreen
from newcourse.terminal.plain import PlainPlayer
from newcourse.terminal.screens import NoteScreen

from .test_app import SIZE, screen_text, settle


def note(id: str, kind: str, title: str, text: str) -> CodexEntry:
    return CodexEntry(id, title, "1921", ("A source",), text, Source(f"codex/{id}.md", 1), kind)


@pytest.fixture
def with_codex(mini: Campaign) -> Campaign:
    """The test campaign whose letter note points to a background note, with a glossary
    and a reading groups' guide."""
    letter = dataclasses.replace(mini.codex["letter"], see_also=("ban",))
    notes = {
        **mini.codex,
        "letter": letter,
        "ban": note("ban", "background", "The ban on factions", "Factions were banned."),
        "glossary": note("glossary", "glossary", "Glossary", "**Orgburo** — the bureau."),
        "reading_groups": note("reading_groups", "reading", "For reading groups", "Read this."),
    }
    return dataclasses.replace(mini, codex=notes)


def play(campaign: Campaign, typed: str) -> str:
    stdout = io.StringIO()
    PlainPlayer(Session.new(campaign, 1, None), io.StringIO(typed), stdout).run()
    return stdout.getvalue()


def test_the_plain_codex_names_the_notes_it_points_to_and_opens_them(
    with_codex: Campaign,
) -> None:
    out = play(with_codex, "codex\ncodex ban\ncodex glossary\ncodex reading\ncodex bann\n")
    assert "*** The letter (8 October 1923) ***" in out
    assert 'See also: The ban on factions (type "codex ban").' in out
    assert 'Also in the codex: "codex glossary", "codex reading".' in out
    assert "*** The ban on factions (1921) ***\nFactions were banned." in out
    assert "Glossary\n\nOrgburo — the bureau." in out
    assert "For reading groups\n\nRead this." in out
    assert 'The codex has no note "bann". Did you mean "codex ban"?' in out


def test_a_plain_event_without_a_note_still_leads_to_the_glossary(with_codex: Campaign) -> None:
    out = play(with_codex, "1\ncodex\n")
    assert 'This event has no history note.\nAlso in the codex: "codex glossary"' in out


def test_without_a_glossary_the_plain_codex_says_nothing_of_one(mini: Campaign) -> None:
    out = play(mini, "codex\ncodex glossary\n")
    assert "Also in the codex" not in out
    assert "This campaign has no such part of its codex." in out


@pytest.mark.asyncio
async def test_the_codex_screen_shows_see_also_and_opens_glossary_and_reading(
    with_codex: Campaign,
) -> None:
    app = NewCourseApp(Session.new(with_codex, 1, None))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        text = screen_text(app)
        assert "What really happened to the letter." in text
        assert "The ban on factions" in text and "Factions were banned." in text
        assert "g: glossary" in text and "r: reading groups" in text
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        assert "Orgburo" in screen_text(app) and "Glossary" in screen_text(app)
        await pilot.press("g")  # the same key closes it again
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert "Read this." in screen_text(app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("1", "c")  # the next event has no note: the codex opens anyway
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        assert "This event has no history note." in screen_text(app)

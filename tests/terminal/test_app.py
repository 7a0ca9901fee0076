"""The full-screen player, driven headless by Textual's pilot on the small test campaign."""

from __future__ import annotations

import dataclasses
import io
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Collapsible, OptionList
from textual.widgets._toast import Toast

from newcourse.cli import main
from newcourse.content import builtin_campaign_path, load_campaign
from newcourse.engine import Campaign, EngineError, Game
from newcourse.session import Session
from newcourse.storage import LOCAL, FileGameStore, GameStore, SaveStore
from newcourse.terminal.app import EXIT_CRASH, NewCourseApp, PlayScreen, help_rows
from newcourse.terminal.safe import LONGEST_TEXT, LONGEST_WORD, safe_text
from newcourse.terminal.screens import EndingScreen, NoteScreen, SaveScreen
from newcourse.terminal.sidebar import SUPPORT_GROUP, MeterRow
from newcourse.terminal.start import LoadScreen, SeedScreen, StartScreen

from ..conftest import MINI

SIZE = (120, 40)


def screen_text(app: App[Any]) -> str:
    """Everything the top screen shows, as plain lines (what a player would read)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces folded, to find wrapped phrases."""
    words: Iterator[str] = (
        word for line in text.splitlines() for word in line.strip(" │▏▌").split()
    )
    return " ".join(words)


def record_notes(app: App[Any]) -> list[str]:
    """Keep every notification the app shows, in order."""
    notes: list[str] = []
    notify = app.notify

    def recording(message: str, **kwargs: object) -> None:
        notes.append(message)
        notify(message, **kwargs)  # type: ignore[arg-type]

    app.notify = recording  # type: ignore[method-assign]
    return notes


async def settle(pilot: Pilot[Any]) -> None:
    """Let mounts and Markdown updates finish."""
    await pilot.pause()
    await pilot.pause()


def new_app(campaign: Campaign, seed: int = 1, store: GameStore | None = None) -> NewCourseApp:
    return NewCourseApp(Session.new(campaign, seed, store))


@pytest.mark.asyncio
async def test_the_first_event_opens_with_intro_status_and_options(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert isinstance(app.screen, PlayScreen)
        assert "The letter" in text
        assert "8 October 1923 · history note: press c" in text
        assert "A campaign of three turns for the tests." in text
        assert "Autumn 1923 · turn 1 of 3" in text
        assert "1 Keep it inside the Central Committee." in flat(text)
        assert "2 Publish it." in flat(text)
        assert "Chances: The members read it 57% · The copies are seized 43%" in flat(text)
        # The sidebar: shown qualities by group, the delegates; hidden ones stay hidden.
        for label in ("Party", "Party democracy", "Resources", "Cadres", "Delegates"):
            assert label in text
        assert "The Centre" in text and "50%" in text
        assert "A hidden quality" not in text


@pytest.mark.asyncio
async def test_choosing_advances_and_shows_the_result_first(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert app.session.game.state.step == 1
        text = flat(screen_text(app))
        assert "You chose: Keep it inside the Central Committee." in text
        assert "The letter stays secret." in text
        assert "Changes: The apparatus 60 → 62 (+2)" in text
        assert "✓ So it went in history too." in text
        assert text.index("The letter stays secret.") < text.index("The conference votes.")
        assert "Expected vote in The conference:" in text
        # The intro belongs to the first step only.
        assert "A campaign of three turns for the tests." not in text


@pytest.mark.asyncio
async def test_news_that_comes_in_with_a_decision_is_shown_with_its_result(
    mini: Campaign,
) -> None:
    app = new_app(mini, seed=0)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "Meanwhile: The letter is discussed in every cell." in flat(screen_text(app))


@pytest.mark.asyncio
async def test_a_vote_shows_its_tally(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1", "1")
        await settle(pilot)
        text = flat(screen_text(app))
        assert app.session.game.state.step == 2
        assert "The conference: " in text and "the motion is" in text
        assert app.session.game.view().event.title in text  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_the_options_list_chooses_with_enter(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#options", OptionList).focus()
        await pilot.press("home", "enter")
        await settle(pilot)
        assert app.session.game.state.step == 1
        assert app.session.game.decisions[0].option == "keep_secret"


@pytest.mark.asyncio
async def test_unavailable_options_are_greyed_and_refused(mini: Campaign) -> None:
    session = Session.new(mini, 2, None)  # a seed whose publishing leads to "agitate"
    for option in ("publish", "argue_democracy", "agitate"):
        session.choose(option)
    while (event := session.game.view().event) is not None and event.id != "work":
        session.choose(session.game.view().options[0].id)
    view = session.game.view()
    assert view.option(2) is not None and not view.option(2).available  # type: ignore[union-attr]
    app = NewCourseApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = record_notes(app)
        options = app.screen.query_one("#options", OptionList)
        assert options.get_option_at_index(1).disabled
        assert "Not available now" in flat(screen_text(app))
        step = session.game.state.step
        await pilot.press("2")
        await settle(pilot)
        assert session.game.state.step == step
        assert notes and notes[-1].startswith("Option 2 is not available")
        await pilot.press("9")
        assert notes[-1] == "There is no option 9; choose from 1 to 2."
        assert session.game.state.step == step


@pytest.mark.asyncio
async def test_the_codex_note_opens_and_closes(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        text = screen_text(app)
        assert "What really happened to the letter." in text
        assert "8 October 1923" in text
        assert "A test source" in text
        await pilot.press("1")  # no choosing from under a note
        assert app.session.game.state.step == 0
        await pilot.press("escape")
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("c")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press("c")
        assert isinstance(app.screen, PlayScreen)


@pytest.mark.asyncio
async def test_an_event_without_a_note_says_so(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = record_notes(app)
        await pilot.press("1", "c")
        assert isinstance(app.screen, PlayScreen)
        assert notes[-1] == "This event has no history note."


@pytest.mark.asyncio
async def test_undo_takes_the_last_decision_back(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = record_notes(app)
        await pilot.press("u")
        assert notes[-1] == "Not possible: there is nothing to undo yet."
        await pilot.press("1")  # keep the letter secret: nothing is drawn
        await settle(pilot)
        assert app.session.game.state.step == 1
        await pilot.press("u")
        await settle(pilot)
        assert app.session.game.state.step == 0
        assert notes[-1] == "The last decision is taken back."
        text = screen_text(app)
        assert "The letter" in text and "You chose:" not in text
        await pilot.press("2")  # publish it: how it is received is drawn, and stands
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert app.session.game.state.step == 1
        assert "the outcome has been drawn, and a drawn outcome stands" in notes[-1]


@pytest.mark.asyncio
async def test_the_timeline_shows_decisions_beside_history(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, NoteScreen)
        assert "No decisions yet." in screen_text(app)
        await pilot.press("escape", "1", "1", "t")
        await settle(pilot)
        text = screen_text(app)
        assert "Your timeline beside history" in text
        assert "Keep it inside the" in text  # the table wraps its cells
        assert "✓ As in history" in text
        assert "Argue for democracy." in text and "≠ Stay silent." in text
        await pilot.press("t")
        assert isinstance(app.screen, PlayScreen)


@pytest.mark.asyncio
async def test_a_new_turn_opens_with_its_front_page(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        while app.session.game.view().turn == 1:
            await pilot.press("1")
        await settle(pilot)
        text = flat(screen_text(app))
        assert "Winter 1924 · the front page" in text
        assert "Lenin is dead." in text
        assert "Since last season:" in text
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        assert "Lenin is dead." in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, PlayScreen)


@pytest.mark.asyncio
async def test_playing_to_the_end_shows_the_ending_and_undo_leaves_it(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(20):
            if app.session.game.over:
                break
            await pilot.press("1")
        await settle(pilot)
        ending = app.session.game.view().ending
        assert ending is not None
        assert isinstance(app.screen, EndingScreen)
        text = flat(screen_text(app))
        assert ending.title in text
        assert ending.text in text
        for paragraph in ending.summary:
            assert paragraph in text
        assert "Your timeline beside history" in text
        steps = app.session.game.state.step
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.session.game.state.step == steps - 1
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)


@pytest.mark.asyncio
async def test_a_finished_game_opens_on_its_ending(mini: Campaign) -> None:
    session = Session.new(mini, 1, None)
    while not session.game.over:
        session.choose(session.game.view().options[0].id)
    app = NewCourseApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        assert session.game.view().ending.title in screen_text(app)  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_save_asks_for_a_name(mini: Campaign, tmp_path: Path) -> None:
    app = new_app(mini, store=FileGameStore(tmp_path))
    store = SaveStore(tmp_path, mini.id)  # the files the game writes
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = record_notes(app)
        await pilot.press("1")
        assert store.has("autosave")
        await pilot.press("s")
        assert isinstance(app.screen, SaveScreen)
        await pilot.press(*"my game", "enter")
        assert isinstance(app.screen, PlayScreen)
        assert store.has("my-game")
        assert notes[-1].startswith(f"Saved as my-game ({store.path('my-game')})")
        await pilot.press("s", "enter")
        assert store.has("quicksave")
        await pilot.press("s", "x", "escape")
        assert isinstance(app.screen, PlayScreen)
        assert not store.has("x")
    assert app.session is not None
    app.session.close()  # the app closes only the games it opened itself


@pytest.mark.asyncio
async def test_save_when_saving_is_off_is_refused(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = record_notes(app)
        await pilot.press("s")
        assert isinstance(app.screen, PlayScreen)
        assert notes[-1] == "Not possible: saving is switched off for this game."


@pytest.mark.asyncio
async def test_a_failed_autosave_is_told(mini: Campaign, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    app = new_app(mini, store=FileGameStore(blocker))
    notes = record_notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any(note.startswith("The autosave could not be written") for note in notes)


@pytest.mark.parametrize(
    "error", [EngineError("no ending holds"), ValueError("day is out of range")]
)
@pytest.mark.asyncio
async def test_an_error_inside_ends_the_game_quietly_and_keeps_the_autosave(
    mini: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    app = new_app(mini, store=FileGameStore(tmp_path / "data"))
    store = SaveStore(tmp_path / "data", mini.id)  # the files the game writes
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        saved = store.path("autosave").read_text(encoding="utf-8")

        def broken(self: Game, option: int | str) -> Game:
            raise error

        monkeypatch.setattr(Game, "choose", broken)
        await pilot.press("1")
        await settle(pilot)
    assert app.return_code == EXIT_CRASH
    assert app.crash is error
    assert not app._exit_renderables  # Textual prints no traceback
    assert store.path("autosave").read_text(encoding="utf-8") == saved


class Terminal(io.StringIO):
    """Input that says it is a terminal, so ``play`` picks the full-screen player."""

    def isatty(self) -> bool:
        return True


def test_after_a_crash_the_command_says_one_sentence(
    mini: Campaign, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sentence comes once the screen is restored, in the plain player's words."""

    def crashing_run(self: NewCourseApp) -> None:
        self.crash = ValueError("day is out of range")
        self._return_code = EXIT_CRASH

    monkeypatch.setattr(NewCourseApp, "run", crashing_run)
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NEWCOURSE_DEBUG", raising=False)
    code = main(["play", "--campaign", str(MINI), "--seed", "1", "--no-save"])
    assert code not in (0, None)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "an internal error stopped the game (ValueError: day is out of range)" in err


@pytest.mark.asyncio
async def test_help_opens_and_closes(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, NoteScreen)
        text = screen_text(app)
        assert "take back the last decision" in text
        await pilot.press("question_mark")
        assert isinstance(app.screen, PlayScreen)


@pytest.mark.asyncio
async def test_q_quits(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit
    assert app.return_code == 0


@pytest.mark.asyncio
async def test_the_event_and_options_fit_a_small_terminal(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        text = screen_text(app)
        assert "The conference" in text
        assert "1 Argue for democracy." in text
        assert "Winter" not in text or "Autumn 1923" in text
        assert "Choose" in text and "Quit" in text  # the footer's keys


@pytest.mark.asyncio
async def test_campaign_text_is_never_read_as_markup(tmp_path: Path) -> None:
    folder = tmp_path / "brackets"
    shutil.copytree(MINI, folder)
    events = folder / "events" / "autumn.yaml"
    text = events.read_text(encoding="utf-8")
    text = text.replace("title: The letter\n", 'title: "[b]The letter[/b] [sic"\n')
    text = text.replace("unavailable: You need two cadres.", 'unavailable: "Needs [two] [/i]"')
    events.write_text(text, encoding="utf-8")
    setup = folder / "campaign.yaml"
    setup.write_text(
        setup.read_text(encoding="utf-8").replace("initial: 3, group", "initial: 0, group"),
        encoding="utf-8",
    )
    app = new_app(load_campaign(folder))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = record_notes(app)
        assert "[b]The letter[/b] [sic" in screen_text(app)
        assert "Not available: Needs [two] [/i]" in screen_text(app)
        await pilot.press("2")
        assert notes[-1] == "Option 2 is not available: Needs [two] [/i]."
        await pilot.press("1", "t")
        await settle(pilot)
        assert "[b]The" in screen_text(app)


def real_campaign() -> Campaign:
    return load_campaign(builtin_campaign_path())


@pytest.mark.asyncio
async def test_the_real_campaign_plays() -> None:
    campaign = real_campaign()
    app = new_app(campaign, seed=7)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        news_notes = [i.codex for i in app.session.game.view().news if i.codex in campaign.codex]
        if news_notes:
            await pilot.press("n")
            assert campaign.codex[news_notes[0]].title in screen_text(app)  # type: ignore[index]
            await pilot.press("escape")
        for _ in range(12):
            view = app.session.game.view()
            if view.event is None:
                break
            assert view.event.title in screen_text(app)
            choice = next(o for o in view.options if o.available)
            step = view.step
            await pilot.press(str(choice.number))
            await settle(pilot)
            assert app.session.game.state.step == step + 1
        if app.session.game.over:
            assert isinstance(app.screen, EndingScreen)


@pytest.mark.asyncio
async def test_the_sidebar_keeps_every_row_on_a_small_screen() -> None:
    campaign = real_campaign()
    app = new_app(campaign)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        view = app.session.game.view()
        fronts = {f.quality for f in view.fronts} | {f.clock for f in view.fronts}
        rows = [
            q.label
            for q in view.qualities
            if q.shown and q.group != SUPPORT_GROUP and q.name not in fronts
        ]
        rows += [f.label for f in view.fronts if not f.background]
        for label in rows:  # the people below them scroll, so a column goes to the bar
            assert label[:11] in text, label
        # the delegates and the support fold into compact lines, their labels cut short
        folded = [q.label for q in view.qualities if q.group == SUPPORT_GROUP]
        for label in folded + [f.label for f in view.factions]:
            assert label[:3] in text, label
        assert "Mos 22 Pet 5 Pro 6" in text and "Unco 52%" in text


# ------------------------------------------------------------ the start screen


def start_app(campaign: Campaign, store: GameStore | None, seed: int = 5) -> NewCourseApp:
    return NewCourseApp(None, campaign=campaign, store=store, seed=seed)


def store_with_a_game(campaign: Campaign, tmp_path: Path) -> FileGameStore:
    """A save folder whose game in progress has one decision made, and a named save."""
    store = FileGameStore(tmp_path / "data", start=campaign.start)
    with Session.new(campaign, 1, store) as session:
        session.save_as("before-the-letter")
        session.choose(1)
    return store


@pytest.mark.asyncio
async def test_the_start_screen_continues_the_game_in_progress(
    mini: Campaign, tmp_path: Path
) -> None:
    store = store_with_a_game(mini, tmp_path)
    app = start_app(mini, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        text = screen_text(app)
        for choice in ("Continue: Autumn 1923, turn 1", "New game", "Load a saved game", "Quit"):
            assert choice in text
        await pilot.press("enter")  # Continue is the default
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not None and len(app.session.game.decisions) == 1
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.asyncio
async def test_the_start_screen_starts_a_new_game_with_a_seed(
    mini: Campaign, tmp_path: Path
) -> None:
    store = store_with_a_game(mini, tmp_path)
    app = start_app(mini, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SeedScreen)
        await pilot.press(*"42x", "enter")  # only digits are taken
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not None
        assert app.session.game.seed == 42 and not app.session.game.decisions
    kinds = {entry.kind for entry in store.slots(LOCAL, mini.id)}
    assert "previous" in kinds  # the game in progress was set aside, not lost


@pytest.mark.asyncio
async def test_the_start_screen_loads_a_save_from_the_list(mini: Campaign, tmp_path: Path) -> None:
    store = store_with_a_game(mini, tmp_path)
    app = start_app(mini, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LoadScreen)
        text = screen_text(app)
        assert "before-the-letter" in text and "Autumn 1923, turn 1" in text
        names = [save.name for save in app.screen.saves]
        for _ in range(names.index("before-the-letter")):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not None and not app.session.game.decisions


@pytest.mark.asyncio
async def test_without_a_game_in_progress_the_start_screen_offers_a_new_one(
    mini: Campaign, tmp_path: Path
) -> None:
    app = start_app(mini, FileGameStore(tmp_path / "empty", start=mini.start))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Continue" not in screen_text(app)
        await pilot.press("enter", "enter")  # New game, random seed
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert "The letter" in screen_text(app)


@pytest.mark.asyncio
async def test_the_start_screen_quits(mini: Campaign) -> None:
    app = start_app(mini, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
    assert app.return_code == 0 and app.session is None


# ------------------------------------------------------------ the event in view


def first_words(markdown: str, count: int = 4) -> str:
    """The first words of an event's text as the screen shows them (emphasis dropped)."""
    words = markdown.replace("*", "").replace("_", " ").split()
    return " ".join(words[:count])


def session_before(
    campaign: Campaign, event_id: str, seeds: range = range(7, 37)
) -> tuple[Session, int]:
    """A game played (first open option each time) up to the decision that opens
    ``event_id``, and the number of the option that does: with the first of ``seeds``
    whose dice lead there (an event that needs a roll to go one way needs a few)."""
    for seed in seeds:
        game = Game.start(campaign, seed)
        while (view := game.view()).event is not None:
            option = next(o for o in view.options if o.available)
            after = game.choose(option.id)
            nxt = after.view().event
            if nxt is not None and nxt.id == event_id:
                return Session(game, None), option.number
            game = after
    raise AssertionError(f"{event_id} was not reached with seeds {seeds.start}-{seeds.stop - 1}")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize(
    "event_id", ["thirteenth_conference", "testament", "comintern_fifth_diverged", "new_course"]
)
@pytest.mark.asyncio
async def test_an_event_opens_with_its_title_and_first_words_in_view(
    real: Campaign, event_id: str, size: tuple[int, int]
) -> None:
    session, number = session_before(real, event_id)
    app = NewCourseApp(session)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(str(number))
        await settle(pilot)
        await pilot.pause(0.1)
        event = session.game.view().event
        assert event is not None and event.id == event_id
        text = flat(screen_text(app))
        assert event.title in text
        assert first_words(event.text) in text
        assert "1 " in text  # and the options below it
        # the arrows move between the options at once, with no Tab first
        options = app.screen.query_one("#options", OptionList)
        assert app.focused is options
        first = options.highlighted
        await pilot.press("down")
        assert first is not None and options.highlighted == first + 1


@pytest.mark.asyncio
async def test_a_folded_part_of_the_story_opens_again(real: Campaign) -> None:
    session, number = session_before(real, "thirteenth_conference")
    app = NewCourseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(str(number))
        await settle(pilot)
        folded = [fold for fold in app.screen.query(Collapsible) if fold.collapsed and fold.display]
        assert folded
        folded[0].collapsed = False
        await settle(pilot)
        assert not folded[0].collapsed


# ------------------------------------------------------------ what campaign text may not do

ESCAPES = ("\x1b]0;pwned\x07", "\x1b[2J")


def hostile_campaign(mini: Campaign) -> Campaign:
    """The test campaign with escape sequences in the first event's title, text and
    option. The loader refuses control characters in campaign files, so they are put
    into the loaded campaign: the player must not rely on the loader alone."""
    letter = mini.events["letter"]
    option = dataclasses.replace(letter.options[0], text="Keep it inside\x1b[2J the Committee.")
    letter = dataclasses.replace(
        letter,
        title="The letter\x1b]0;pwned\x07",
        text="You have written a letter.\x1b[2J What now?",
        options=(option, *letter.options[1:]),
    )
    return dataclasses.replace(mini, events={**mini.events, "letter": letter})


@pytest.mark.asyncio
async def test_escape_sequences_in_campaign_text_never_reach_the_terminal(
    mini: Campaign,
) -> None:
    campaign = hostile_campaign(mini)
    event = Game.start(campaign, 1).view().event
    assert event is not None and "\x1b" in event.title and "\x1b[2J" in event.text
    app = new_app(campaign)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        for control in ("\x1b", "\x07"):
            assert control not in shown
        text = flat(shown)
        assert "The letter]0;pwned" in text
        assert "You have written a letter.[2J What now?" in text
        assert "Keep it inside[2J the Committee." in text
        await pilot.press("t")
        await settle(pilot)
        assert "\x1b" not in screen_text(app)


def test_a_word_too_long_for_any_screen_is_bounded() -> None:
    word = "x" * 12_800_000
    shown = safe_text(word)
    assert len(shown) <= LONGEST_TEXT + LONGEST_TEXT // LONGEST_WORD + 1
    assert max(len(part) for part in shown.split()) <= LONGEST_WORD + 1
    assert safe_text("Autumn 1923\n\tand\x9b2J on") == "Autumn 1923\n\tand2J on"


# ------------------------------------------------------------ a small screen and the ending


def finished(campaign: Campaign, store: GameStore | None = None) -> Session:
    session = Session.new(campaign, 1, store)
    while not session.game.over:
        session.choose(session.game.view().options[0].id)
    return session


@pytest.mark.asyncio
async def test_notifications_never_cover_the_options_on_a_small_screen(mini: Campaign) -> None:
    app = new_app(mini)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("9", "9", "9")
        await settle(pilot)
        options = app.screen.query_one("#options", OptionList).region
        toasts = list(app.screen.query(Toast))
        assert toasts
        for toast in toasts:
            assert not toast.region.overlaps(options)


@pytest.mark.asyncio
async def test_a_notice_with_a_path_keeps_the_path_whole(mini: Campaign) -> None:
    path = "/home/reader/.local/share/newcourse/saves/left_opposition/previous-2.json"
    app = new_app(mini)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.tell(f"Your last game is kept as previous-2 ({path}).")
        await settle(pilot)
        assert path in flat(screen_text(app))


@pytest.mark.asyncio
async def test_sidebar_labels_are_cut_to_one_length(real: Campaign) -> None:
    session = Session.new(real, 7, None)
    session.choose(1)  # some values move, so their rows carry a signed change
    app = NewCourseApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = [row for row in app.screen.query(MeterRow) if row.display]  # not folded
        rows = [row.render().plain for row in shown]
        cut = {len(row.split("…")[0]) for row in rows if "…" in row}
        assert len(cut) == 1, rows


@pytest.mark.asyncio
async def test_the_ending_keeps_the_sidebar_and_offers_a_new_game(
    mini: Campaign, tmp_path: Path
) -> None:
    store = FileGameStore(tmp_path / "data", start=mini.start)
    app = NewCourseApp(finished(mini, store))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert "Delegates" in text and "Party democracy" in text  # the final numbers
        assert "g New game" in flat(text) and "q Quit" in flat(text) and "u Undo" in flat(text)
        await pilot.press("question_mark")
        await settle(pilot)
        shown = flat(screen_text(app))
        assert "start a new game" in shown and "take back the last decision" in shown
        for dead in ("this event's history note", "your decisions so far"):
            assert dead not in shown  # keys that do nothing on the ending
        await pilot.press("escape", "g")
        await settle(pilot)
        assert isinstance(app.screen, SeedScreen)
        await pilot.press(*"3", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not None and app.session.game.seed == 3
        assert not app.session.game.over


@pytest.mark.asyncio
async def test_quitting_a_finished_game_does_not_say_continue(
    mini: Campaign, tmp_path: Path
) -> None:
    store = FileGameStore(tmp_path / "data", start=mini.start)
    app = NewCourseApp(finished(mini, store))
    said: list[str] = []
    exit_app = app.exit

    def exit_saying(*args: Any, message: object = None, **kwargs: Any) -> None:
        said.append(str(message))
        exit_app(*args, message=message, **kwargs)  # type: ignore[arg-type]

    app.exit = exit_saying  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
    assert said and "The game is over" in said[0] and "Continue later" not in said[0]
    assert app.session is not None
    app.session.close()


@pytest.mark.asyncio
async def test_the_ending_offers_undo_only_when_the_engine_allows_it(mini: Campaign) -> None:
    session = finished(mini)
    app = NewCourseApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        ending = app.screen
        for allowed in (True, False):
            ending.can_undo = allowed
            ending.refresh_bindings()
            await settle(pilot)
            assert ("u Undo" in flat(screen_text(app))) is allowed
            assert [key for key, _ in help_rows(ending)].count("u") == int(allowed)


@pytest.mark.asyncio
async def test_the_sidebar_shows_how_values_moved_after_a_drawn_outcome(mini: Campaign) -> None:
    session = Session.new(mini, 0, None)
    session.choose("publish")  # an outcome is drawn: the decision cannot be taken back
    assert not session.game.can_undo
    moved = {change.name: change for change in session.game.view().moved}
    assert "cadres" in moved
    app = NewCourseApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = {row.label: row.render().plain for row in app.screen.query(MeterRow)}
        change = moved["cadres"]
        assert rows["Cadres"].endswith(f"{change.after} {change.after - change.before:+d}")


@pytest.mark.asyncio
async def test_help_on_the_start_screen_lists_what_works_there(mini: Campaign) -> None:
    app = start_app(mini, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = flat(screen_text(app))
        assert "move between the choices" in text and "leave (no game is open yet)" in text
        assert "save and leave" not in text and "take back the last decision" not in text


@pytest.mark.asyncio
async def test_an_event_of_one_huge_word_opens_at_once(mini: Campaign) -> None:
    letter = dataclasses.replace(mini.events["letter"], text="x" * 12_800_000)
    campaign = dataclasses.replace(mini, events={**mini.events, "letter": letter})
    started = time.monotonic()
    app = new_app(campaign)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "x" * 40 in screen_text(app)
    assert time.monotonic() - started < 20  # unbounded, laying it out took minutes


def record_severities(app: App[Any]) -> list[tuple[str, object]]:
    """Keep every notification the app shows with its severity, in order."""
    told: list[tuple[str, object]] = []
    notify = app.notify

    def recording(message: str, **kwargs: Any) -> None:
        told.append((message, kwargs.get("severity")))
        notify(message, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return told


@pytest.mark.asyncio
async def test_a_game_set_aside_is_told_as_news_and_a_failed_autosave_as_an_error(
    mini: Campaign, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    for store, wanted in (
        (store_with_a_game(mini, tmp_path), "information"),
        (FileGameStore(blocker), "error"),
    ):
        app = new_app(mini, store=store)
        told = record_severities(app)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
        assert app.session is not None
        app.session.close()
        (said, severity), *_ = told
        assert severity == wanted, said


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.asyncio
async def test_a_folded_title_too_long_for_its_line_ends_in_an_ellipsis(
    real: Campaign, size: tuple[int, int]
) -> None:
    session = Session.new(real, 7, None)
    session.choose(1)  # the option's text is longer than the story's width
    app = NewCourseApp(session)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        fold = app.screen.query_one("#result-fold", Collapsible)
        fold.collapsed = True  # as the screen folds it to keep the event in view
        await settle(pilot)
        app.screen.query_one("#story").scroll_home(animate=False, immediate=True)
        await settle(pilot)
        (line,) = [line for line in screen_text(app).splitlines() if "You chose:" in line]
        story = line.split("▏")[0].rstrip()
        assert story.endswith("…"), line


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.asyncio
async def test_who_changed_camp_is_in_view_whatever_the_people_list_scrolls(
    real: Campaign, size: tuple[int, int]
) -> None:
    session = Session.new(real, 7, None)
    for _ in range(32):  # up to the decision after which Radek capitulates
        session.choose(next(o for o in session.game.view().options if o.available).number)
    number = next(o for o in session.game.view().options if o.available).number
    app = NewCourseApp(session)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert "Radek:" not in screen_text(app)
        await pilot.press(str(number))
        await settle(pilot)
        radek = next(p for p in session.game.view().people if p.id == "radek")
        assert radek.status == "capitulated"
        assert "Radek: The majority" in screen_text(app)

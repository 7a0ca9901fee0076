"""A player's session: one game, its autosave, and what to tell the player.

No game rule lives here: the session asks the engine, keeps the result in a
``GameStore`` (the player's slots of the campaign, ``saving.py``) and shows the
game as the public view (``view.py``). A session whose store keeps folders holds
the player's folder until ``close``, so two games never write one autosave; a
game in progress is set aside, never overwritten, when a new one begins or
another is loaded. What it refuses, it refuses with a code (``refusals.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import TracebackType

from ..engine import Campaign, Decision, Game, SaveError
from ..engine import Refusal as EngineRefusal
from ..storage import AUTOSAVE, LOCAL, GameLock, GameStore
from ..storage.saves import PREVIOUS, clean_name, looks_like_path
from .codex import Codex
from .hints import play_command, resume_command
from .phrases import SAVE_ELSEWHERE, SAVING_OFF, no_such_option, not_available, not_possible
from .refusals import Refusal
from .saving import Found, Kept, Shelf, read_file, write_file
from .view import PublicView, public_view

__all__ = ["Session"]


@dataclass
class Session:
    """One game being played, with its saves (``store`` is None when saving is off).

    The saves are ``player``'s of the game's campaign in ``store``. ``notices``
    collects what the player should be told (a game set aside, a failed
    autosave); the players show and clear them. ``save_problem`` is the reason
    the last autosave failed, or None when it succeeded or saving is off.
    """

    game: Game
    store: GameStore | None
    notices: list[str] = field(default_factory=list)
    save_problem: str | None = None
    lock: GameLock | None = None
    autosaving: bool = True
    saved_elsewhere: tuple[str, tuple[Decision, ...]] | None = None
    """The last file a save by path went to, and the decisions it holds."""
    player: str = LOCAL

    @property
    def shelf(self) -> Shelf | None:
        """The player's saves of this campaign, or None when saving is off."""
        if self.store is None:
            return None
        return Shelf(self.store, self.player, self.game.campaign.id)

    # ------------------------------------------------------------ opening

    @classmethod
    def new(
        cls, campaign: Campaign, seed: int, store: GameStore | None, *, player: str = LOCAL
    ) -> Session:
        """A new game. The last game's autosave is set aside, never overwritten."""
        shelf = _shelf(store, player, campaign)
        lock = shelf.hold() if shelf is not None else None
        session = cls(Game.start(campaign, seed), store, lock=lock, player=player)
        if store is not None:
            session._set_aside_game_in_progress()
        session.autosave()
        return session

    @classmethod
    def resume(cls, campaign: Campaign, store: GameStore, *, player: str = LOCAL) -> Session:
        """The game in progress, from its autosave. Raises SaveError if there is none."""
        shelf = Shelf(store, player, campaign.id)
        lock = shelf.hold()
        try:
            if not store.has(shelf.key(AUTOSAVE)):
                raise SaveError(
                    "there is no saved game to continue yet; start one with: " + play_command()
                )
            found = Found(store.read(shelf.key(AUTOSAVE)), shelf.place(AUTOSAVE), AUTOSAVE)
            game = _game_from(campaign, found)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(game, store, lock=lock, player=player)

    @classmethod
    def load(
        cls,
        campaign: Campaign,
        name_or_path: str | Path,
        store: GameStore | None,
        *,
        player: str = LOCAL,
        saving: bool = True,
    ) -> Session:
        """A saved game, by its name in ``store`` or its file; the game in progress is set
        aside first. With ``saving`` off, the save is looked for in ``store`` all the
        same, but nothing is written.

        Raises SaveError (before anything is written) when the save cannot be loaded.
        """
        shelf = _shelf(store, player, campaign)
        found = shelf.find(name_or_path) if shelf is not None else read_file(Path(name_or_path))
        game = _game_from(campaign, found)
        if not saving or shelf is None:
            session = cls(game, None, player=player)
            session.autosave()
            return session
        session = cls(game, shelf.store, lock=shelf.hold(), player=player)
        if (
            found.slot is not None
            and isinstance(name_or_path, str)
            and Path(name_or_path).expanduser().exists()
        ):
            session.notices.append(
                f"Loaded the save called {found.slot} ({found.place}), not the file "
                f"{name_or_path} in this folder; to load the file, give its path "
                f"(./{name_or_path})."
            )
        if found.slot != AUTOSAVE:
            session._set_aside_game_in_progress()
        session.autosave()
        return session

    def _set_aside_game_in_progress(self) -> None:
        shelf = self.shelf
        assert shelf is not None
        try:
            kept = shelf.set_aside()
        except (OSError, SaveError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            self.autosaving = False
            self.save_problem = (
                f"the last game's save could not be set aside ({reason}), "
                "so this game is not autosaved over it"
            )
            self.notices.append(f"Not autosaving: {self.save_problem}; {SAVE_ELSEWHERE}.")
            return
        if kept is not None:
            self.notices.append(
                f"Your last game is kept as {kept}; load it with: " + play_command("--load", kept)
            )

    # ------------------------------------------------------------ playing

    def view(self, timeline: bool = True) -> PublicView:
        """The game as the player may see it now; its timeline only with ``timeline``."""
        game = self.game
        return public_view(game.view(timeline), game.campaign)

    @cached_property
    def codex(self) -> Codex:
        """The campaign's codex: the notes a view points to, the glossary, the reading guide."""
        return Codex(self.game.campaign)

    def choose(self, option: int | str) -> None:
        """Decide the current event by the option's number or id, then autosave.

        Raises Refusal (``no_such_option``, ``not_available``, ``nothing_to_choose``)
        when the option cannot be chosen now.
        """
        view = self.view(timeline=False)  # its options: no timeline is made
        if not view.options:
            raise Refusal("nothing_to_choose", no_such_option(str(option), 0))
        if isinstance(option, int):
            chosen = view.option(option)
        else:
            chosen = next((o for o in view.options if o.id == option), None)
        if chosen is None:
            raise Refusal("no_such_option", no_such_option(str(option), len(view.options)))
        if not chosen.available:
            raise Refusal("not_available", not_available(chosen.number, chosen.reason))
        try:
            self.game = self.game.choose(chosen.id)
        except EngineRefusal as refusal:
            raise Refusal("refused", not_possible(str(refusal))) from None
        self.autosave()

    def undo(self) -> None:
        """Take back the last decision, then autosave. Raises Refusal (``cannot_undo``)
        when there is none or its outcome was drawn."""
        try:
            self.game = self.game.undo()
        except EngineRefusal as refusal:
            raise Refusal("cannot_undo", not_possible(str(refusal))) from None
        self.autosave()

    def autosave(self) -> None:
        """Write the autosave; a failure is told once and kept in ``save_problem``."""
        shelf = self.shelf
        if shelf is None or not self.autosaving:
            return
        try:
            shelf.write(AUTOSAVE, self.game.to_data())
        except OSError as error:
            problem = (
                f"the autosave could not be written to {shelf.place(AUTOSAVE)}: {error.strerror}"
            )
            if problem != self.save_problem:
                self.notices.append(
                    f"{problem[0].upper()}{problem[1:]}. {SAVE_ELSEWHERE.capitalize()}."
                )
            self.save_problem = problem
            return
        self.save_problem = None

    def save_as(self, name: str) -> Kept:
        """Save under a name in the store, or to a file when ``name`` is a path.

        Raises Refusal (``not_a_file``, ``saving_off``, ``reserved_name``,
        ``save_failed``) when the game cannot be saved there.
        """
        data = self.game.to_data()
        if looks_like_path(name.strip()):
            path = Path(name.strip()).expanduser()
            if path.is_dir():
                raise Refusal(
                    "not_a_file", not_possible(f"{path} is a folder; give a file name inside it")
                )
            kept = Kept(None, str(path))
        else:
            shelf = self.shelf
            if shelf is None:
                raise Refusal("saving_off", not_possible(SAVING_OFF))
            slot = clean_name(name)
            if slot in (AUTOSAVE, PREVIOUS) or slot.startswith(f"{PREVIOUS}-"):
                raise Refusal(
                    "reserved_name",
                    not_possible(
                        f"the name {slot!r} is kept for the game's own saves; choose another"
                    ),
                )
            kept = Kept(slot, shelf.place(slot))
        try:
            if kept.slot is None:
                write_file(Path(kept.place), data)
            else:
                assert self.shelf is not None
                self.shelf.write(kept.slot, data)
            self.saved_elsewhere = (kept.place, self.game.decisions)
        except OSError as error:
            raise Refusal(
                "save_failed",
                not_possible(
                    f"the game could not be saved to {kept.place}: {error.strerror}; "
                    f"{SAVE_ELSEWHERE}"
                ),
            ) from None
        return kept

    def saved_words(self, kept: Kept) -> str:
        """What to tell the player after ``save_as``: the name to load it by, and where it is."""
        if kept.slot is not None:
            return (
                f"Saved as {kept.slot} ({kept.place}); "
                f"load it with: {play_command('--load', kept.slot)}"
            )
        return f"Saved to {kept.place}; load it with: {play_command('--load', kept.place)}"

    def parting_words(self) -> str | None:
        """The truth to tell on quitting: saved and how to continue, or why nothing was saved."""
        if self.store is None:
            return "Saving was off; this game was not saved."
        if self.save_problem is not None:
            if self.saved_elsewhere and self.saved_elsewhere[1] == self.game.decisions:
                place = self.saved_elsewhere[0]
                return (
                    f"This game is saved in {place} (but {self.save_problem}); "
                    f"load it with: {play_command('--load', place)}"
                )
            return f"This game is not saved: {self.save_problem}."
        if self.game.over:
            return f"The game is over. A new game begins with: {play_command()}"
        return f"Saved. Continue later with: {resume_command()}"

    # ------------------------------------------------------------ closing

    def close(self) -> None:
        """Let another game open the save folder. Safe to call twice."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _shelf(store: GameStore | None, player: str, campaign: Campaign) -> Shelf | None:
    return Shelf(store, player, campaign.id) if store is not None else None


def _game_from(campaign: Campaign, found: Found) -> Game:
    """The game a save holds; a SaveError names where the save is."""
    try:
        return Game.from_data(campaign, found.data)
    except SaveError as error:
        raise SaveError(f"cannot load {found.place}: {error}") from None

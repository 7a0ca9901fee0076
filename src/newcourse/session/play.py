"""A player's session: one game, its autosave, and what to tell the player.

No game rule lives here: the session asks the engine, keeps the result on disk
and shows the game as the public view (``view.py``). A session with saves holds
the save folder's lock until ``close``, so two games never write one autosave;
a game in progress is set aside, never overwritten, when a new one begins or
another is loaded. What it refuses, it refuses with a code (``refusals.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import TracebackType

from ..engine import Campaign, Decision, Game, SaveError
from ..engine import Refusal as EngineRefusal
from ..storage import AUTOSAVE, GameLock, SaveFile, SaveStore, read_save
from ..storage.files import write_save
from ..storage.saves import PREVIOUS, clean_name, looks_like_path
from .codex import Codex
from .hints import play_command, resume_command
from .phrases import SAVE_ELSEWHERE, SAVING_OFF, no_such_option, not_available, not_possible
from .refusals import Refusal
from .view import PublicView, public_view

__all__ = ["Session"]


@dataclass
class Session:
    """One game being played, with its saves (``store`` is None when saving is off).

    ``notices`` collects what the player should be told (a game set aside, a
    failed autosave); the players show and clear them. ``save_problem`` is the
    reason the last autosave failed, or None when it succeeded or saving is off.
    """

    game: Game
    store: SaveStore | None
    notices: list[str] = field(default_factory=list)
    save_problem: str | None = None
    lock: GameLock | None = None
    autosaving: bool = True
    saved_elsewhere: tuple[Path, tuple[Decision, ...]] | None = None
    """The last file a save by path went to, and the decisions it holds."""

    # ------------------------------------------------------------ opening

    @classmethod
    def new(cls, campaign: Campaign, seed: int, store: SaveStore | None) -> Session:
        """A new game. The last game's autosave is set aside, never overwritten."""
        session = cls(Game.start(campaign, seed), store, lock=_lock(store))
        if store is not None:
            session._set_aside_game_in_progress()
        session.autosave()
        return session

    @classmethod
    def resume(cls, campaign: Campaign, store: SaveStore) -> Session:
        """The game in progress, from its autosave. Raises SaveError if there is none."""
        lock = _lock(store)
        try:
            if not store.has(AUTOSAVE):
                raise SaveError(
                    "there is no saved game to continue yet; start one with: " + play_command()
                )
            game = _game_from(campaign, store.read(AUTOSAVE))
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(game, store, lock=lock)

    @classmethod
    def load(cls, campaign: Campaign, name_or_path: str | Path, store: SaveStore | None) -> Session:
        """A saved game, by its name or its file; the game in progress is set aside first.

        Raises SaveError (before anything on disk changes) when the save cannot be loaded.
        """
        path = store.locate(name_or_path) if store is not None else Path(name_or_path)
        game = _game_from(campaign, read_save(path))
        session = cls(game, store, lock=_lock(store))
        if store is not None:
            if (
                isinstance(name_or_path, str)
                and path.parent == store.folder
                and Path(name_or_path).expanduser().exists()
            ):
                session.notices.append(
                    f"Loaded the save called {path.stem} ({path}), not the file "
                    f"{name_or_path} in this folder; to load the file, give its path "
                    f"(./{name_or_path})."
                )
            if path != store.path(AUTOSAVE):
                session._set_aside_game_in_progress()
        session.autosave()
        return session

    def _set_aside_game_in_progress(self) -> None:
        assert self.store is not None
        try:
            kept = self.store.set_aside_autosave()
        except OSError as error:
            self.autosaving = False
            self.save_problem = (
                f"the last game's save could not be set aside ({error.strerror}), "
                "so this game is not autosaved over it"
            )
            self.notices.append(f"Not autosaving: {self.save_problem}; {SAVE_ELSEWHERE}.")
            return
        if kept is not None:
            self.notices.append(
                f"Your last game is kept as {kept.stem}; load it with: "
                + play_command("--load", kept.stem)
            )

    # ------------------------------------------------------------ playing

    def view(self) -> PublicView:
        """The game as the player may see it now."""
        game = self.game
        return public_view(game.view(), game.campaign)

    @cached_property
    def codex(self) -> Codex:
        """The campaign's codex: the notes a view points to, the glossary, the reading guide."""
        return Codex(self.game.campaign)

    def choose(self, option: int | str) -> None:
        """Decide the current event by the option's number or id, then autosave.

        Raises Refusal (``no_such_option``, ``not_available``, ``nothing_to_choose``)
        when the option cannot be chosen now.
        """
        view = self.view()
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
        if self.store is None or not self.autosaving:
            return
        path = self.store.path(AUTOSAVE)
        try:
            self.store.write(AUTOSAVE, self.game.to_data())
        except OSError as error:
            problem = f"the autosave could not be written to {path}: {error.strerror}"
            if problem != self.save_problem:
                self.notices.append(
                    f"{problem[0].upper()}{problem[1:]}. {SAVE_ELSEWHERE.capitalize()}."
                )
            self.save_problem = problem
            return
        self.save_problem = None

    def save_as(self, name: str) -> Path:
        """Save under a name in the save folder, or to a file when ``name`` is a path.

        Raises Refusal (``not_a_file``, ``saving_off``, ``reserved_name``,
        ``save_failed``) when the game cannot be saved there.
        """
        if looks_like_path(name.strip()):
            path = Path(name.strip()).expanduser()
            if path.is_dir():
                raise Refusal(
                    "not_a_file", not_possible(f"{path} is a folder; give a file name inside it")
                )
        else:
            if self.store is None:
                raise Refusal("saving_off", not_possible(SAVING_OFF))
            kept = clean_name(name)
            if kept in (AUTOSAVE, PREVIOUS) or kept.startswith(f"{PREVIOUS}-"):
                raise Refusal(
                    "reserved_name",
                    not_possible(
                        f"the name {kept!r} is kept for the game's own saves; choose another"
                    ),
                )
            path = self.store.path(kept)
        try:
            write_save(path, self.game.to_data())
            self.saved_elsewhere = (path, self.game.decisions)
        except OSError as error:
            raise Refusal(
                "save_failed",
                not_possible(
                    f"the game could not be saved to {path}: {error.strerror}; {SAVE_ELSEWHERE}"
                ),
            ) from None
        return path

    def saved_words(self, path: Path) -> str:
        """What to tell the player after ``save_as``: the name to load it by, and where it is."""
        if self.store is not None and path.parent == self.store.folder:
            return (
                f"Saved as {path.stem} ({path}); load it with: {play_command('--load', path.stem)}"
            )
        return f"Saved to {path}; load it with: {play_command('--load', str(path))}"

    def parting_words(self) -> str | None:
        """The truth to tell on quitting: saved and how to continue, or why nothing was saved."""
        if self.store is None:
            return "Saving was off; this game was not saved."
        if self.save_problem is not None:
            if self.saved_elsewhere and self.saved_elsewhere[1] == self.game.decisions:
                path = self.saved_elsewhere[0]
                return (
                    f"This game is saved in {path} (but {self.save_problem}); "
                    f"load it with: {play_command('--load', str(path))}"
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


def _game_from(campaign: Campaign, saved: SaveFile) -> Game:
    """The game a save holds; a SaveError names the file."""
    try:
        return Game.from_data(campaign, saved.data)
    except SaveError as error:
        raise SaveError(f"cannot load {saved.path}: {error}") from None


def _lock(store: SaveStore | None) -> GameLock | None:
    """Lock the save folder and clear what a killed game left; None when saving is off.

    Raises GameOpenElsewhere when another game holds it. A folder that cannot be
    written is not locked: the first autosave says what is wrong.
    """
    if store is None:
        return None
    try:
        lock = GameLock.take(store.folder)
    except SaveError:
        raise
    except OSError:
        return None
    store.remove_orphans()
    return lock

"""A player's session: one game, its autosave, and the commands both terminal players share.

No game rule lives here: the session asks the engine and keeps the result on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..engine import Campaign, Game, Refusal, SaveError
from ..storage.saves import AUTOSAVE, PREVIOUS, SaveStore, read_save

__all__ = ["Session"]


@dataclass
class Session:
    game: Game
    store: SaveStore | None
    notices: list[str] = field(default_factory=list)

    @classmethod
    def new(cls, campaign: Campaign, seed: int, store: SaveStore | None) -> Session:
        """A new game. The last game's autosave is set aside, never overwritten."""
        session = cls(Game.start(campaign, seed), store)
        if store is not None:
            try:
                kept = store.set_aside(AUTOSAVE, PREVIOUS)
            except OSError as error:
                session.notices.append(f"The last game's save could not be set aside: {error}.")
                session.store = None
                return session
            if kept is not None:
                session.notices.append(
                    f"Your last game is kept; load it with: newcourse play --load {kept}"
                )
        session.autosave()
        return session

    @classmethod
    def resume(cls, campaign: Campaign, store: SaveStore) -> Session:
        if not store.has(AUTOSAVE):
            raise SaveError(
                "there is no saved game to continue yet; start one with 'newcourse play'"
            )
        saved = store.read(AUTOSAVE)
        return cls(Game.from_data(campaign, saved.data), store)

    @classmethod
    def load(cls, campaign: Campaign, path: Path, store: SaveStore | None) -> Session:
        saved = read_save(path)
        session = cls(Game.from_data(campaign, saved.data), store)
        session.autosave()
        return session

    def choose(self, option: int | str) -> None:
        self.game = self.game.choose(option)
        self.autosave()

    def undo(self) -> None:
        self.game = self.game.undo()
        self.autosave()

    def autosave(self) -> None:
        if self.store is not None:
            try:
                self.store.write(AUTOSAVE, self.game.to_data())
            except OSError as error:
                self.notices.append(f"The autosave could not be written: {error.strerror}.")

    def save_as(self, name: str) -> Path:
        if self.store is None:
            raise Refusal("saving is switched off for this game")
        try:
            return self.store.write(name or "quicksave", self.game.to_data())
        except OSError as error:
            raise Refusal(f"the game could not be saved: {error.strerror}") from None

"""Keeping games: save files written atomically to the player's data folder, one game at a time."""

from .files import MAX_SAVE_BYTES, NoSuchSave, SaveFile, read_save
from .lock import GameLock, GameOpenElsewhere
from .saves import AUTOSAVE, KEEP_PREVIOUS, SaveEntry, SaveStore, default_data_dir

__all__ = [
    "AUTOSAVE",
    "KEEP_PREVIOUS",
    "MAX_SAVE_BYTES",
    "GameLock",
    "GameOpenElsewhere",
    "NoSuchSave",
    "SaveEntry",
    "SaveFile",
    "SaveStore",
    "default_data_dir",
    "read_save",
]

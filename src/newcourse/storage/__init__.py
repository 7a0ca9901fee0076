"""Keeping games: behind one protocol keyed by player, campaign and slot (``slots.py``),
as save files written atomically to the player's data folder, one game at a time."""

from .files import MAX_SAVE_BYTES, NoSuchSave, SaveFile, read_save
from .lock import GameLock, GameOpenElsewhere
from .saves import AUTOSAVE, KEEP_PREVIOUS, SaveEntry, SaveStore, default_data_dir
from .slots import LOCAL, FileGameStore, GameStore, SaveFolders, SlotInfo, SlotKey

__all__ = [
    "AUTOSAVE",
    "KEEP_PREVIOUS",
    "LOCAL",
    "MAX_SAVE_BYTES",
    "FileGameStore",
    "GameLock",
    "GameOpenElsewhere",
    "GameStore",
    "NoSuchSave",
    "SaveEntry",
    "SaveFile",
    "SaveFolders",
    "SaveStore",
    "SlotInfo",
    "SlotKey",
    "default_data_dir",
    "read_save",
]

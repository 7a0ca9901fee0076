"""Keeping games: save files written atomically to the player's data folder."""

from .saves import SaveFile, SaveStore, default_data_dir

__all__ = ["SaveFile", "SaveStore", "default_data_dir"]

"""Checked campaigns kept between starts, so a start need not read and check every file again.

Reading, validating and checking a campaign takes most of a start, and most
of that is importing the validation layer. A campaign that loaded cleanly is
kept in the player's cache folder, keyed by a hash of every file in its folder
and by the game's version and the code that reads and plays it; the next start with the same files
unpickles it and imports neither YAML nor pydantic.

The engine compiles expressions into closures, which do not pickle. The cache
keeps each condition, weight and effect as its text and tree, and compiles the
tree again on load, which is quick; parsing and checking are not repeated.

A damaged, unreadable or foreign cache file is ignored and written anew; a
cache folder that cannot be written is no error. Writes are atomic.
``NEWCOURSE_CACHE_DIR`` moves the folder; ``NEWCOURSE_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from .. import settings
from ..engine.expressions import BUILTINS, NameKind, Namespace, compile_effects, compile_expr
from ..engine.figures import PeopleNames
from ..engine.model import Campaign, Condition, Effects, Weight

__all__ = ["cache_folder", "load_checked"]

# a new value makes every older cache file foreign
FORMAT = b"newcourse-campaign-cache-2"
# the code whose changes change what a campaign loads to
_CODE = Path(__file__).resolve().parent.parent
_CODE_FOLDERS = ("engine", "content")


def cache_folder() -> Path:
    """Where checked campaigns are kept: ``NEWCOURSE_CACHE_DIR``, else the user's cache folder."""
    override = settings.current().cache_dir
    if override is not None:
        return override
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newcourse", appauthor=False)) / "campaigns"


def load_checked(folder: str | Path) -> Campaign:
    """The campaign in ``folder``, from the cache when its files are unchanged.

    Behaves as ``load_campaign``: raises ``CampaignError`` listing every error.
    Only a campaign that loaded without errors is kept.
    """
    folder = Path(folder)
    if settings.current().no_cache:
        return _load(folder)
    key = _key(folder)
    if key is None:
        return _load(folder)
    path = cache_folder() / f"{hashlib.sha256(bytes(folder.resolve())).hexdigest()[:32]}.pickle"
    cached = _read(path, key)
    if cached is not None:
        return cached
    campaign = _load(folder)
    _write(path, key, campaign)
    return campaign


def _load(folder: Path) -> Campaign:
    from .loader import load_campaign

    return load_campaign(folder)


def _key(folder: Path) -> bytes | None:
    """A hash of every file in the campaign folder and of the code; None if it cannot be read."""
    digest = hashlib.sha256(FORMAT)
    try:
        # the package's version (in __init__.py) and the code that reads and plays campaigns
        sources = [_CODE / "__init__.py"]
        sources += [path for part in _CODE_FOLDERS for path in sorted((_CODE / part).rglob("*.py"))]
        for source in sources:
            status = source.stat()
            digest.update(
                f"{source.relative_to(_CODE)}:{status.st_size}:{status.st_mtime_ns}\n".encode()
            )
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                content = path.read_bytes()
                digest.update(f"{path.relative_to(folder).as_posix()}:{len(content)}\n".encode())
                digest.update(content)
    except OSError:
        return None
    return digest.digest()


def _namespace(campaign: Campaign) -> dict[str, NameKind]:
    """The names the campaign's expressions were checked against."""
    kinds = dict.fromkeys(BUILTINS, NameKind.BUILTIN)
    kinds |= dict.fromkeys(campaign.qualities, NameKind.QUALITY)
    kinds |= dict.fromkeys(campaign.factions, NameKind.FACTION)
    kinds |= dict.fromkeys(campaign.flags, NameKind.FLAG)
    return kinds


class _Pickler(pickle.Pickler):
    """Keeps each compiled expression as its text and tree."""

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) is Condition:
            return ("condition", obj.text, obj.tree)
        if type(obj) is Weight:
            return ("weight", obj.text, obj.tree)
        if type(obj) is Effects:
            return ("effects", obj.text, obj.statements)
        return None


# the only types from outside the project that a campaign holds
_OUTSIDE = {("datetime", "date")}


class _Unpickler(pickle.Unpickler):
    """Builds nothing but the engine's types, and compiles each expression's tree again.

    The stream holds a header (the format, the key, the names and ranges the
    expressions need), then the campaign.
    """

    names = Namespace({})
    ranges: dict[str, tuple[int, int]] = {}  # noqa: RUF012 - replaced, never changed

    def persistent_load(self, pid: Any) -> Any:
        kind, text, tree = pid
        if kind == "condition":
            return Condition(text, tree, compile_expr(tree, self.names))
        if kind == "weight":
            return Weight(text, tree, compile_expr(tree, self.names))
        if kind == "effects":
            return Effects(text, tree, compile_effects(tree, self.names, self.ranges))
        raise pickle.UnpicklingError(f"unknown expression kind {kind!r}")

    def find_class(self, module: str, name: str) -> Any:
        if not module.startswith("newcourse.engine.") and (module, name) not in _OUTSIDE:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a campaign")
        found = super().find_class(module, name)
        if not isinstance(found, type):
            raise pickle.UnpicklingError(f"{module}.{name} is not a type of the model")
        return found


def _read(path: Path, key: bytes) -> Campaign | None:
    """The cached campaign, or None for a missing, stale, damaged or foreign file."""
    try:
        with path.open("rb") as file:
            unpickler = _Unpickler(file)
            header = unpickler.load()
            if not (isinstance(header, tuple) and len(header) == 5 and header[:2] == (FORMAT, key)):
                return None
            kinds, unpickler.ranges, people = header[2], header[3], header[4]
            if not isinstance(people, PeopleNames):
                return None
            unpickler.names = Namespace(
                {name: NameKind(kind) for name, kind in kinds.items()}, people
            )
            campaign = unpickler.load()
    except Exception:  # whatever is wrong with a cache file, the campaign's files are read
        return None
    return campaign if isinstance(campaign, Campaign) else None


def _write(path: Path, key: bytes, campaign: Campaign) -> None:
    """Keep the campaign, atomically; a folder that cannot be written is no error."""
    buffer = io.BytesIO()
    try:
        kinds = {name: kind.value for name, kind in _namespace(campaign).items()}
        pickler = _Pickler(buffer, pickle.HIGHEST_PROTOCOL)
        roster = campaign.roster
        people = roster.names(roster.roles(campaign.events.values()))
        pickler.dump((FORMAT, key, kinds, dict(campaign.ranges), people))
        pickler.dump(campaign)
    except Exception:  # a campaign that cannot be kept is read from its files next time
        return
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
        with os.fdopen(descriptor, "wb") as file:
            file.write(buffer.getvalue())
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)

"""The catalogue's format: each ``cases/*.yaml`` file is a list of hostile inputs.

A case names the input (a campaign, a save, the data folder, standard input),
the command it is given to and the one answer expected. ``load_catalogue``
reads every file; an entry that does not follow the format becomes a
``Malformed`` entry, so it fails on its own and names its file and id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

__all__ = ["CASES", "Case", "Malformed", "load_catalogue"]

CASES = Path(__file__).resolve().parent / "cases"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CampaignInput(_Strict):
    """A campaign folder: a copy of a base campaign with files replaced, added or removed."""

    base: Literal["mini", "real"] = "mini"
    files: dict[str, str] = Field(default_factory=dict)
    files_hex: dict[str, str] = Field(default_factory=dict)
    remove: list[str] = Field(default_factory=list)
    symlinks: dict[str, str] = Field(default_factory=dict)


class Expectation(_Strict):
    """What the run must answer: the exit code, and patterns its output must contain."""

    exit: int
    stderr: str | None = None
    stdout: str | None = None
    save_changes: bool = False

    @field_validator("stderr", "stdout")
    @classmethod
    def _compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"not a valid regular expression: {error}") from None
        return pattern


class Limits(_Strict):
    """The run's wall-clock time and address space."""

    seconds: float = Field(default=20, gt=0, le=120)
    memory_mb: int = Field(default=1024, ge=64, le=8192)


class Case(_Strict):
    """One hostile input, the command it is given to, and the answer expected."""

    id: str
    about: str
    command: list[str] = Field(min_length=1)
    campaign: CampaignInput | None = None
    save: str | None = None
    save_hex: str | None = None
    data_files: dict[str, str] = Field(default_factory=dict)
    fifos: list[str] = Field(default_factory=list)
    stdin: str | None = None
    stdin_hex: str | None = None
    env: dict[str, str] = Field(default_factory=dict)
    expect: Expectation
    limits: Limits = Field(default_factory=Limits)
    file: str = ""
    line: int = 0

    @field_validator("id")
    @classmethod
    def _kebab_case(cls, value: str) -> str:
        if not ID.match(value):
            raise ValueError("an id is kebab-case: lower-case letters, digits and dashes")
        return value

    @field_validator("save_hex", "stdin_hex")
    @classmethod
    def _hex(cls, value: str | None) -> str | None:
        if value is not None:
            bytes.fromhex(value)
        return value

    def stdin_bytes(self) -> bytes:
        """Standard input as bytes (empty when the case gives none)."""
        if self.stdin_hex is not None:
            return bytes.fromhex(self.stdin_hex)
        return (self.stdin or "").encode("utf-8")

    def save_bytes(self) -> bytes | None:
        """The save file's bytes, or None when the case writes no save."""
        if self.save_hex is not None:
            return bytes.fromhex(self.save_hex)
        if self.save is not None:
            return self.save.encode("utf-8")
        return None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Malformed:
    """An entry that does not follow the format: it fails with its file, line and id."""

    id: str
    file: str
    line: int
    problem: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def _entries(path: Path) -> list[tuple[int, object]]:
    """The entries of one file with the line each starts on."""
    text = path.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    data = yaml.safe_load(text)
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise ValueError("the file must be a list of cases")
    return [(item.start_mark.line + 1, entry) for item, entry in zip(node.value, data, strict=True)]


def _one(name: str, line: int, entry: object, position: int) -> Case | Malformed:
    raw_id = entry.get("id") if isinstance(entry, dict) else None
    label = raw_id if isinstance(raw_id, str) and raw_id else f"{Path(name).stem}-entry-{position}"
    if not isinstance(entry, dict):
        return Malformed(label, name, line, "an entry must be a mapping")
    try:
        return Case.model_validate({**entry, "file": name, "line": line})
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'entry'}: {e['msg']}" for e in error.errors()
        )
        return Malformed(label, name, line, problems)


def load_catalogue(folder: Path = CASES) -> list[Case | Malformed]:
    """Every case of every file in the folder, in file order; duplicates are malformed."""
    found: list[Case | Malformed] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        name = f"{folder.name}/{path.name}"
        try:
            entries = _entries(path)
        except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
            found.append(Malformed(f"{path.stem}-unreadable", name, 1, str(error)))
            continue
        for position, (line, entry) in enumerate(entries, start=1):
            case = _one(name, line, entry, position)
            if case.id in seen:
                case = Malformed(
                    f"{case.id}-again", name, line, f"the id {case.id!r} is used at {seen[case.id]}"
                )
            else:
                seen[case.id] = f"{name}:{line}"
            found.append(case)
    return found

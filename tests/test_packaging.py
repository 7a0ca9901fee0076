"""What the wheel ships and how the project describes itself (pyproject.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import newcourse
from newcourse.content.schema_export import PACKAGED, render_schemas

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "newcourse"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def shipped_data() -> set[Path]:
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["newcourse"]
    return {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}


def test_every_file_read_at_run_time_is_in_the_wheel() -> None:
    data = {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    missing = sorted(str(path.relative_to(PACKAGE)) for path in data - shipped_data())
    assert missing == [], "add these to [tool.setuptools.package-data] in pyproject.toml"
    assert PACKAGE / "terminal" / "app.tcss" in data
    assert PACKAGE / "schema" / "events.schema.json" in data


def test_the_json_schemas_in_the_package_and_in_docs_are_up_to_date() -> None:
    assert PACKAGED == PACKAGE / "schema"
    for folder in (PACKAGED, ROOT / "docs" / "schema"):
        for name, text in render_schemas().items():
            path = folder / name
            assert path.is_file(), f"{path} is missing; run 'make schema'"
            assert path.read_text(encoding="utf-8") == text, f"{path} is out of date: 'make schema'"


def test_the_version_has_one_source() -> None:
    assert "version" not in PYPROJECT["project"]
    assert "version" in PYPROJECT["project"]["dynamic"]
    attribute = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attribute == "newcourse.__version__"
    assert newcourse.__version__.count(".") == 2


def test_the_licence_text_is_shipped() -> None:
    assert PYPROJECT["project"]["license"] == "GPL-3.0-or-later"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text


def test_the_player_install_leaves_out_the_heavy_tools() -> None:
    base = " ".join(PYPROJECT["project"]["dependencies"])
    extras = PYPROJECT["project"]["optional-dependencies"]
    for heavy in ("textual", "matplotlib", "graphviz", "pytest", "mypy"):
        assert heavy not in base
    assert any(requirement.startswith("textual>=6") for requirement in extras["terminal"])
    assert any(requirement.startswith("pytest-asyncio>=0.24") for requirement in extras["test"])

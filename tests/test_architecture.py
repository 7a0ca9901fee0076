"""The layer rules of the package, held by reading every module's imports.

The engine imports nothing else of the project and only the standard library
modules that do no I/O; outer layers import inward, never sideways or outward.
The session layer is what every front-end shares; the players (front-ends) never
import one another, and only public names (no ``_private`` ones) cross a layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newcourse"

ALLOWED = {
    "engine": {"engine"},
    "content": {"engine", "content", "settings"},
    "storage": {"engine", "storage", "settings"},
    "session": {"engine", "content", "storage", "session", "settings"},
    "terminal": {"engine", "session", "storage", "terminal"},
    "web": {"engine", "content", "session", "storage", "settings", "web", "council"},
    "tools": {"engine", "content", "tools"},
    "council": {"engine", "content", "session", "council"},
}
PLAYERS = ("terminal", "web")
"""The front-ends: each stands on the session layer, none on another."""
USER_INTERFACES = {"textual", "rich", "markdown_it"}
"""The packages that draw a player's screen or text: no business of the shared layer."""
WEB_PACKAGES = {
    "fastapi", "starlette", "uvicorn", "jinja2", "multipart", "sqlalchemy", "alembic",
    "redis",
}  # fmt: skip
"""The web extra's packages: only the web player and the SQL store import them."""
ENGINE_STDLIB = {
    "__future__", "collections", "dataclasses", "datetime", "decimal", "difflib", "enum",
    "functools", "itertools", "math", "operator", "random", "re", "typing", "weakref",
}  # fmt: skip
FORBIDDEN_CALLS = {"print", "open", "input", "eval", "exec"}
# The modules that compile Python they wrote themselves: generated functions hold only
# generated names, operators and brackets, never text from a campaign's files
# (tests/engine/expressions/test_generating.py and test_effecting.py hold that).
GENERATES_CODE = {
    ("engine", "expressions", "generating.py"): {"eval", "compile"},
    ("engine", "expressions", "effecting.py"): {"exec", "compile"},
}


def modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def project_imports(path: Path) -> tuple[set[str], set[str]]:
    """The project layers and the outside top-level modules a module imports."""
    layer_depth = len(path.relative_to(PACKAGE).parts) - 1
    tree = ast.parse(path.read_text(encoding="utf-8"))
    layers, outside = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top, _, rest = alias.name.partition(".")
                if top == "newcourse":
                    layers.add(rest.split(".")[0])
                else:
                    outside.add(top)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0:
                top, _, rest = module.partition(".")
                if top == "newcourse":
                    layers.add(rest.split(".")[0])
                else:
                    outside.add(top)
            elif node.level > layer_depth:
                # ``from .. import settings`` names the layers themselves
                layers.update([module.split(".")[0]] if module else (a.name for a in node.names))
            else:
                layers.add(path.relative_to(PACKAGE).parts[0])
    return layers, outside


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_point_inward(layer: str) -> None:
    for path in modules(layer):
        layers, _ = project_imports(path)
        wrong = layers - ALLOWED[layer]
        assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"


def test_the_engine_needs_no_packages_and_does_no_io() -> None:
    for path in modules("engine"):
        _, outside = project_imports(path)
        assert outside <= ENGINE_STDLIB, f"{path.name} imports {sorted(outside - ENGINE_STDLIB)}"
        allowed = GENERATES_CODE.get(path.relative_to(PACKAGE).parts, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                called = node.func.id
                assert called not in FORBIDDEN_CALLS - allowed, f"{path.name} calls {called}()"


def test_prose_lives_in_campaign_files_not_in_the_engine() -> None:
    """No event or ending text in Python: the engine's strings are messages, not story."""
    for path in modules("engine"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                assert len(node.value) < 200, f"{path.name} holds a long text"


def _imported_names(path: Path) -> list[tuple[str, str]]:
    """Every (layer, name) a module imports from another layer of the project: names
    imported from a module, and each part of an imported module's path."""
    own = path.relative_to(PACKAGE).parts[0]
    depth = len(path.relative_to(PACKAGE).parts) - 1
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0:
                top, _, rest = module.partition(".")
                if top != "newcourse":
                    continue
                parts = rest.split(".")
            elif node.level > depth:
                if not module:  # ``from .. import settings``: whole layers, no names
                    continue
                parts = module.split(".")
            else:
                continue  # within its own layer
            if parts[0] == own:
                continue
            found += [(parts[0], part) for part in parts[1:]]
            found += [(parts[0], alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                top, _, rest = alias.name.partition(".")
                parts = rest.split(".")
                if top == "newcourse" and parts[0] != own:
                    found += [(parts[0], part) for part in parts[1:]]
    return found


def test_only_public_names_cross_a_layer() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        private = [
            f"{layer}.{name}"
            for layer, name in _imported_names(path)
            if name.startswith("_") and not name.startswith("__")
        ]
        assert not private, f"{path.relative_to(PACKAGE)} imports {private}"


def test_the_players_do_not_import_each_other() -> None:
    for player in PLAYERS:
        for path in modules(player):
            layers, _ = project_imports(path)
            others = layers & (set(PLAYERS) - {player})
            assert not others, f"{path.relative_to(PACKAGE)} imports {sorted(others)}"


def test_the_shared_layer_draws_nothing() -> None:
    """The session layer needs no front-end's packages, so a web install does not pull in
    the terminal's and the reverse; only the terminal player imports Textual."""
    assert modules("session")
    for path in modules("session"):
        _, outside = project_imports(path)
        assert not outside & USER_INTERFACES, f"{path.name} imports {outside & USER_INTERFACES}"
    for path in sorted(PACKAGE.rglob("*.py")):
        _, outside = project_imports(path)
        if "textual" in outside:
            assert path.relative_to(PACKAGE).parts[0] == "terminal", path


def test_settings_stand_alone_and_are_the_only_reader_of_the_environment() -> None:
    """``settings.py`` imports nothing of the project; no other module reads a
    ``NEWCOURSE_*`` variable."""
    layers, _ = project_imports(PACKAGE / "settings.py")
    assert not layers
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not node.value.startswith("NEWCOURSE_"), (
                    f"{path.relative_to(PACKAGE)} reads {node.value} (use newcourse.settings)"
                )


def test_only_the_web_player_and_the_sql_store_need_the_web_extra() -> None:
    """A terminal-only install has none of the web packages: nothing else imports them,
    and ``storage`` loads its SQL store only when asked."""
    for path in sorted(PACKAGE.rglob("*.py")):
        _, outside = project_imports(path)
        parts = path.relative_to(PACKAGE).parts
        if outside & WEB_PACKAGES:
            assert parts[0] == "web" or parts[:2] == ("storage", "sql"), path
    init = (PACKAGE / "storage" / "__init__.py").read_text(encoding="utf-8")
    assert "sql" not in project_imports(PACKAGE / "storage" / "__init__.py")[1]
    assert ".sql" not in init


def test_council_mode_is_pure() -> None:
    """Council mode does no I/O and reads no clock: the time of every command is given to
    it, so the same records always make the same council."""
    assert modules("council")
    for path in modules("council"):
        _, outside = project_imports(path)
        assert not outside & (USER_INTERFACES | WEB_PACKAGES | {"time", "os", "socket"}), path
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, f"{path.name} calls {node.func.id}()"
            if isinstance(node, ast.Attribute):
                assert node.attr not in {"now", "today", "utcnow"}, f"{path.name} reads the clock"


def test_the_session_and_the_terminal_keep_games_through_the_store_protocol() -> None:
    """Saves are reached through ``storage.GameStore`` (the save files are one store, a
    database another): the session, the players and the command line never name the
    folder of save files that stands behind the file store."""
    for layer in ("session", "terminal", "cli", "web"):
        for path in modules(layer):
            named = {name for found, name in _imported_names(path) if found == "storage"}
            assert "SaveStore" not in named, path.relative_to(PACKAGE)


def test_the_web_player_does_not_import_the_terminal_player() -> None:
    assert modules("web")
    for path in modules("web"):
        layers, outside = project_imports(path)
        assert "terminal" not in layers and "textual" not in outside, path

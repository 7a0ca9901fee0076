"""The layer rules of the package, held by reading every module's imports.

The engine imports nothing else of the project and only the standard library
modules that do no I/O; outer layers import inward, never sideways or outward.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newcourse"

ALLOWED = {
    "engine": {"engine"},
    "content": {"engine", "content"},
    "storage": {"engine", "storage"},
    "terminal": {"engine", "content", "storage", "terminal"},
    "tools": {"engine", "content", "tools"},
}
ENGINE_STDLIB = {
    "__future__", "collections", "dataclasses", "datetime", "decimal", "difflib", "enum",
    "functools", "itertools", "math", "operator", "random", "re", "typing", "weakref",
}  # fmt: skip
FORBIDDEN_CALLS = {"print", "open", "input", "eval", "exec"}


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
                layers.add(module.split(".")[0] if module else "")
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
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, f"{path.name} calls {node.func.id}()"


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

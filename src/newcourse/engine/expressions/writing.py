"""Tree to text: an expression written back as a writer would write it."""

from __future__ import annotations

from collections.abc import Mapping

from .tree import Call, Expr, Literal, Name, Not


def describe(expr: Expr, labels: Mapping[str, str] | None = None) -> str:
    """Write an expression back as text, naming qualities by their labels if given."""
    labels = labels or {}
    if isinstance(expr, Literal):
        if isinstance(expr.value, bool):
            return "true" if expr.value else "false"
        return f"{expr.value:g}"
    if isinstance(expr, Name):
        return labels.get(expr.name, expr.name)
    if isinstance(expr, Not):
        return f"not {describe(expr.operand, labels)}"
    if isinstance(expr, Call):
        return f"{expr.function}({', '.join(describe(a, labels) for a in expr.args)})"
    if isinstance(expr.left, Literal) and expr.left.value == 0.0 and expr.op == "-":
        return f"-{describe(expr.right, labels)}"
    return f"{describe(expr.left, labels)} {expr.op} {describe(expr.right, labels)}"

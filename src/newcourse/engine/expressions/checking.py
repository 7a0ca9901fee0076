"""Type-checking a tree against the names a campaign declares."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import ExpressionError
from ..figures import PeopleNames
from .people import PEOPLE_FUNCTIONS, check_people_call, check_people_statement
from .tree import FUNCTIONS, Assign, Binary, Call, Effect, Expr, Literal, Name, NameKind, Not, Type

NO_PEOPLE = PeopleNames()


@dataclass(frozen=True)
class Namespace:
    """The names a campaign declares, for checking expressions."""

    kinds: Mapping[str, NameKind]
    people: PeopleNames = NO_PEOPLE  # the names the people functions take

    def lookup(self, name: Name | Assign) -> NameKind:
        key = name.name if isinstance(name, Name) else name.target
        kind = self.kinds.get(key)
        if kind is None:
            message = f"unknown name {key!r}"
            close = difflib.get_close_matches(key, list(self.kinds), n=1)
            if close:
                message += f"; did you mean {close[0]!r}?"
            raise ExpressionError(message, name.line, name.column)
        return kind


def check_type(expr: Expr, names: Namespace) -> Type:
    """Return the expression's type, or raise ExpressionError where it is ill-typed."""
    if isinstance(expr, Literal):
        return Type.BOOL if isinstance(expr.value, bool) else Type.NUMBER
    if isinstance(expr, Name):
        return names.lookup(expr).type
    if isinstance(expr, Not):
        _want(expr.operand, Type.BOOL, names, "'not'")
        return Type.BOOL
    if isinstance(expr, Call) and expr.function in PEOPLE_FUNCTIONS:
        return check_people_call(expr, names.people)
    if isinstance(expr, Call):
        arity = FUNCTIONS.get(expr.function)
        if arity is None:
            message = f"unknown function {expr.function!r}"
            close = difflib.get_close_matches(expr.function, list(FUNCTIONS), n=1)
            if close:
                message += f"; did you mean {close[0]!r}?"
            raise ExpressionError(message, expr.line, expr.column)
        low, high = arity
        if len(expr.args) < low or (high is not None and len(expr.args) > high):
            wanted = str(low) if low == high else f"at least {low}"
            raise ExpressionError(
                f"{expr.function}() takes {wanted} argument(s), not {len(expr.args)}",
                expr.line,
                expr.column,
            )
        if expr.function in FLAG_FUNCTIONS:
            _want_flag(expr, names)
            return Type.NUMBER
        for arg in expr.args:
            _want(arg, Type.NUMBER, names, f"{expr.function}()")
        return Type.NUMBER
    if expr.op in ("and", "or"):
        _want(expr.left, Type.BOOL, names, f"'{expr.op}'")
        _want(expr.right, Type.BOOL, names, f"'{expr.op}'")
        return Type.BOOL
    if expr.op in ("==", "!="):
        left, right = check_type(expr.left, names), check_type(expr.right, names)
        if left is not right:
            raise ExpressionError(
                f"'{expr.op}' compares a {left.value} with a {right.value}", expr.line, expr.column
            )
        return Type.BOOL
    _want(expr.left, Type.NUMBER, names, f"'{expr.op}'")
    _want(expr.right, Type.NUMBER, names, f"'{expr.op}'")
    return Type.BOOL if expr.op in ("<", "<=", ">", ">=") else Type.NUMBER


FLAG_FUNCTIONS = frozenset({"since"})
"""Functions whose argument is the name of a flag, not a value."""


def _want_flag(call: Call, names: Namespace) -> None:
    arg = call.args[0]
    if not isinstance(arg, Name) or names.lookup(arg) is not NameKind.FLAG:
        raise ExpressionError(f"{call.function}() takes the name of a flag", arg.line, arg.column)


def _want(expr: Expr, wanted: Type, names: Namespace, where: str) -> None:
    found = check_type(expr, names)
    if found is not wanted:
        line, column = expr.line, expr.column
        raise ExpressionError(
            f"{where} needs a {wanted.value} value, not a {found.value}", line, column
        )


def check_effects(effects: Effect, names: Namespace) -> None:
    for statement in effects:
        if statement.args:
            number = statement.target in ("trust", "resolve") and statement.op
            value_type = check_type(statement.value, names) if number else None
            check_people_statement(statement, names.people, value_type)
            continue
        kind = names.lookup(statement)
        if not kind.assignable:
            raise ExpressionError(
                f"{statement.target!r} is a {kind.value} and cannot be changed",
                statement.line,
                statement.column,
            )
        value_type = check_type(statement.value, names)
        if kind is NameKind.FLAG:
            if statement.op != "=":
                raise ExpressionError(
                    f"flag {statement.target!r} can only be set with '= true' or '= false'",
                    statement.line,
                    statement.column,
                )
            if value_type is not Type.BOOL:
                raise ExpressionError(
                    f"flag {statement.target!r} needs a true/false value",
                    statement.line,
                    statement.column,
                )
        elif value_type is not Type.NUMBER:
            raise ExpressionError(
                f"{kind.value} {statement.target!r} needs a number value",
                statement.line,
                statement.column,
            )


def names_in(node: Expr | Effect) -> set[str]:
    """Every name an expression or effect reads (effects: also the names they change)."""
    found: set[str] = set()

    def visit(expr: Expr) -> None:
        if isinstance(expr, Name):
            found.add(expr.name)
        elif isinstance(expr, Not):
            visit(expr.operand)
        elif isinstance(expr, Binary):
            visit(expr.left)
            visit(expr.right)
        elif isinstance(expr, Call) and expr.function not in PEOPLE_FUNCTIONS:
            for arg in expr.args:
                visit(arg)

    if isinstance(node, tuple):
        for statement in node:
            if not statement.args:  # a people effect's names are people, camps and posts
                visit(statement.value)
    else:
        visit(node)
    return found

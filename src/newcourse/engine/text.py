"""Conditional text: prose that reads the state it is shown in.

A text may hold tags in braces, which cannot be taken for Markdown's links::

    {if germany_soviet}Dresden holds.{elif germany_defeated}Hamburg fell.{else}Quiet.{end}
    The Opposition holds {opposition} delegates in a hundred.

``{if CONDITION}`` opens a choice (``{elif CONDITION}`` and ``{else}`` are its other
branches, ``{end}`` closes it; choices nest); ``{EXPRESSION}`` puts in a number,
as a whole number; ``{{`` and ``}}`` are literal braces. Conditions and numbers are
expressions of the campaign's language, checked when the campaign loads.

A text is parsed once into a tree of ``Piece`` values and compiled into one
closure (``Render``); a text without a brace is never compiled and costs nothing
to show.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import ExpressionError
from .expressions import Expr, Namespace, Scope, Type, check_type, compile_expr, parse_expr
from .expressions.people import person_named

__all__ = [
    "Branch",
    "Choice",
    "Insert",
    "Piece",
    "Render",
    "Template",
    "check_template",
    "compile_template",
    "parse_template",
    "render",
]

Render = Callable[[Scope], str]


@dataclass(frozen=True, slots=True)
class Insert:
    """``{expression}``: a number put into the text."""

    text: str
    tree: Expr
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Branch:
    """One branch of a choice: shown when its condition (None: ``{else}``) is the first to hold."""

    condition: str | None
    tree: Expr | None
    pieces: tuple[Piece, ...]
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Choice:
    """``{if}`` ... ``{elif}`` ... ``{else}`` ... ``{end}``."""

    branches: tuple[Branch, ...]


Piece = str | Insert | Choice


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed text: its pieces, and the conditions and numbers in it."""

    text: str
    pieces: tuple[Piece, ...]

    def expressions(self) -> list[tuple[Expr, int, int]]:
        """Every condition and number in the text, with its line and column."""
        found: list[tuple[Expr, int, int]] = []

        def visit(pieces: tuple[Piece, ...]) -> None:
            for piece in pieces:
                if isinstance(piece, Insert):
                    found.append((piece.tree, piece.line, piece.column))
                elif isinstance(piece, Choice):
                    for branch in piece.branches:
                        if branch.tree is not None:
                            found.append((branch.tree, branch.line, branch.column))
                        visit(branch.pieces)

        visit(self.pieces)
        return found


_Open = tuple[str | None, Expr | None, list[Piece], int, int]
"""A branch being read: its condition (None: ``{else}``), tree, pieces, line and column."""

_TAG = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")
_KEYWORD = re.compile(r"(if|elif)\s+(.*)|(else|end)\s*", re.DOTALL)

# How deep choices may nest inside one another.
MAX_NESTING = 16


def parse_template(text: str) -> Template:
    """Parse a text's tags; raises ExpressionError (line and column within the text)."""
    root: list[Piece] = []
    # each open choice: its finished branches, and the open branch's (condition, tree,
    # pieces, line, column)
    open_choices: list[tuple[list[Branch], _Open]] = []
    current = root
    position = 0
    for match in _TAG.finditer(text):
        if match.start() > position:
            current.append(text[position : match.start()])
        position = match.end()
        tag = match.group()
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        if tag in ("{{", "}}"):
            current.append(tag[0])
            continue
        if match.group(1) is None:
            message = (
                "a lone '}': write '}}' for a brace"
                if tag == "}"
                else "a '{' is never closed: write '{{' for a brace"
            )
            raise ExpressionError(message, line, column)
        inner = match.group(1).strip()
        keyword = _KEYWORD.fullmatch(inner)
        word = (keyword.group(1) or keyword.group(3)) if keyword else None
        if word == "if":
            if len(open_choices) >= MAX_NESTING:
                raise ExpressionError("choices nest too deeply", line, column)
            condition = keyword.group(2).strip() if keyword else ""
            branch: _Open = (condition, _expression(condition, line, column), [], line, column)
            open_choices.append(([], branch))
            current = branch[2]
        elif word in ("elif", "else"):
            if not open_choices:
                raise ExpressionError(f"'{{{word}}}' without an '{{if}}'", line, column)
            done, (cond, tree, pieces, at_line, at_column) = open_choices[-1]
            if cond is None:
                raise ExpressionError(f"'{{{word}}}' after '{{else}}'", line, column)
            done.append(Branch(cond, tree, tuple(pieces), at_line, at_column))
            if word == "elif":
                condition = keyword.group(2).strip() if keyword else ""
                branch = (condition, _expression(condition, line, column), [], line, column)
            else:
                branch = (None, None, [], line, column)
            open_choices[-1] = (done, branch)
            current = branch[2]
        elif word == "end":
            if not open_choices:
                raise ExpressionError("'{end}' without an '{if}'", line, column)
            done, (cond, tree, pieces, at_line, at_column) = open_choices.pop()
            done.append(Branch(cond, tree, tuple(pieces), at_line, at_column))
            current = open_choices[-1][1][2] if open_choices else root
            current.append(Choice(tuple(done)))
        else:
            current.append(Insert(inner, _expression(inner, line, column), line, column))
    if open_choices:
        line, column = open_choices[-1][1][3], open_choices[-1][1][4]
        raise ExpressionError("an '{if}' is never closed with '{end}'", line, column)
    if position < len(text):
        current.append(text[position:])
    return Template(text, tuple(root))


def _expression(text: str, line: int, column: int) -> Expr:
    """An expression inside a tag, its errors placed at the tag."""
    if not text:
        raise ExpressionError("an empty tag: write a condition or a name in it", line, column)
    try:
        return parse_expr(text)
    except ExpressionError as problem:
        raise ExpressionError(f"{{{text}}}: {problem.message}", line, column) from None


def check_template(template: Template, names: Namespace) -> None:
    """Check a template's conditions are true/false and its numbers are numbers."""

    def visit(pieces: tuple[Piece, ...]) -> None:
        for piece in pieces:
            if isinstance(piece, Insert) and person_named(piece.tree, names.people) is not None:
                continue  # a person's name: {secretary}, {radek}
            if isinstance(piece, Insert):
                _typed(piece.tree, Type.NUMBER, piece.text, piece.line, piece.column, names)
            elif isinstance(piece, Choice):
                for branch in piece.branches:
                    if branch.tree is not None and branch.condition is not None:
                        _typed(
                            branch.tree,
                            Type.BOOL,
                            branch.condition,
                            branch.line,
                            branch.column,
                            names,
                        )
                    visit(branch.pieces)

    visit(template.pieces)


def _typed(tree: Expr, wanted: Type, text: str, line: int, column: int, names: Namespace) -> None:
    try:
        found = check_type(tree, names)
    except ExpressionError as problem:
        raise ExpressionError(f"{{{text}}}: {problem.message}", line, column) from None
    if found is not wanted:
        what = (
            "a condition must be true or false, but this is a number"
            if wanted is Type.BOOL
            else "a number is put in here, but this is true/false; use {if ...}"
        )
        raise ExpressionError(f"{{{text}}}: {what}", line, column)


def compile_template(template: Template, names: Namespace) -> Render:
    """One closure that renders the template against a scope."""
    return _compiled(template.pieces, names)


def _compiled(pieces: tuple[Piece, ...], names: Namespace) -> Render:
    parts: list[str | Render] = []
    for piece in pieces:
        if isinstance(piece, str):
            if parts and isinstance(parts[-1], str):
                parts[-1] += piece
            else:
                parts.append(piece)
        elif isinstance(piece, Insert):
            named = person_named(piece.tree, names.people)
            parts.append(named or _number(compile_expr(piece.tree, names)))
        else:
            parts.append(_choice(piece, names))
    if len(parts) == 1 and not isinstance(parts[0], str):
        return parts[0]
    fixed = tuple(parts)

    def join(scope: Scope) -> str:
        return "".join([part if isinstance(part, str) else part(scope) for part in fixed])

    return join


def _number(value: Callable[[Scope], float | bool]) -> Render:
    def show(scope: Scope) -> str:
        result = value(scope)
        return str(round(result)) if result == result and abs(result) < 1e15 else "?"

    return show


def _choice(choice: Choice, names: Namespace) -> Render:
    branches = tuple(
        (
            None if branch.tree is None else compile_expr(branch.tree, names),
            _compiled(branch.pieces, names),
        )
        for branch in choice.branches
    )

    def pick(scope: Scope) -> str:
        for test, body in branches:
            if test is None or test(scope):
                return body(scope)
        return ""

    return pick


def render(templates: Mapping[str, Render], text: str, scope: Scope) -> str:
    """``text`` as the state in ``scope`` makes it: a text without a brace is itself."""
    if "{" not in text and "}" not in text:
        return text
    template = templates.get(text)
    return text if template is None else template(scope)

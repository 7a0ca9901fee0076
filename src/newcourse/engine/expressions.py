"""The expression language of conditions, weights and effects.

Text is tokenised and parsed once, when a campaign loads, into a small tree of
frozen nodes. The tree is type-checked against the names a campaign declares
and then compiled into plain Python closures, so running a condition during play
costs a few function calls. Raw text is never handed to ``eval`` or ``exec``.

Grammar (lowest precedence first)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | "true" | "false" | NAME | NAME "(" expr ("," expr)* ")" | "(" expr ")"

    effects   := statement ((";" | newline) statement)*
    statement := NAME ("=" | "+=" | "-=") expr
"""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

from .errors import ExpressionError

__all__ = [
    "Assign",
    "Binary",
    "Call",
    "Effect",
    "Expr",
    "Literal",
    "Name",
    "NameKind",
    "Namespace",
    "Not",
    "Scope",
    "Type",
    "compile_effects",
    "compile_expr",
    "parse_effects",
    "parse_expr",
]


class Type(Enum):
    NUMBER = "number"
    BOOL = "true/false"


class NameKind(Enum):
    """What a name in an expression refers to."""

    QUALITY = "quality"
    FACTION = "faction"
    FLAG = "flag"
    BUILTIN = "built-in value"

    @property
    def type(self) -> Type:
        return Type.BOOL if self is NameKind.FLAG else Type.NUMBER

    @property
    def assignable(self) -> bool:
        return self is not NameKind.BUILTIN


BUILTINS = ("year", "quarter", "turn")
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "min": (1, None),
    "max": (1, None),
    "abs": (1, 1),
    "clamp": (3, 3),
}


# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\r]+)
  | (?P<newline>\n)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\+=|-=|<=|>=|==|!=|[-+*/<>=(),;])
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "true", "false"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # number, name, keyword, op, newline, end
    text: str
    column: int  # 1-based, within the expression text
    line: int  # 1-based, within the expression text


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos, line, line_start = 0, 1, 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ExpressionError(f"unexpected character {text[pos]!r}", line, pos - line_start + 1)
        kind = match.lastgroup or ""
        column = pos - line_start + 1
        if kind == "newline":
            tokens.append(Token("newline", "\n", column, line))
            line, line_start = line + 1, match.end()
        elif kind != "space":
            word = match.group()
            if kind == "name" and word in _KEYWORDS:
                kind = "keyword"
            tokens.append(Token(kind, word, column, line))
        pos = match.end()
    tokens.append(Token("end", "", pos - line_start + 1, line))
    return tokens


# ---------------------------------------------------------------- tree


@dataclass(frozen=True, slots=True)
class Literal:
    value: float | bool
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Not:
    operand: Expr
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Expr
    right: Expr
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Call:
    function: str
    args: tuple[Expr, ...]
    line: int = 1
    column: int = 1


Expr = Literal | Name | Not | Binary | Call


@dataclass(frozen=True, slots=True)
class Assign:
    """One effect statement: ``target op value`` with op one of ``=``, ``+=``, ``-=``."""

    target: str
    op: str
    value: Expr
    line: int = 1
    column: int = 1


Effect = tuple[Assign, ...]


# ---------------------------------------------------------------- parser


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.pos = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def at(self, *texts: str) -> bool:
        return self.token.kind in ("op", "keyword") and self.token.text in texts

    def fail(self, message: str, token: Token | None = None) -> ExpressionError:
        token = token or self.token
        return ExpressionError(message, token.line, token.column)

    def expect(self, text: str) -> Token:
        if not self.at(text):
            raise self.fail(f"expected {text!r} but found {_describe(self.token)}")
        return self.advance()

    def skip_newlines(self) -> None:
        while self.token.kind == "newline":
            self.advance()

    # expressions never span lines except inside parentheses
    def expression(self) -> Expr:
        return self.or_()

    def or_(self) -> Expr:
        left = self.and_()
        while self.at("or"):
            tok = self.advance()
            left = Binary("or", left, self.and_(), tok.line, tok.column)
        return left

    def and_(self) -> Expr:
        left = self.not_()
        while self.at("and"):
            tok = self.advance()
            left = Binary("and", left, self.not_(), tok.line, tok.column)
        return left

    def not_(self) -> Expr:
        if self.at("not"):
            tok = self.advance()
            return Not(self.not_(), tok.line, tok.column)
        return self.compare()

    def compare(self) -> Expr:
        left = self.sum()
        if self.at("<", "<=", ">", ">=", "==", "!="):
            tok = self.advance()
            left = Binary(tok.text, left, self.sum(), tok.line, tok.column)
            if self.at("<", "<=", ">", ">=", "==", "!="):
                raise self.fail("comparisons cannot be chained; join them with 'and'")
        elif self.at("="):
            raise self.fail("use '==' to compare; '=' only assigns in effects")
        return left

    def sum(self) -> Expr:
        left = self.product()
        while self.at("+", "-"):
            tok = self.advance()
            left = Binary(tok.text, left, self.product(), tok.line, tok.column)
        return left

    def product(self) -> Expr:
        left = self.unary()
        while self.at("*", "/"):
            tok = self.advance()
            left = Binary(tok.text, left, self.unary(), tok.line, tok.column)
        return left

    def unary(self) -> Expr:
        if self.at("-"):
            tok = self.advance()
            return Binary(
                "-", Literal(0.0, tok.line, tok.column), self.unary(), tok.line, tok.column
            )
        return self.atom()

    def atom(self) -> Expr:
        tok = self.token
        if tok.kind == "number":
            self.advance()
            return Literal(float(tok.text), tok.line, tok.column)
        if tok.kind == "keyword" and tok.text in ("true", "false"):
            self.advance()
            return Literal(tok.text == "true", tok.line, tok.column)
        if tok.kind == "name":
            self.advance()
            if self.at("("):
                self.advance()
                args = [self.expression()]
                while self.at(","):
                    self.advance()
                    args.append(self.expression())
                self.expect(")")
                return Call(tok.text, tuple(args), tok.line, tok.column)
            return Name(tok.text, tok.line, tok.column)
        if self.at("("):
            self.advance()
            inner = self.expression()
            self.expect(")")
            return inner
        raise self.fail(f"expected a value but found {_describe(tok)}")

    def statement(self) -> Assign:
        tok = self.token
        if tok.kind != "name":
            raise self.fail(f"an effect starts with a name to change, not {_describe(tok)}")
        self.advance()
        if not self.at("=", "+=", "-="):
            raise self.fail(f"expected '=', '+=' or '-=' after {tok.text!r}")
        op = self.advance().text
        return Assign(tok.text, op, self.expression(), tok.line, tok.column)


def _describe(token: Token) -> str:
    if token.kind == "end":
        return "the end of the expression"
    if token.kind == "newline":
        return "the end of the line"
    return repr(token.text)


def parse_expr(text: str) -> Expr:
    """Parse one expression. Raises ExpressionError with line and column."""
    parser = _Parser(text)
    parser.skip_newlines()
    if parser.token.kind == "end":
        raise parser.fail("the expression is empty")
    expr = parser.expression()
    parser.skip_newlines()
    if parser.token.kind != "end":
        raise parser.fail(f"unexpected {_describe(parser.token)} after a complete expression")
    return expr


def parse_effects(text: str) -> Effect:
    """Parse effect statements separated by newlines or ';'."""
    parser = _Parser(text)
    statements: list[Assign] = []
    while True:
        while parser.token.kind == "newline" or parser.at(";"):
            parser.advance()
        if parser.token.kind == "end":
            break
        statements.append(parser.statement())
        if parser.token.kind not in ("newline", "end") and not parser.at(";"):
            raise parser.fail(
                f"unexpected {_describe(parser.token)}; "
                "put each effect on its own line or separate them with ';'"
            )
    return tuple(statements)


# ---------------------------------------------------------------- checking


@dataclass(frozen=True)
class Namespace:
    """The names a campaign declares, for checking expressions."""

    kinds: Mapping[str, NameKind]

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


def _want(expr: Expr, wanted: Type, names: Namespace, where: str) -> None:
    found = check_type(expr, names)
    if found is not wanted:
        line, column = expr.line, expr.column
        raise ExpressionError(
            f"{where} needs a {wanted.value} value, not a {found.value}", line, column
        )


def check_effects(effects: Effect, names: Namespace) -> None:
    for statement in effects:
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
        elif isinstance(expr, Call):
            for arg in expr.args:
                visit(arg)

    if isinstance(node, tuple):
        for statement in node:
            visit(statement.value)
    else:
        visit(node)
    return found


# ---------------------------------------------------------------- compiling


class Scope:
    """What compiled code reads and writes: number values, flags and built-ins."""

    __slots__ = ("builtins", "flags", "values")

    def __init__(
        self, values: dict[str, int], flags: set[str], builtins: Mapping[str, int]
    ) -> None:
        self.values = values
        self.flags = flags
        self.builtins = builtins


Evaluate = Callable[[Scope], "float | bool"]

_ARITHMETIC: dict[str, Callable[[float, float], float | bool]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": lambda a, b: a / b if b else 0.0,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def _clamp(x: float, low: float, high: float) -> float:
    return max(low, min(high, x))


_FUNCTIONS: dict[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs, "clamp": _clamp}


def compile_expr(expr: Expr, names: Namespace) -> Evaluate:
    """Turn a checked tree into a closure over a Scope. Division by zero gives 0."""
    if isinstance(expr, Literal):
        value = expr.value
        return lambda scope: value
    if isinstance(expr, Name):
        key, kind = expr.name, names.kinds[expr.name]
        if kind is NameKind.FLAG:
            return lambda scope: key in scope.flags
        if kind is NameKind.BUILTIN:
            return lambda scope: scope.builtins[key]
        return lambda scope: scope.values[key]
    if isinstance(expr, Not):
        operand = compile_expr(expr.operand, names)
        return lambda scope: not operand(scope)
    if isinstance(expr, Call):
        function = _FUNCTIONS[expr.function]
        args = [compile_expr(arg, names) for arg in expr.args]
        return lambda scope: function(*(arg(scope) for arg in args))
    left = compile_expr(expr.left, names)
    right = compile_expr(expr.right, names)
    # both sides are checked to be true/false, so 'and' and 'or' give true/false
    if expr.op == "and":
        return lambda scope: left(scope) and right(scope)
    if expr.op == "or":
        return lambda scope: left(scope) or right(scope)
    operation = _ARITHMETIC[expr.op]
    # The common shapes (a quality against a number, say) read their leaves directly,
    # saving a call per leaf; the result is the same.
    left_key, right_key = _value_name(expr.left, names), _value_name(expr.right, names)
    if left_key is not None and isinstance(expr.right, Literal):
        constant = expr.right.value
        return lambda scope: operation(scope.values[left_key], constant)
    if left_key is not None and right_key is not None:
        return lambda scope: operation(scope.values[left_key], scope.values[right_key])
    if left_key is not None:
        return lambda scope: operation(scope.values[left_key], right(scope))
    if isinstance(expr.right, Literal):
        constant = expr.right.value
        return lambda scope: operation(left(scope), constant)
    return lambda scope: operation(left(scope), right(scope))


def _value_name(expr: Expr, names: Namespace) -> str | None:
    """The name, if ``expr`` is a quality or a faction (read from ``Scope.values``)."""
    if isinstance(expr, Name) and names.kinds[expr.name] in (NameKind.QUALITY, NameKind.FACTION):
        return expr.name
    return None


Apply = Callable[[Scope], None]


def compile_effects(
    effects: Effect, names: Namespace, ranges: Mapping[str, tuple[int, int]]
) -> Apply:
    """Compile effect statements into one closure that changes a Scope in place.

    Number results are rounded half to even and kept within the target's range.
    """
    additions = _literal_additions(effects, names, ranges)
    if additions is not None and len(additions) > 1:  # "a += 2; b -= 1": one loop, no calls

        def add_all(scope: Scope) -> None:
            values = scope.values
            for target, step, low, high in additions:
                result = round(values[target] + step)
                values[target] = high if result > high else low if result < low else result

        return add_all
    steps: list[Callable[[Scope], None]] = [
        _compile_statement(statement, names, ranges) for statement in effects
    ]
    if len(steps) == 1:
        return steps[0]

    def apply(scope: Scope) -> None:
        for step in steps:
            step(scope)

    return apply


def _literal_additions(
    effects: Effect, names: Namespace, ranges: Mapping[str, tuple[int, int]]
) -> tuple[tuple[str, float, int, int], ...] | None:
    """(target, amount, low, high) for each statement, if every one adds or takes away
    a number to a quality or faction; None otherwise."""
    additions = []
    for statement in effects:
        value = statement.value
        if (
            statement.op == "="
            or names.kinds[statement.target] is NameKind.FLAG
            or not isinstance(value, Literal)
        ):
            return None
        amount = float(value.value)
        low, high = ranges[statement.target]
        additions.append((statement.target, amount if statement.op == "+=" else -amount, low, high))
    return tuple(additions)


def _compile_statement(
    statement: Assign, names: Namespace, ranges: Mapping[str, tuple[int, int]]
) -> Callable[[Scope], None]:
    target = statement.target
    value = compile_expr(statement.value, names)
    if names.kinds[target] is NameKind.FLAG:

        def set_flag(scope: Scope) -> None:
            if value(scope):
                scope.flags.add(target)
            else:
                scope.flags.discard(target)

        return set_flag
    low, high = ranges[target]
    op = statement.op
    if isinstance(statement.value, Literal):  # the common "democracy += 5"
        amount = float(statement.value.value)
        if op == "=":
            fixed = min(high, max(low, round(amount)))

            def set_value(scope: Scope) -> None:
                scope.values[target] = fixed

            return set_value
        step = amount if op == "+=" else -amount

        def add_literal(scope: Scope) -> None:
            values = scope.values
            result = round(values[target] + step)
            values[target] = high if result > high else low if result < low else result

        return add_literal

    def assign(scope: Scope) -> None:
        result = float(value(scope))
        if op == "+=":
            result = scope.values[target] + result
        elif op == "-=":
            result = scope.values[target] - result
        scope.values[target] = min(high, max(low, round(result)))

    return assign


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

"""Text to tree: the tokens and the parser of expressions and effects."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..errors import ExpressionError
from .tree import ASSIGNMENTS, Assign, Binary, Call, Effect, Expr, Literal, Name, Not

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\r]+)
  | (?P<newline>\n)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\+%=|-%=|\+=|-=|<=|>=|==|!=|[-+*/<>=(),;])
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


# How deep an expression may nest (parentheses, 'not', operators inside one another):
# far above what a writer needs (the bundled campaign's deepest is 8), and low enough
# that nothing which walks a tree, in the engine or in the tools, runs out of stack.
MAX_DEPTH = 48

# How many names, numbers and signs one expression or effect text may have.
MAX_PARTS = 1000


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _joined_lines(tokenize(text))
        self.pos = 0
        self.nesting = 0

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

    # An expression ends at the end of a line, except inside parentheses, where
    # it may go on over several lines (the tokens drop those line ends).
    def expression(self) -> Expr:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise self.fail(f"the expression nests too deep: the most is {MAX_DEPTH} levels")
        expr = self.or_()
        self.nesting -= 1
        return expr

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
        nots = []
        while self.at("not"):
            nots.append(self.advance())
        expr = self.compare()
        for tok in reversed(nots):
            expr = Not(expr, tok.line, tok.column)
        return expr

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
        signs = []
        while self.at("-"):
            signs.append(self.advance())
        expr = self.atom()
        for tok in reversed(signs):
            expr = Binary("-", Literal(0.0, tok.line, tok.column), expr, tok.line, tok.column)
        return expr

    def atom(self) -> Expr:
        tok = self.token
        if tok.kind == "number":
            self.advance()
            value = float(tok.text)
            if value == math.inf:
                raise self.fail(f"the number {_shortened(tok.text)} is too large", tok)
            return Literal(value, tok.line, tok.column)
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
        if self.at("("):
            return self.people_statement(tok)
        if not self.at(*ASSIGNMENTS):
            raise self.fail(f"expected '=', '+=', '-=', '+%=' or '-%=' after {tok.text!r}")
        op = self.advance().text
        return Assign(tok.text, op, _shallow(self.expression()), tok.line, tok.column)

    def people_statement(self, tok: Token) -> Assign:
        """``trust(radek) += 1`` or ``appoint(frunze, war_commissar)``: the arguments,
        then an operator and a value unless the effect stands on its own."""
        self.expect("(")
        args = [self.expression()]
        while self.at(","):
            self.advance()
            args.append(self.expression())
        self.expect(")")
        if not self.at(*ASSIGNMENTS):
            return Assign(tok.text, "", Literal(True), tok.line, tok.column, tuple(args))
        op = self.advance().text
        return Assign(tok.text, op, _shallow(self.expression()), tok.line, tok.column, tuple(args))


def _joined_lines(tokens: list[Token]) -> list[Token]:
    """The tokens without the line ends that fall inside parentheses; refuses a text
    with more than ``MAX_PARTS`` parts."""
    kept: list[Token] = []
    depth = parts = 0
    for token in tokens:
        if token.kind == "newline" and depth > 0:
            continue
        if token.kind not in ("newline", "end"):
            parts += 1
            if parts > MAX_PARTS:
                raise ExpressionError(
                    f"the expression is too long: more than {MAX_PARTS} names, numbers and signs",
                    token.line,
                    token.column,
                )
        if token.kind == "op" and token.text == "(":
            depth += 1
        elif token.kind == "op" and token.text == ")":
            depth = max(0, depth - 1)
        kept.append(token)
    return kept


def depth_of(expr: Expr) -> tuple[int, Expr]:
    """How deep ``expr`` nests (a name or a number is 1), and its deepest node.

    Walks with a list of its own rather than by recursion, so any tree can be measured."""
    deepest, node_at = 0, expr
    stack: list[tuple[Expr, int]] = [(expr, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest, node_at = depth, node
        if isinstance(node, Not):
            stack.append((node.operand, depth + 1))
        elif isinstance(node, Binary):
            stack.append((node.left, depth + 1))
            stack.append((node.right, depth + 1))
        elif isinstance(node, Call):
            stack.extend((arg, depth + 1) for arg in node.args)
    return deepest, node_at


def _shallow(expr: Expr) -> Expr:
    """``expr``, if it nests no deeper than ``MAX_DEPTH``."""
    depth, deepest = depth_of(expr)
    if depth > MAX_DEPTH:
        raise ExpressionError(
            f"the expression nests {depth} levels deep; the most is {MAX_DEPTH}",
            deepest.line,
            deepest.column,
        )
    return expr


def _shortened(text: str) -> str:
    return text if len(text) <= 12 else f"{text[:6]}…{text[-3:]} ({len(text)} digits)"


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
    expr = _shallow(parser.expression())
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

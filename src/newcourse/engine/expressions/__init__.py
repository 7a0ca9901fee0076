"""The expression language of conditions, weights and effects.

Text is tokenised and parsed once, when a campaign loads, into a small tree of
frozen nodes. The tree is type-checked against the names a campaign declares
and then compiled into plain Python functions, so running a condition during play
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
    statement := NAME ("=" | "+=" | "-=" | "+%=" | "-%=") expr

One job a part: ``tree`` (the nodes and the kinds of names), ``parser`` (text
to tree), ``checking`` (types against a campaign's names), ``compiling`` (an
expression's tree to closures), ``generating`` (a tree of operators to one
function), ``effecting`` (effect statements to the code that runs them) and
``writing`` (tree back to text).
"""

from __future__ import annotations

from .checking import Namespace, check_effects, check_type, names_in
from .compiling import Apply, Evaluate, Scope, compile_expr
from .effecting import compile_effects
from .parser import Token, parse_effects, parse_expr, tokenize
from .tree import (
    BUILTINS,
    FUNCTIONS,
    Assign,
    Binary,
    Call,
    Effect,
    Expr,
    Literal,
    Name,
    NameKind,
    Not,
    Type,
)
from .writing import describe, describe_effects

__all__ = [
    "BUILTINS",
    "FUNCTIONS",
    "Apply",
    "Assign",
    "Binary",
    "Call",
    "Effect",
    "Evaluate",
    "Expr",
    "Literal",
    "Name",
    "NameKind",
    "Namespace",
    "Not",
    "Scope",
    "Token",
    "Type",
    "check_effects",
    "check_type",
    "compile_effects",
    "compile_expr",
    "describe",
    "describe_effects",
    "names_in",
    "parse_effects",
    "parse_expr",
    "tokenize",
]

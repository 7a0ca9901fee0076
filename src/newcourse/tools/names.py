"""A campaign's names, for tools that compile their own expressions (targets, filters)."""

from __future__ import annotations

from ..engine.expressions import (
    BUILTINS,
    Evaluate,
    NameKind,
    Namespace,
    Type,
    check_type,
    compile_expr,
    parse_expr,
)
from ..engine.model import Campaign

__all__ = ["compile_number", "namespace_of"]


def namespace_of(campaign: Campaign) -> Namespace:
    """Every name an expression of this campaign may use, with its kind."""
    kinds: dict[str, NameKind] = {name: NameKind.BUILTIN for name in BUILTINS}
    kinds.update({name: NameKind.QUALITY for name in campaign.qualities})
    kinds.update({name: NameKind.FACTION for name in campaign.factions})
    kinds.update({name: NameKind.FLAG for name in campaign.flags})
    return Namespace(kinds)


def compile_number(campaign: Campaign, text: str) -> Evaluate:
    """Parse, check and compile ``text`` as a score: a number (a condition counts 1 or 0).

    Raises:
        ExpressionError: the text does not parse or names something the campaign lacks.
    """
    names = namespace_of(campaign)
    tree = parse_expr(text)
    kind = check_type(tree, names)
    compiled = compile_expr(tree, names)
    if kind is Type.BOOL:
        return lambda scope: 1.0 if compiled(scope) else 0.0
    return compiled

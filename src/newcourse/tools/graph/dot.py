"""Writing the graph as Graphviz DOT text, and SVG through the ``dot`` program.

Left to right in time: one column (cluster) per quarter, in order (invisible
anchors keep the order); world rules and the quality hubs first, endings last.
Links do not move nodes between columns (``constraint=false``). Events are small tables whose rows
are their options, so a link starts at the option that makes it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from html import escape

from ...engine.calendar import Quarter
from .build import Edge, Graph, Node, is_weight

__all__ = ["GraphvizMissing", "draw", "to_dot", "to_svg"]

_FONT = "Helvetica"
_EDGE_COLOURS = {"moves": "#7f7f7f", "summary": "#6a5acd"}


class GraphvizMissing(RuntimeError):
    """The ``dot`` program is not installed."""


def _q(text: str) -> str:
    """A quoted DOT string. Backslashes pass through: ``\\n`` is a line break."""
    return '"' + text.replace('"', '\\"') + '"'


def _plain(text: str) -> str:
    """Prose for a quoted DOT string: its own backslashes are kept as backslashes."""
    return text.replace("\\", "\\\\")


def _short(text: str, size: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _event_label(node: Node) -> str:
    rows = [
        f'<tr><td align="left"><b>{escape(_short(node.label, 40))}</b></td></tr>',
        f'<tr><td align="left"><font point-size="7" color="#555555">{escape(node.id)} · '
        f"{escape(node.detail)}</font></td></tr>",
    ]
    for option_id, text, historical in node.ports:
        mark = " ★" if historical else ""
        rows.append(
            f'<tr><td port="{escape(option_id)}" align="left" bgcolor="#ffffff">'
            f'<font point-size="8">{escape(option_id)}{mark}</font> '
            f'<font point-size="7" color="#777777">{escape(_short(text, 36))}</font></td></tr>'
        )
    table = "".join(rows)
    return (
        '<<table border="1" cellborder="0" cellspacing="0" cellpadding="2" '
        f'bgcolor="#fffaf0" color="#8b4513">{table}</table>>'
    )


def _node(node: Node) -> str:
    if node.kind == "event":
        return f"{_q(node.id)} [shape=plaintext, label={_event_label(node)}];"
    if node.kind == "ending":
        label = f"{_plain(_short(node.label, 30))}\\n{_plain(_short(node.detail, 40))}"
        return (
            f'{_q(node.id)} [shape=doubleoctagon, style=filled, fillcolor="#e6f2e6", '
            f"label={_q(label)}];"
        )
    if node.kind == "rule":
        label = f"{_plain(node.label)}\\n{_plain(_short(node.detail, 40))}"
        return f"{_q(node.id)} [shape=component, label={_q(label)}];"
    colour = "#dbe9f6" if node.id.endswith(".up") else "#f6dbdb"
    return (
        f'{_q(node.id)} [shape=ellipse, style=filled, fillcolor="{colour}", '
        f"label={_q(node.label)}, tooltip={_q(node.detail)}];"
    )


def _end(node: str, port: str | None, compass: str) -> str:
    return f"{_q(node)}:{_q(port)}:{compass}" if port is not None else _q(node)


def _edge(edge: Edge) -> str:
    attributes = []
    if edge.label:
        # an xlabel is placed after the layout, so labels never stretch the columns
        attributes.append(f"xlabel={_q(edge.label)}, tooltip={_q(edge.kind)}")
    if is_weight(edge):
        attributes.append("style=dashed")
    colour = _EDGE_COLOURS.get(edge.kind)
    if colour:
        attributes.append(f'color="{colour}"')
    attributes.append("constraint=false")  # the columns are the calendar, not the links
    body = f" [{', '.join(attributes)}]"
    return (
        f"{_end(edge.tail, edge.tail_port, 'e')} -> {_end(edge.head, edge.head_port, 'w')}{body};"
    )


COLUMN = 7  # nodes in one column of a cluster before it wraps to the next


def _lines(graph: Graph) -> Iterator[str]:
    yield "digraph campaign {"
    yield (
        f"  graph [rankdir=LR, fontname={_q(_FONT)}, fontsize=12, "
        f"nodesep=0.12, ranksep=0.9, labelloc=t, label={_q(_plain(graph.title))}];"
    )
    yield f"  node [fontname={_q(_FONT)}, fontsize=9];"
    yield f'  edge [fontname={_q(_FONT)}, fontsize=7, arrowsize=0.5, color="#444444"];'
    quarters: dict[Quarter, list[Node]] = {}
    others: dict[str, list[Node]] = {"rule": [], "ending": [], "hub": []}
    for node in graph.nodes.values():
        if node.kind == "event" and node.quarter is not None:
            quarters.setdefault(node.quarter, []).append(node)
        else:
            others[node.kind].append(node)
    groups: list[tuple[str, str, list[Node]]] = []
    if others["rule"]:
        groups.append(("rules", "World rules (every turn)", others["rule"]))
    if others["hub"]:
        groups.append(("qualities", "Qualities (↑ raised, ↓ lowered)", others["hub"]))
    for quarter in sorted(quarters):
        # set pieces by date first, then storylets and recurring events
        nodes = sorted(quarters[quarter], key=lambda n: (not n.detail[:1].isdigit(), n.detail))
        groups.append((f"q{quarter.year}_{quarter.number}", str(quarter), nodes))
    if others["ending"]:
        groups.append(("endings", "Endings", others["ending"]))
    anchors: list[str] = []
    for name, label, nodes in groups:
        yield from _column_group(name, label, nodes, anchors)
    for before, after in itertools.pairwise(anchors):
        yield f"  {_q(before)} -> {_q(after)} [style=invis, weight=100];"
    for edge in graph.edges:
        yield f"  {_edge(edge)}"
    yield "}"


def _column_group(name: str, label: str, nodes: list[Node], anchors: list[str]) -> Iterator[str]:
    """A group (a quarter, the endings...) as columns of at most COLUMN nodes, each
    headed by an anchor on the same rank; the first anchor shows the group's label.

    (Columns, not Graphviz clusters: clusters with free links trip up ``dot``.)
    """
    for start in range(0, len(nodes), COLUMN):
        column = nodes[start : start + COLUMN]
        anchor = f"column.{name}.{start // COLUMN}"
        anchors.append(anchor)
        if start == 0:
            yield (
                f'  {_q(anchor)} [shape=box, style=filled, fillcolor="#eeeeee", '
                f'color="#cccccc", fontsize=11, label={_q(_plain(label))}];'
            )
        else:
            yield f'  {_q(anchor)} [shape=point, style=invis, width=0, height=0, label=""];'
        for node in column:
            yield f"  {_node(node)}"
        same = "; ".join(_q(key) for key in [anchor, *(node.id for node in column)])
        yield f"  {{rank=same; {same}}}"


def to_dot(graph: Graph) -> str:
    return "\n".join(_lines(graph)) + "\n"


def to_svg(graph: Graph) -> str:
    """Lay the graph out as SVG with Graphviz's ``dot``. Raises GraphvizMissing if it is absent."""
    return draw(graph, "svg").decode("utf-8")


def draw(graph: Graph, form: str) -> bytes:
    """Lay the graph out with Graphviz's ``dot`` as ``form`` (svg, png, pdf).

    Raises:
        GraphvizMissing: the ``dot`` program is not installed.
    """
    import graphviz  # type: ignore[import-untyped]

    try:
        result: bytes = graphviz.Source(to_dot(graph)).pipe(format=form)
    except graphviz.ExecutableNotFound:
        raise GraphvizMissing(
            f"drawing {form.upper()} needs the 'dot' program of Graphviz, which is not installed "
            "(Debian: apt-get install graphviz); DOT text (-o FILE.dot) works without it"
        ) from None
    return result

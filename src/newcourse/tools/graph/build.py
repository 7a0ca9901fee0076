"""The campaign as a graph, found from its conditions and effects, never from explicit links.

Nodes are events (with their options as ports), world rules, endings, and one
hub per quality (or faction) and direction: ``democracy ↑`` gathers every
effect that raises democracy and points at every condition that a higher
democracy helps to make true (and every weight it raises). Flags are linked
directly: an option that sets ``published`` points at what needs ``published``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ...engine.calendar import Quarter
from ...engine.model import Campaign, Condition, Event, Option, Weight
from .polarity import Direction, moves, needs, raises

__all__ = ["Edge", "Graph", "Node", "build_graph"]


@dataclass(frozen=True)
class Node:
    id: str
    kind: str  # event | rule | ending | hub
    label: str
    detail: str = ""  # a date, a window, a condition
    quarter: Quarter | None = None  # events: the first quarter they can fire in
    years: tuple[int, int] | None = None  # events: the years they can fire in
    ports: tuple[tuple[str, str, bool], ...] = ()  # options: (id, text, historical)
    name: str | None = None  # hubs: the quality or faction


@dataclass(frozen=True)
class Edge:
    tail: str
    head: str
    tail_port: str | None = None
    head_port: str | None = None
    kind: str = "when"  # option | when | if | requires | weight | odds | swing | summary | moves
    name: str | None = None  # the flag or quality the link is about
    label: str = ""


@dataclass
class Graph:
    title: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def add(self, node: Node) -> None:
        self.nodes[node.id] = node


Endpoint = tuple[str, str | None]  # node id, option port

_WEIGHT_KINDS = frozenset({"weight", "odds", "swing"})


def hub_id(name: str, direction: int) -> str:
    return f"q.{name}.{'up' if direction > 0 else 'down'}"


def build_graph(campaign: Campaign, weights: bool = False) -> Graph:
    """The graph of ``campaign``. Links through weights (storylet weights, outcome odds,
    vote swings: what makes something *likelier*) are left out unless ``weights``."""
    graph = Graph(campaign.title)
    flags = frozenset(campaign.flags)
    producers: dict[Direction, list[Endpoint]] = {}
    consumers: dict[Direction, list[tuple[Endpoint, str]]] = {}

    def produce(end: Endpoint, directions: Iterable[Direction]) -> None:
        for direction in directions:
            producers.setdefault(direction, []).append(end)

    def consume(end: Endpoint, kind: str, directions: Iterable[Direction]) -> None:
        for direction in directions:
            consumers.setdefault(direction, []).append((end, kind))

    def condition(end: Endpoint, kind: str, cond: Condition | None) -> None:
        if cond is not None:
            consume(end, kind, needs(cond.tree))

    def weight(end: Endpoint, kind: str, value: Weight | None) -> None:
        if value is not None and weights:
            consume(end, kind, raises(value.tree))

    for event in campaign.events.values():
        graph.add(_event_node(campaign, event))
        condition((event.id, None), "when", event.when)
        weight((event.id, None), "weight", event.weight)
        for option in event.options:
            end = (event.id, option.id)
            produce(end, _option_moves(option, flags, campaign))
            condition(end, "if", option.visible)
            condition(end, "requires", option.requires)
            for outcome in option.outcomes:
                weight(end, "odds", outcome.weight)
            if option.vote is not None:
                weight(end, "swing", option.vote.swing)
    for rule in campaign.rules:
        node = Node(f"rule.{rule.id}", "rule", rule.id, rule.when.text if rule.when else "")
        graph.add(node)
        produce((node.id, None), moves(rule.effects.statements, flags, campaign.ranges))
        condition((node.id, None), "when", rule.when)
    for ending in campaign.endings:
        node = Node(
            f"ending.{ending.id}", "ending", ending.title, ending.when.text if ending.when else ""
        )
        graph.add(node)
        condition((node.id, None), "when", ending.when)
        for line in ending.summary:
            condition((node.id, None), "summary", line.when)
    _link(graph, campaign, flags, producers, consumers)
    return graph


def _option_moves(option: Option, flags: frozenset[str], campaign: Campaign) -> set[Direction]:
    found: set[Direction] = set()
    results = list(option.outcomes)
    if option.vote is not None:
        results += [option.vote.passed, option.vote.failed]
    for effects in [option.effects, *(r.effects for r in results)]:
        if effects is not None:
            found |= moves(effects.statements, flags, campaign.ranges)
    return found


def _link(
    graph: Graph,
    campaign: Campaign,
    flags: frozenset[str],
    producers: dict[Direction, list[Endpoint]],
    consumers: dict[Direction, list[tuple[Endpoint, str]]],
) -> None:
    for direction in sorted(set(producers) | set(consumers)):
        name, sign = direction
        made, used = producers.get(direction, []), consumers.get(direction, [])
        if name in flags:
            label = name if sign > 0 else f"not {name}"
            for (tail, tail_port), ((head, head_port), kind) in (
                (p, c) for p in made for c in used
            ):
                graph.edges.append(Edge(tail, head, tail_port, head_port, kind, name, label))
            continue
        if not used:
            continue  # a change nothing depends on links to nothing
        hub = hub_id(name, sign)
        graph.add(
            Node(hub, "hub", f"{name} {'↑' if sign > 0 else '↓'}", campaign.label(name), name=name)
        )
        for tail, tail_port in made:
            graph.edges.append(Edge(tail, hub, tail_port, None, "moves", name))
        for (head, head_port), kind in used:
            graph.edges.append(Edge(hub, head, None, head_port, kind, name))


def _event_node(campaign: Campaign, event: Event) -> Node:
    first, last = event.window
    if event.date is not None:
        detail = event.date.isoformat()
    elif first == last:
        detail = str(first)
    else:
        detail = f"{first} – {last}"
    if event.recurring:
        detail += ", every turn"
    ports = tuple((o.id, o.text, o.historical) for o in event.options)
    return Node(event.id, "event", event.title, detail, first, (first.year, last.year), ports)


def is_weight(edge: Edge) -> bool:
    return edge.kind in _WEIGHT_KINDS

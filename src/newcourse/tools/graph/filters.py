"""Cutting the graph down: to the events of some years, or to some names."""

from __future__ import annotations

from collections.abc import Collection

from .build import Graph

__all__ = ["by_names", "by_years"]


def by_years(graph: Graph, years: Collection[int]) -> Graph:
    """Only the events that can fire in ``years``, and what links to them."""
    wanted = set(years)
    dropped = {
        node.id
        for node in graph.nodes.values()
        if node.kind == "event"
        and node.years is not None
        and not any(node.years[0] <= y <= node.years[1] for y in wanted)
    }
    edges = [e for e in graph.edges if e.tail not in dropped and e.head not in dropped]
    linked = {e.tail for e in edges} | {e.head for e in edges}
    nodes = {
        key: node
        for key, node in graph.nodes.items()
        if key not in dropped and (node.kind == "event" or key in linked)
    }
    # a hub left with only one side explains nothing
    edges = [e for e in edges if e.tail in nodes and e.head in nodes]
    return Graph(graph.title, nodes, edges)


def by_names(graph: Graph, names: Collection[str]) -> Graph:
    """Only the links about ``names`` (qualities, factions or flags) and their ends."""
    wanted = set(names)
    edges = [e for e in graph.edges if e.name in wanted]
    linked = {e.tail for e in edges} | {e.head for e in edges}
    nodes = {key: node for key, node in graph.nodes.items() if key in linked}
    return Graph(graph.title, nodes, edges)

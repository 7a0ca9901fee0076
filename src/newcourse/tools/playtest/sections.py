"""The balance measures of a report as tables, the same in every format.

Each ``Section`` is a title, a sentence on what it shows, a header and rows of
text; the terminal, Markdown and HTML renderers lay them out each in their way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Section", "measure_sections", "percent", "share_cells"]


@dataclass(frozen=True)
class Section:
    """One table of the report."""

    title: str
    about: str
    head: list[str]
    rows: list[list[str]] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.1%}"


def share_cells(figure: dict[str, Any]) -> list[str]:
    """A count with its share and 95% interval, as three cells."""
    low, high = figure["ci95"]
    return [f"{figure['count']:,}", percent(figure["share"]), f"{low:.1%}–{high:.1%}"]


def _dead(row: dict[str, Any]) -> str:
    return "DEAD" if row["dead"] else ""


def measure_sections(data: dict[str, Any]) -> list[Section]:
    """The tables of ``data["measures"]``: endings by kind, tracks, rules, flags, ideas,
    and the systems the campaign has (clocks and levels, people, minorities, elections)."""
    measures = data.get("measures")
    if not measures or not data["games"]:
        return []
    kinds = Section(
        "Endings by kind",
        "The share of games ending in each kind of ending, as endings.yaml marks them.",
        ["kind", "games", "share", "95% CI"],
        [[kind, *share_cells(figure)] for kind, figure in measures["kinds"].items()],
        frozenset({1, 2, 3}),
    )
    tracks = Section(
        "Tracks that move",
        "The games in which each shown quality and faction (by its share of the delegates) "
        "left ±5 of its start (5 in a hundred of its range); DEAD below a quarter of the games.",
        ["track", "kind", "start", "games", "share", "95% CI", ""],
        [
            [t["name"], t["kind"], str(t["start"]), *share_cells(t["moved"]), _dead(t)]
            for t in measures["tracks"]
        ],
        frozenset({2, 3, 4, 5}),
    )
    rules = Section(
        "World rules",
        "The games in which each world rule applied at least once; DEAD below 1%.",
        ["rule", "games", "share", "95% CI", ""],
        [[r["id"], *share_cells(r["applied"]), _dead(r)] for r in measures["rules"]],
        frozenset({1, 2, 3}),
    )
    flags = Section(
        "Flags",
        "The games that set each flag, and whether anything the player sees depends on it "
        "(an event's or option's condition, odds, an ending, a summary line, a headline, a "
        "world rule with news); DEAD when set but never seen.",
        ["flag", "games", "share", "95% CI", "seen", ""],
        [
            [f["name"], *share_cells(f["set"]), "yes" if f["seen"] else "no", _dead(f)]
            for f in measures["flags"]
        ],
        frozenset({1, 2, 3}),
    )
    return [kinds, tracks, rules, flags, _ideas(measures), *_systems(measures)]


def _systems(measures: dict[str, Any]) -> list[Section]:
    """The tables of the campaign's systems, each only when the campaign has it."""
    systems = measures.get("systems")
    if not systems:
        return []
    found = []
    if systems["clocks"] or systems["levels"]:
        rows = [[c["label"], "fills", "", *share_cells(c["filled"])] for c in systems["clocks"]]
        rows += [
            [lv["label"], lv["level"], percent(lv["reached"]["share"]), *share_cells(lv["at_end"])]
            for lv in systems["levels"]
        ]
        found.append(
            Section(
                "Clocks and levels",
                "The games in which each shown clock filled at least once, and for each named "
                "level of a quality the share of games that reached it and the games that "
                "ended at it.",
                ["track", "level", "reached", "games", "share", "95% CI"],
                rows,
                frozenset({2, 3, 4, 5}),
            )
        )
    if systems["people"]:
        statuses = sorted({s for p in systems["people"] for s in p["at_end"]})
        found.append(
            Section(
                "People at the end",
                "How many games ended with each person in each status; "
                f"{systems['capitulations_per_game']:.2f} capitulations a game.",
                ["person", *statuses],
                [
                    [p["name"], *(f"{p['at_end'].get(s, 0):,}" for s in statuses)]
                    for p in systems["people"]
                ],
                frozenset(range(1, len(statuses) + 1)),
            )
        )
    if systems["minorities"]:
        found.append(
            Section(
                "Minorities",
                "For each vote with a minority, the times it was lost and the times the "
                "minority still reached its threshold.",
                ["vote", "at", "lost", "reached", "share"],
                [
                    [
                        f"{m['event']}/{m['option']}",
                        f"{m['at']}%",
                        f"{m['lost']:,}",
                        f"{m['reached']:,}",
                        percent(m["share"]),
                    ]
                    for m in systems["minorities"]
                ],
                frozenset({1, 2, 3, 4}),
            )
        )
    if systems["elections"]:
        found.append(
            Section(
                "Elections",
                "For each stage of the delegate elections, the games that held it and the "
                "Opposition's mean share of the delegates after it.",
                ["congress", "stage", "games", "mean share"],
                [
                    [e["event"], e["label"], f"{e['games']:,}", percent(e["mean_share"])]
                    for e in systems["elections"]
                ],
                frozenset({2, 3}),
            )
        )
    return found


def _ideas(measures: dict[str, Any]) -> Section:
    rows = []
    for idea in measures["ideas"]:
        change = ", ".join(f"{k} {v:+.1f}" for k, v in idea["change"].items() if abs(v) >= 0.5)
        if not idea["in_content"]:
            change = "no option or outcome carries it"
        rows.append(
            [
                idea["idea"],
                *share_cells(idea["games"]),
                f"{idea['uses_per_game']:.2f}",
                change or "no quality moves by half a point",
            ]
        )
    history = measures["history"]
    return Section(
        "The ideas' rules",
        "How often each idea of workers' democracy was put into practice (an option or "
        "outcome tagged with it), and the mean difference at the end of each shown quality "
        "between the games that used it and those that did not (differences of half a point "
        "or more). Historical choices: "
        f"{percent(history['share'])} of {history['decisions']:,} decisions that had one.",
        ["idea", "games", "share", "95% CI", "uses a game", "what it changes"],
        rows,
        frozenset({1, 2, 3, 4}),
    )

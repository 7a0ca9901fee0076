"""The playtest report in the terminal, as rich tables."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from .sections import Section, measure_sections

__all__ = ["biggest_shift", "cut_short", "print_report", "print_section", "sample_turns"]

TERMINAL_DECISIVE = 12
TERMINAL_COLUMNS = 6


def cut_short(data: dict[str, Any]) -> str:
    """Why a report covers fewer games than asked for: "Interrupted", or the time limit."""
    return "Stopped at the time limit" if data.get("out_of_time") else "Interrupted"


def print_report(data: dict[str, Any], console: Console, elapsed: float | None = None) -> None:
    games = data["games"]
    strategy = data["strategy"]
    title = f"{data['campaign']['title']} (v{data['campaign']['version']})"
    how = strategy["name"] + (f" → {strategy['target']}" if "target" in strategy else "")
    console.print(
        f"[bold]{title}[/]: {games:,} games with strategy [bold]{how}[/], seed {data['seed']}; "
        f"{data['decisions']:,} decisions, {data['mean_decisions']:.1f} a game."
    )
    if data["interrupted"]:
        console.print(
            f"[yellow]{cut_short(data)}: the report covers the {games:,} of "
            f"{data['requested']:,} games that finished.[/]"
        )
    if not games:
        return
    console.print(_endings(data, wide=console.width >= 100))
    _coverage(data, console)
    console.print(
        _qualities(data, columns=max(2, min(TERMINAL_COLUMNS, (console.width - 50) // 14)))
    )
    if data["decisive"]:
        console.print(_decisive(data))
    for section in measure_sections(data):
        print_section(section, console)
    if elapsed:
        console.print(
            f"[dim]{elapsed:.1f} s: {games / elapsed:,.0f} games/s, "
            f"{data['decisions'] / elapsed:,.0f} decisions/s[/]"
        )


def print_section(section: Section, console: Console) -> None:
    """One table of the balance measures, its sentence above it."""
    table = Table(title=section.title, title_justify="left", caption=section.about)
    table.caption_justify = "left"
    for index, head in enumerate(section.head):
        numeric = index in section.numeric
        table.add_column(head, justify="right" if numeric else "left", no_wrap=numeric)
    for row in section.rows:
        table.add_row(*row, style="bold red" if row[-1] == "DEAD" else "")
    console.print(table)


def _endings(data: dict[str, Any], wide: bool) -> Table:
    table = Table(title="Endings", title_justify="left")
    table.add_column("ending", overflow="fold")
    if wide:
        table.add_column("title")
    table.add_column("games", justify="right", no_wrap=True)
    table.add_column("share", justify="right", no_wrap=True)
    table.add_column("95% CI", justify="right", no_wrap=True)
    if wide:
        table.add_column("", min_width=10, no_wrap=True)
    table.add_column("example seed", justify="right", no_wrap=True)
    for row in data["endings"]:
        low, high = row["ci95"]
        bar = "█" * round(row["share"] * 20)
        seed = "" if row["example_seed"] is None else str(row["example_seed"])
        style = "dim" if not row["count"] else ""
        cells = [row["id"], f"{row['count']:,}", f"{row['share']:.1%}", f"{low:.1%}–{high:.1%}"]
        if wide:
            cells[1:1] = [row["title"]]
            cells.append(bar)
        table.add_row(*cells, seed, style=style)
    return table


def _coverage(data: dict[str, Any], console: Console) -> None:
    events, options = data["coverage"]["events"], data["coverage"]["options"]
    console.print(
        f"[bold]Coverage[/]: {events['fired']}/{events['total']} events fired, "
        f"{options['chosen']}/{options['total']} options chosen."
    )
    for label, items in uncovered(data):
        console.print(f"  {label}: {', '.join(items)}")


def uncovered(data: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """What the games left untouched, as (label, ids) pairs; empty lists left out."""
    events, options = data["coverage"]["events"], data["coverage"]["options"]
    never_available = set(options["never_available"])
    unchosen = [o for o in options["never_chosen"] if o not in never_available]
    lists = [
        ("Events that never fired", list(events["never"])),
        ("Options never available", list(options["never_available"])),
        ("Options available but never chosen", unchosen),
    ]
    return [(label, items) for label, items in lists if items]


def sample_turns(by_turn: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """At most ``count`` rows, evenly spread, keeping the first and the last."""
    if len(by_turn) <= count:
        return by_turn
    picks = sorted({round(i * (len(by_turn) - 1) / (count - 1)) for i in range(count)})
    return [by_turn[i] for i in picks]


def _qualities(data: dict[str, Any], columns: int) -> Table:
    qualities = data["qualities"]
    first = next(iter(qualities.values()))
    dates = [row["date"] for row in sample_turns(first["by_turn"], columns)]
    table = Table(title="Qualities by date: median (p5–p95)", title_justify="left")
    table.add_column("quality", overflow="fold", min_width=13)
    for date in dates:
        table.add_column(date, justify="right", no_wrap=True)
    table.add_column("at the end", justify="right", no_wrap=True)
    table.add_column("range", justify="right", no_wrap=True)
    table.add_column("mean", justify="right", no_wrap=True)
    for name, quality in qualities.items():
        rows = {row["date"]: row for row in quality["by_turn"]}
        cells = [_cell(rows.get(date)) for date in dates]
        end = quality["end"]
        extra = (
            [_cell(end), f"{end['min']}–{end['max']}", f"{end['mean']:.1f}"] if end else ["—"] * 3
        )
        table.add_row(name, *cells, *extra, style="dim" if quality["kind"] == "faction" else "")
    return table


def _cell(row: dict[str, Any] | None) -> str:
    if row is None:
        return "—"
    return f"{row['p50']} ({row['p5']}–{row['p95']})"


def biggest_shift(row: dict[str, Any]) -> str:
    """The ending whose share moves most between choosing an option and not."""
    keys = set(row["with"]) | set(row["without"])
    if not keys:
        return ""
    key = max(sorted(keys), key=lambda k: abs(row["with"].get(k, 0) - row["without"].get(k, 0)))
    delta = row["with"].get(key, 0) - row["without"].get(key, 0)
    return f"{key} {delta * 100:+.0f} pts"


def decisive_cells(row: dict[str, Any], digits: int = 3) -> list[str]:
    """One decisive option as table cells: the option, how often chosen, both TVDs, the shift."""
    faced = "—" if row["tvd_faced"] is None else f"{row['tvd_faced']:.{digits}f}"
    return [
        f"{row['event']}.{row['option']}",
        f"{row['games_chose']:,}",
        f"{row['tvd']:.{digits}f}",
        faced,
        biggest_shift(row),
    ]


def _decisive(data: dict[str, Any]) -> Table:
    table = Table(
        title="Decisions that most change the ending (total variation distance)",
        title_justify="left",
    )
    table.add_column("decision", overflow="fold", ratio=3)
    table.add_column("chosen in", justify="right", no_wrap=True)
    table.add_column("TVD vs rest", justify="right")
    table.add_column("TVD vs those who faced it", justify="right")
    table.add_column("biggest shift", overflow="fold", ratio=2)
    for row in data["decisive"][:TERMINAL_DECISIVE]:
        table.add_row(*decisive_cells(row, digits=2))
    return table

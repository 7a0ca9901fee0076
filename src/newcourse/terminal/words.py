"""The game's public view in plain words: what the plain player prints and screen
readers read.

The full-screen player uses the same phrases for odds, votes and changes, so
both players say the same thing. Answers to what the player typed are in the
phrasebook (``session/phrases.py``), which every front-end shares.
"""

from __future__ import annotations

from ..session.phrases import UNAVAILABLE
from ..session.view import (
    BlocVotes,
    Change,
    ElectionLine,
    Option,
    PersonView,
    PublicView,
    Quality,
    Tally,
)
from .fronts_words import front_names, fronts_line
from .plaintext import inline_text

__all__ = [
    "announced_lines",
    "bloc_words",
    "change_words",
    "cost_words",
    "effect_words",
    "election_lines",
    "open_arcs",
    "option_line",
    "people_changes",
    "person_line",
    "quality_words",
    "status_lines",
    "tally_reasons",
    "tally_words",
    "trust_words",
    "vote_forecast",
]


def tally_words(tally: Tally) -> str:
    verdict = "carried" if tally.passed else "defeated"
    return f"{tally.body}: {tally.yes} for, {tally.no} against; the motion is {verdict}."


def bloc_words(blocs: tuple[BlocVotes, ...]) -> str:
    """The blocs of a tally and who led them: "Left Opposition 13 for (Trotsky), The
    majority 53: Stalin's 18 against, Zinoviev's 18 against, Kamenev's 17 split"."""
    parts: list[str] = []
    for name in dict.fromkeys(b.name for b in blocs):
        led = [b for b in blocs if b.name == name]
        count = sum(b.delegates for b in led)
        if not count:
            continue
        if len(led) == 1:
            who = f" ({led[0].leader})" if led[0].leader else ""
            parts.append(f"{led[0].label} {count} {led[0].position}{who}")
            continue
        each = ", ".join(f"{b.leader}'s {b.delegates} {b.position}" for b in led)
        parts.append(f"{led[0].label} {count}: {each}")
    return ", ".join(parts)


def tally_reasons(tally: Tally) -> list[str]:
    """Why a vote of the congress cycle went as it did, a line each: the blocs, the
    packing, the swing and the argument, the minority. A plain vote says nothing more."""
    why = tally.breakdown
    if why is None or not why.explained:
        return []
    lines = [f"Blocs: {bloc_words(why.blocs)}."]
    lines += [f"{m.person}'s trust brings {m.faction} to {m.after}." for m in why.lobbied]
    if why.packed and why.elected:
        lines.append(f"Packing: the apparatus kept {why.packed} of your delegates out.")
    elif why.packed:
        lines.append(f"Packing: the apparatus packed {why.packed} delegates onto its side.")
    swing = f"Swing: {round(100 * why.swing)}% of the {why.free} free delegates voted for"
    if why.argument:
        fit = round(why.fit)
        how = "fits the moment" if fit > 0 else "fits the moment badly" if fit < 0 else "is neutral"
        swing += f"; the argument ({why.argument}) {how}: {fit:+d} points"
    lines.append(swing + ".")
    if why.minority_at is not None:
        wins = why.minority_label or "the minority counts"
        if tally.passed:
            lines.append(
                f"Minority: not needed, as the motion carried ({wins} at {why.minority_at}%)."
            )
        elif why.minority_reached:
            lines.append(
                f"Minority: {tally.yes} of {tally.delegates} reach {why.minority_at}%: {wins}."
            )
        else:
            lines.append(
                f"Minority: {tally.yes} of {tally.delegates} fall short of {why.minority_at}% "
                f"({wins})."
            )
    return lines


def election_lines(lines: tuple[ElectionLine, ...]) -> list[str]:
    """The delegate elections under way, a line per stage: "District conferences:
    19% of the delegates for you"."""
    said = []
    for line in lines:
        share = (
            "not yet held" if line.percent is None else f"{line.percent}% of the delegates for you"
        )
        said.append(f"{line.body}, {line.stage[0].lower()}{line.stage[1:]}: {share}")
    return said


def vote_forecast(tally: Tally) -> str:
    verdict = "would pass" if tally.passed else "would fall"
    return (
        f"Expected vote in {tally.body}: {tally.yes} for, {tally.no} against "
        f"of {tally.delegates}; the motion {verdict}."
    )


def open_arcs(view: PublicView) -> str:
    """The story's open arcs, "Open: the German October", or "" when none is open."""
    return f"Open: {'; '.join(view.arcs)}." if view.arcs else ""


def cost_words(option: Option) -> str:
    """What an option spends, "Cadres 2, Press 1", or "" when it spends nothing."""
    return ", ".join(f"{cost.label} {cost.amount}" for cost in option.costs)


def effect_words(option: Option) -> str:
    """How an option's own effects would move the shown qualities, "Councils +3,
    Dossier +1", or "" when the view does not say."""
    return ", ".join(f"{moved.label} {moved.amount:+d}" for moved in option.effects)


def option_line(option: Option) -> str:
    text = f"{option.number}. {inline_text(option.text)}"
    if not option.available:
        reason = option.reason.strip().rstrip(".")
        text += f" (not available: {reason})" if reason else f" ({UNAVAILABLE})"
    preview = [f"costs: {cost_words(option)}"] if option.costs else []
    preview += [f"effects: {effect_words(option)}"] if option.effects else []
    if preview:
        text += f" [{'; '.join(preview)}]"
    if option.odds:
        chances = ", ".join(f"{o.label} {o.percent}%" for o in option.odds)
        text += f" [chances: {chances}]"
    if option.vote is not None:
        text += f" [{vote_forecast(option.vote)}]"
    return text


def change_words(changes: tuple[Change, ...]) -> str:
    """Changes as "Repression 25 → 30 (+5); Opposition 20% → 18% (-2)"."""
    parts = []
    for change in changes:
        sign = "+" if change.delta > 0 else ""
        unit = "%" if change.percent else ""
        parts.append(
            f"{change.label} {change.before}{unit} → {change.after}{unit} ({sign}{change.delta})"
        )
    return "; ".join(parts)


def quality_words(quality: Quality) -> str:
    """A shown quality as the status says it: "Cadres 3", "Standing 1 (censured)",
    a clock as "Dossier 2 of 3"."""
    if quality.segments:
        return f"{quality.label} {quality.level}"
    if quality.level:
        return f"{quality.label} {quality.value} ({quality.level})"
    return f"{quality.label} {quality.value}"


def trust_words(trust: int) -> str:
    """A person's trust in the Opposition with its sign: "trust +2", "trust 0", "trust -3"."""
    return f"trust {'+' if trust > 0 else ''}{trust}"


def person_line(person: PersonView) -> str:
    """One person as the status lists them: "Stalin: General Secretary, Politburo;
    The majority; trust -3." A status other than active comes first."""
    parts = [] if person.status == "active" else [person.status]
    if person.posts:
        parts.append(", ".join(person.posts))
    parts += [person.camp, trust_words(person.trust)]
    return f"{inline_text(person.name)}: {'; '.join(parts)}."


def people_changes(before: tuple[PersonView, ...], after: tuple[PersonView, ...]) -> list[str]:
    """How the people the player knows changed between two views, a sentence each:
    "Karl Radek: capitulated (was active); camp The majority (was The Opposition);
    trust +2 → 0." Someone who is in only one of the views is left out."""
    was = {person.id: person for person in before}
    lines = []
    for now in after:
        then = was.get(now.id)
        if then is None or then == now:
            continue
        parts = []
        if now.status != then.status:
            parts.append(f"{now.status} (was {then.status})")
        gained = [post for post in now.posts if post not in then.posts]
        lost = [post for post in then.posts if post not in now.posts]
        if gained:
            parts.append(f"now {', '.join(gained)}")
        if lost:
            parts.append(f"no longer {', '.join(lost)}")
        if now.camp != then.camp:
            parts.append(f"camp {now.camp} (was {then.camp})")
        if now.trust != then.trust:
            parts.append(f"{trust_words(then.trust)} → {'+' if now.trust > 0 else ''}{now.trust}")
        if parts:
            lines.append(f"{inline_text(now.name)}: {'; '.join(parts)}.")
    return lines


def announced_lines(view: PublicView) -> list[str]:
    """What the last decision set in motion, a sentence each: the clocks it filled
    ("The Control Commission acts: censured.") and the levels it crossed."""
    return [line if line.endswith((".", "!", "?")) else f"{line}." for line in view.announced]


def status_lines(view: PublicView) -> list[str]:
    """The status: the shown qualities by group (with their levels and clocks), the
    fronts abroad, the delegates' shares, then "People:" and a line for each person
    the player knows."""
    lines = []
    groups = ("party", "economy", "world", "resources")
    in_fronts = front_names(view)
    for group in (*groups, *sorted({q.group for q in view.qualities} - set(groups))):
        shown = [q for q in view.qualities if q.group == group]
        shown = [q for q in shown if q.name not in in_fronts]
        if shown:
            values = ", ".join(quality_words(q) for q in shown)
            lines.append(f"{group.capitalize()}: {values}.")
    if fronts_line(view):
        lines.append(fronts_line(view))
    if view.factions:
        shares = ", ".join(f"{f.label} {f.share:.0f}%" for f in view.factions)
        lines.append(f"Delegates: {shares}.")
    if view.people:
        lines.append("People:")
        lines += [f"- {person_line(person)}" for person in view.people]
    return lines

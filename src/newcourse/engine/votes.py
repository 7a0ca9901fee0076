"""Counting a vote, and the tally that explains itself.

The factions' shares of the delegates make the blocs: those the vote puts for
the motion, those against, and the rest (the uncommitted, and blocs that
split). The apparatus packs part of the rest onto its side (``vote_packing``),
unless the delegates were elected through the congress cycle, whose stages
packed them already. The rest then swing for the motion by the vote's
``swing``, plus the fit of the argument chosen. Whole delegates decide: the
motion passes with more votes for than against, so a tie fails. A defeated
motion's minority may still count (``minority``).

Before the count, each faction's leaders (the congress's ``leaders``) lead
its delegates: a faction with several active leaders shares its delegates among
them equally, and each leader's part moves by their trust in the Opposition, one
step towards ``for`` when it is high, towards ``against`` when it is low
(against, split, for; the uncommitted stand with the split). Lobbying a leader
before a vote is winning their trust; the tally names who led each bloc.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from .congress import HOSTILE, TRUSTING, elected
from .expressions import Scope
from .state import Tally

if TYPE_CHECKING:
    from .congress import Argument, Minority
    from .model import Campaign, Event, Option, Vote

__all__ = [
    "BlocVotes",
    "Breakdown",
    "LedBloc",
    "Lobbied",
    "count_vote",
    "led_blocs",
    "minority_won",
    "positions",
]


class BlocVotes(NamedTuple):
    """A bloc's delegates and how they vote: for, against, or split (with the swing).

    A faction whose delegates several leaders share is a bloc per leader."""

    name: str
    label: str
    position: str  # "for", "against", "split" or "uncommitted" (the last two swing)
    delegates: int
    leader: str = ""  # the name of the person who led the bloc, or "" when no one did


class Lobbied(NamedTuple):
    """A bloc a leader's trust moved: who, which faction, from and to which position."""

    person: str  # the leader's name, as the campaign gives it
    faction: str  # the faction's label
    before: str
    after: str
    trust: int


class Breakdown(NamedTuple):
    """Why a vote went as it did, as the tally shows it."""

    blocs: tuple[BlocVotes, ...]
    packed: int  # delegates the apparatus packed: onto its side, or out of the elections
    free: int  # delegates left to the swing
    swing: float  # the share of them that voted for, 0..1
    argument: str  # the argument's label, or ""
    fit: float  # what the argument added to the swing, in points (may be negative)
    elected: bool  # the Opposition's delegates came from the congress cycle
    minority_at: int | None  # the percent a defeated minority needs to count
    minority_label: str
    minority_reached: bool
    explained: bool  # the vote uses the congress cycle: blocs, elections, an argument or a minority
    lobbied: tuple[Lobbied, ...] = ()  # the blocs their leaders moved


def positions(vote: Vote) -> dict[str, str]:
    """Each named faction's position: the vote's ``for`` and ``against``, then its blocs."""
    named = {name: "for" for name in vote.supporters}
    named.update({name: "against" for name in vote.opponents})
    named.update(vote.blocs)
    return named


_STEPS = ("against", "split", "for")


def _step(position: str, towards: int) -> str:
    """A position one step towards ``for`` (1) or ``against`` (-1)."""
    rank = 1 if position == "uncommitted" else _STEPS.index(position)
    return _STEPS[min(2, max(0, rank + towards))]


class LedBloc(NamedTuple):
    """A faction's part led by one leader (or the whole faction, led by no one)."""

    faction: str
    leader: str  # the leader's name, or ""
    position: str
    part: float  # the part of the faction's delegates, 0..1


def _leaders(campaign: Campaign, scope: Scope) -> dict[str, list[str]]:
    """Each faction's active leaders, in the order the campaign lists them."""
    congress = campaign.congress
    led: dict[str, list[str]] = {}
    if congress is None:
        return led
    for person, faction in congress.leaders.items():
        state = scope.people.get(person)
        if state is not None and state.status == "active" and faction in campaign.factions:
            led.setdefault(faction, []).append(person)
    return led


def led_blocs(
    campaign: Campaign, named: Mapping[str, str], scope: Scope
) -> tuple[tuple[LedBloc, ...], tuple[Lobbied, ...]]:
    """The blocs of a vote, given each faction's position (``named``): a faction with
    active leaders is a bloc per leader, sharing its delegates equally, each moved a
    step by its leader's trust (towards ``for`` at ``TRUSTING`` or more, towards
    ``against`` at ``HOSTILE`` or less); and the moves made."""
    leaders = _leaders(campaign, scope)
    blocs: list[LedBloc] = []
    moves: list[Lobbied] = []
    for faction in campaign.factions:
        before = named.get(faction, "uncommitted")
        people = leaders.get(faction)
        if not people:
            blocs.append(LedBloc(faction, "", before, 1.0))
            continue
        for person in people:
            trust = scope.people[person].trust
            towards = 1 if trust >= TRUSTING else -1 if trust <= HOSTILE else 0
            after = _step(before, towards) if towards else before
            name = campaign.roster.people[person].name
            if after != before:
                moves.append(Lobbied(name, campaign.label(faction), before, after, trust))
            blocs.append(LedBloc(faction, name, after, 1 / len(people)))
    return tuple(blocs), tuple(moves)


def minority_won(option: Option, tally: Tally | None) -> Minority | None:
    """What the defeated minority of ``option``'s vote wins, if it reached its threshold."""
    if tally is None or tally.breakdown is None or not tally.breakdown.minority_reached:
        return None
    return option.vote.minority if option.vote is not None else None


def _share(value: float) -> float:
    """A share as the rules read it (as ``rules.share_of``): within 0..1, NaN as 0."""
    if value >= 1:
        return 1.0
    return float(value) if value > 0 else 0.0


def _weight(value: float) -> float:
    """A weight as the rules read it (as ``rules.weight_of``)."""
    if value > 0:
        return value if value < 1e12 else 1e12
    return 0.0


def _argument(campaign: Campaign, option: Option | None) -> Argument | None:
    congress = campaign.congress
    if congress is None or option is None or option.argument is None:
        return None
    return congress.arguments.get(option.argument)


def count_vote(
    campaign: Campaign,
    vote: Vote,
    scope: Scope,
    event: Event | None = None,
    option: Option | None = None,
    held: Mapping[str, tuple[tuple[float, ...], ...]] | None = None,
) -> Tally:
    """The vote as the state makes it, with its breakdown.

    Without the congress cycle's fields this counts as votes always have: the
    same arithmetic, so the same delegates."""
    named = positions(vote)
    led, moves = led_blocs(campaign, named, scope)
    shares: dict[str, float] = {name: max(0, scope.values[name]) for name in campaign.factions}
    congress = campaign.congress
    cycle = None
    if event is not None and congress is not None:
        cycle = elected(campaign, event, held or {}, scope)
    removed = 0.0
    if cycle is not None and congress is not None:
        cells, share = cycle
        removed = max(0.0, cells - share)
        others = sum(shares.values()) - shares[congress.opposition]
        scale = (1 - share) / others if others > 0 else 0.0
        shares = {n: share if n == congress.opposition else s * scale for n, s in shares.items()}
    total = sum(shares.values()) or 1
    yes = sum(shares[b.faction] * b.part for b in led if b.position == "for") / total
    no = sum(shares[b.faction] * b.part for b in led if b.position == "against") / total
    free = max(0.0, 1.0 - yes - no)
    if cycle is None and campaign.vote_packing is not None:
        removed = min(free, _weight(campaign.vote_packing.value(scope)) / 100)
        free -= removed
        no += removed
    argument = _argument(campaign, option)
    fit = float(argument.fit.value(scope)) if argument is not None else 0.0
    swing = _share(vote.swing.value(scope) + fit / 100 if argument else vote.swing.value(scope))
    yes += free * swing
    delegates = vote.delegates
    yes_count = round(yes * delegates)
    minority = vote.minority
    reached = (
        minority is not None
        and 2 * yes_count <= delegates
        and 100 * yes_count >= minority.at * delegates
    )
    breakdown = Breakdown(
        blocs=tuple(
            BlocVotes(
                b.faction,
                campaign.label(b.faction),
                b.position,
                round(delegates * shares[b.faction] * b.part / total),
                b.leader,
            )
            for b in led
        ),
        packed=round(delegates * removed),
        free=round(delegates * free),
        swing=swing,
        argument=argument.label if argument is not None else "",
        fit=fit,
        elected=cycle is not None,
        minority_at=minority.at if minority is not None else None,
        minority_label=minority.label if minority is not None else "",
        minority_reached=reached,
        explained=bool(vote.blocs)
        or cycle is not None
        or argument is not None
        or minority is not None
        or bool(moves),
        lobbied=moves,
    )
    return Tally(vote.body, delegates, yes_count, delegates - yes_count, yes, breakdown)

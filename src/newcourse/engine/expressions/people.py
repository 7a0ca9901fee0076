"""The people functions and effects of the expression language.

Conditions read people with calls whose arguments are names: ``trust(radek) >= 2``,
``resolve(radek) < 40``, ``in_camp(zinoviev, opposition)``,
``holds(stalin, general_secretary)``, ``has_status(radek, capitulated)``,
``count_camp(opposition)`` (the active people in a camp) and
``vacant(general_secretary)``. Effects change them: ``trust(radek) += 1``,
``resolve(radek) -= 10``, ``camp(zinoviev) = opposition``,
``status(radek) = capitulated``, ``post(stalin) = none``,
``appoint(frunze, war_commissar)`` and ``dismiss(stalin, general_secretary)``.

Each argument is resolved by its place: a person (or a role of the event's cast,
or a rule's ``it``), a camp, a post or a status. A name of the wrong kind is an
error at load, with a close match offered.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import ExpressionError
from ..figures import ATTRIBUTES, NO_POST, PeopleNames, PersonState
from .tree import Assign, Call, Expr, Name, Type

if TYPE_CHECKING:
    from .compiling import Scope

__all__ = [
    "PEOPLE_EFFECTS",
    "PEOPLE_FUNCTIONS",
    "check_people_call",
    "check_people_statement",
    "compile_people_call",
    "compile_people_statement",
    "person_named",
]

# what each argument names, in order, and what the call gives
PEOPLE_FUNCTIONS: dict[str, tuple[tuple[str, ...], Type]] = {
    "trust": (("person",), Type.NUMBER),
    "resolve": (("person",), Type.NUMBER),
    "in_camp": (("person", "camp"), Type.BOOL),
    "holds": (("person", "post"), Type.BOOL),
    "has_status": (("person", "status"), Type.BOOL),
    "count_camp": (("camp",), Type.NUMBER),
    "vacant": (("post",), Type.BOOL),
}

# what each effect's arguments name, and what the value after '=' names ("number": a number)
PEOPLE_EFFECTS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "trust": (("person",), "number"),
    "resolve": (("person",), "number"),
    "camp": (("person",), "camp"),
    "status": (("person",), "status"),
    "post": (("person",), "post"),
    "appoint": (("person", "post"), None),
    "dismiss": (("person", "post"), None),
}


def _kind_names(kind: str, names: PeopleNames) -> frozenset[str]:
    if kind == "person":
        return names.people | names.roles
    return {"camp": names.camps, "post": names.posts, "status": names.statuses}[kind]


def _resolved(arg: Expr, kind: str, names: PeopleNames, where: str) -> str:
    """The name ``arg`` gives, checked to be a ``kind`` the campaign declares."""
    if not isinstance(arg, Name):
        raise ExpressionError(f"{where} takes the name of a {kind} here", arg.line, arg.column)
    known = _kind_names(kind, names)
    if arg.name not in known:
        message = f"unknown {kind} {arg.name!r} in {where}"
        close = difflib.get_close_matches(arg.name, sorted(known), n=1)
        if close:
            message += f"; did you mean {close[0]!r}?"
        elif not known:
            message += f": the campaign declares no {kind}s (people.yaml)"
        raise ExpressionError(message, arg.line, arg.column)
    return arg.name


def _arity(
    function: str, args: tuple[Expr, ...], kinds: tuple[str, ...], at: Expr | Assign
) -> None:
    if len(args) != len(kinds):
        wanted = ", ".join(kinds)
        raise ExpressionError(
            f"{function}() takes {len(kinds)} argument(s) ({wanted}), not {len(args)}",
            at.line,
            at.column,
        )


def check_people_call(expr: Call, names: PeopleNames) -> Type:
    """The type of a people function call, or ExpressionError where it is wrong."""
    kinds, result = PEOPLE_FUNCTIONS[expr.function]
    _arity(expr.function, expr.args, kinds, expr)
    for arg, kind in zip(expr.args, kinds, strict=True):
        _resolved(arg, kind, names, f"{expr.function}()")
    return result


def check_people_statement(statement: Assign, names: PeopleNames, value_type: Type | None) -> None:
    """Check one people effect; ``value_type`` is the type of its value when it is an
    expression (a number effect), None otherwise."""
    shape = PEOPLE_EFFECTS.get(statement.target)
    where = f"{statement.target}()"
    if shape is None:
        message = f"{statement.target!r} is not something a person has that an effect can change"
        close = difflib.get_close_matches(statement.target, list(PEOPLE_EFFECTS), n=1)
        if close:
            message += f"; did you mean {close[0]!r}?"
        raise ExpressionError(message, statement.line, statement.column)
    kinds, value_kind = shape
    _arity(statement.target, statement.args, kinds, statement)
    for arg, kind in zip(statement.args, kinds, strict=True):
        _resolved(arg, kind, names, where)
    if value_kind is None:
        if statement.op:
            raise ExpressionError(
                f"{where} is an effect of its own: write {statement.target}(person, post)",
                statement.line,
                statement.column,
            )
        return
    if not statement.op:
        raise ExpressionError(
            f"expected '=', '+=', '-=', '+%=' or '-%=' after {statement.target}(...)",
            statement.line,
            statement.column,
        )
    if statement.op not in ("=", "+=", "-="):
        raise ExpressionError(
            f"a person's {statement.target} changes with '=', '+=' or '-=', not '{statement.op}'",
            statement.line,
            statement.column,
        )
    if value_kind == "number":
        if value_type is not Type.NUMBER:
            raise ExpressionError(
                f"{statement.target} needs a number value", statement.line, statement.column
            )
        return
    if statement.op != "=":
        raise ExpressionError(
            f"a person's {statement.target} is set with '=', not '{statement.op}'",
            statement.line,
            statement.column,
        )
    _resolved(statement.value, value_kind, names, where)


Read = Callable[["Scope"], "float | bool"]


def _person(arg: Expr, names: PeopleNames) -> Callable[[Scope], str]:
    """Who an argument names when the code runs: a role is looked up in the cast."""
    assert isinstance(arg, Name)
    key = arg.name
    if key in names.roles:
        return lambda scope: scope.cast[key]
    return lambda scope: key


def compile_people_call(expr: Call, names: PeopleNames) -> Read:
    """A closure over a Scope for a checked people function call."""
    function = expr.function
    second = expr.args[1].name if len(expr.args) > 1 and isinstance(expr.args[1], Name) else ""
    if function == "count_camp":
        camp = expr.args[0].name if isinstance(expr.args[0], Name) else ""
        return lambda scope: sum(
            1 for p in scope.people.values() if p.camp == camp and p.status == "active"
        )
    if function == "vacant":
        post = expr.args[0].name if isinstance(expr.args[0], Name) else ""
        return lambda scope: (
            not any(post in p.posts and p.status == "active" for p in scope.people.values())
        )
    who = _person(expr.args[0], names)
    if function == "trust":
        return lambda scope: scope.people[who(scope)].trust
    if function == "resolve":
        return lambda scope: scope.people[who(scope)].resolve
    if function == "in_camp":
        return lambda scope: scope.people[who(scope)].camp == second
    if function == "holds":
        return lambda scope: second in scope.people[who(scope)].posts
    return lambda scope: scope.people[who(scope)].status == second


def compile_people_statement(
    statement: Assign, names: PeopleNames, value: Read | None
) -> Callable[[Scope], None]:
    """A closure that changes a Scope's people for a checked people effect.

    ``value`` is the compiled number expression of a trust or resolve effect.
    Taking a single post (``appoint``, ``post(x) = ...``) takes it from whoever held it."""
    single = names.single
    who = _person(statement.args[0], names)
    target, op = statement.target, statement.op
    if target in ATTRIBUTES:
        assert value is not None
        low, high = ATTRIBUTES[target]
        trust = target == "trust"

        def change_number(scope: Scope) -> None:
            people = scope.people
            key = who(scope)
            person = people[key]
            current = person.trust if trust else person.resolve
            amount = float(value(scope))
            if op == "+=":
                amount = current + amount
            elif op == "-=":
                amount = current - amount
            settled = _settled(amount, current, low, high)
            if settled != current:
                posts, camp, was_trust, was_resolve, status = person
                if trust:
                    people[key] = PersonState(posts, camp, settled, was_resolve, status)
                else:
                    people[key] = PersonState(posts, camp, was_trust, settled, status)

        return change_number
    if target in ("camp", "status"):
        assert isinstance(statement.value, Name)
        word = statement.value.name
        camp = target == "camp"

        def set_word(scope: Scope) -> None:
            people = scope.people
            key = who(scope)
            person = people[key]
            posts, was_camp, trust, resolve, status = person
            if camp:
                people[key] = PersonState(posts, word, trust, resolve, status)
            else:
                people[key] = PersonState(posts, was_camp, trust, resolve, word)

        return set_word
    if target == "post":
        assert isinstance(statement.value, Name)
        post = statement.value.name
        held = frozenset() if post == NO_POST else frozenset({post})

        def set_post(scope: Scope) -> None:
            people = scope.people
            key = who(scope)
            if post in single:
                _vacate(people, post, key)
            people[key] = _with_posts(people[key], held)

        return set_post
    post_arg = statement.args[1]
    assert isinstance(post_arg, Name)
    post = post_arg.name
    if target == "appoint":

        def appoint(scope: Scope) -> None:
            people = scope.people
            key = who(scope)
            if post == NO_POST:
                people[key] = _with_posts(people[key], frozenset())
                return
            if post in single:
                _vacate(people, post, key)
            people[key] = _with_posts(people[key], people[key].posts | {post})

        return appoint

    def dismiss(scope: Scope) -> None:
        people = scope.people
        key = who(scope)
        people[key] = _with_posts(people[key], people[key].posts - {post})

    return dismiss


def _with_posts(person: PersonState, posts: frozenset[str]) -> PersonState:
    """``person`` holding ``posts`` (made directly: ``_replace`` costs three times as much)."""
    return PersonState(posts, person.camp, person.trust, person.resolve, person.status)


def _vacate(people: dict[str, PersonState], post: str, keeper: str) -> None:
    for other, person in people.items():
        if other != keeper and post in person.posts:
            people[other] = _with_posts(person, person.posts - {post})


def _settled(result: float, current: int, low: int, high: int) -> int:
    if result >= high:
        return high
    if result <= low:
        return low
    if result == result:
        return round(result)
    return current


def person_named(tree: Expr, names: PeopleNames) -> Callable[[Scope], str] | None:
    """For a text's ``{secretary}`` or ``{radek}``: a closure giving the name of the
    person a role or a person's id stands for; None when ``tree`` names no person."""
    if not isinstance(tree, Name):
        return None
    key, display = tree.name, names.display
    if key in names.roles:
        return lambda scope: display.get(scope.cast.get(key, ""), key)
    if key in names.people:
        name = display.get(key, key)
        return lambda scope: name
    return None

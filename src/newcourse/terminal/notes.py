"""The notes the game opens over the play screen: the event's history note (with
the codex's other pages), every shown quality, the timeline beside history and
this season's front page. Each is built from the public view and the codex alone."""

from __future__ import annotations

from collections.abc import Mapping

from ..session import Codex, command_named
from ..session.phrases import NO_HISTORY_NOTE
from ..session.view import PublicView
from .panels import (
    change_content,
    codex_links,
    codex_markdown,
    codex_page,
    news_markdown,
    timeline_table,
)
from .safe import safe
from .screens import NoteScreen
from .words import status_lines

__all__ = ["codex_note", "key_of", "news_note", "status_note", "timeline_note"]


def key_of(name: str) -> str:
    """The key the command table gives the command called ``name``."""
    return command_named(name).key


def _when(view: PublicView) -> str:
    return f"{view.date} · turn {view.turn} of {view.turns}"


def codex_note(codex: Codex, view: PublicView) -> NoteScreen | None:
    """The current event's history note, with links to the notes it points to, the
    glossary and the reading guide; None when there is nothing to show at all."""
    event = view.event
    entry = safe(codex.get(event.codex)) if event and event.codex else None
    links = codex_links(codex)
    if entry is None and not links:
        return None
    if entry is None:
        title, meta, markdown = "The codex", "", f"*{NO_HISTORY_NOTE}*"
    else:
        title, meta, markdown = entry.title, entry.date, codex_page(codex, entry)
    return NoteScreen(title, markdown, meta=meta, close_keys=(key_of("codex"),), links=links)


def status_note(view: PublicView) -> NoteScreen:
    """Every shown quality and the delegates' shares, where the sidebar is cut."""
    return NoteScreen(
        "Status",
        "\n\n".join(status_lines(view)),
        meta=_when(view),
        close_keys=(key_of("status"),),
    )


def timeline_note(view: PublicView, colours: Mapping[str, str]) -> NoteScreen:
    """The player's decisions so far, beside history."""
    table = timeline_table(view.timeline, colours)
    return NoteScreen("Your timeline beside history", table=table, close_keys=(key_of("timeline"),))


def news_note(codex: Codex, view: PublicView) -> NoteScreen:
    """This season's front page, with the history notes its items point to."""
    parts = [news_markdown(view)]
    changes = change_content(view.changes).plain
    if changes:
        parts.append(f"**Since last season:** {changes}")
    notes = [safe(codex[item.codex]) for item in view.news if item.codex and item.codex in codex]
    parts.extend(codex_markdown(entry, heading=True) for entry in notes)
    return NoteScreen(
        "The front page", "\n\n".join(parts), meta=_when(view), close_keys=(key_of("news"),)
    )

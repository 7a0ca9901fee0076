"""The plain player: line-by-line play for screen readers, pipes and scripts.

It reads one command per line from standard input and writes plain text to
standard output, every line wrapped to the player's width. Everything the
full-screen player shows can be asked for in words: the status, the timeline,
the codex note, the odds of every option. The commands are those of the one
command table (``session.COMMANDS``), by key or by name; what it shows is the
session's public view.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import TextIO

from ..engine import Refusal
from ..session import CHOOSE, COMMANDS, Session, command_for, refusal_sentence
from ..session.codex import DOCUMENTS
from ..session.phrases import (
    NO_DECISIONS,
    NO_EVENT,
    NO_FRONT_PAGE,
    NO_HISTORY_NOTE,
    TAKEN_BACK,
    no_such_option,
    not_available,
    unknown_command,
)
from ..session.view import PublicView
from .fronts_words import fronts_line
from .plaintext import clean, inline_text, markdown_lines, wrap
from .words import (
    announced_lines,
    change_words,
    election_lines,
    open_arcs,
    option_line,
    people_changes,
    status_lines,
    tally_reasons,
    tally_words,
)

__all__ = ["HELP", "PlainPlayer", "help_rows"]

_OPTION_NUMBER = re.compile(r"[0-9]{1,4}")
"""What chooses an option: one to four ASCII digits, nothing else (not ², ① or other digits)."""

_COMMAND_HINT = re.compile(r"(?P<lead>.*\bwith:) (?P<command>[^\n]+)", re.DOTALL)
"""A sentence that ends by naming the command to type."""


_QUIT_WORDS = ("exit",)
"""Words that also leave, as a plain command line would expect."""

ENDING_CHOICES = (
    'Type "undo" to take back your last decision, "timeline", "status" or "news" '
    'to look back, or "quit" to leave.'
)
ENDING_CHOICES_SEALED = 'Type "timeline", "status" or "news" to look back, or "quit" to leave.'


def ending_choices(view: PublicView) -> str:
    """What the player can still do once the game is over; undo only where it is allowed."""
    return ENDING_CHOICES if view.can_undo else ENDING_CHOICES_SEALED


def help_rows() -> list[tuple[str, str]]:
    """The plain player's commands as (what to type, what it does), from the command table."""
    rows = [(CHOOSE.argument, CHOOSE.help)]
    for command in COMMANDS:
        argument = f" [{command.argument}]" if command.argument else ""
        rows.append((f"{command.name}{argument} ({command.key})", command.help))
    return rows


def _help_text() -> str:
    rows = help_rows()
    column = max(len(typed) for typed, _ in rows) + 2
    lines = [f"  {typed.ljust(column)}{summary}" for typed, summary in rows]
    return "\n".join(["Commands (the word or its key, then Enter):", *lines])


HELP = _help_text()
"""The help, unwrapped: every command of the key map with its key."""


class PlainPlayer:
    """Plays a session line by line on two text streams, wrapping output to ``width``."""

    def __init__(self, session: Session, stdin: TextIO, stdout: TextIO, width: int = 80) -> None:
        self.session = session
        self.stdin = stdin
        self.stdout = stdout
        self.width = width

    # ------------------------------------------------------------ writing

    def say(self, text: str = "", first: str = "", rest: str | None = None) -> None:
        """Write ``text`` wrapped to the width, with ``first`` and a hanging ``rest`` indent.

        Figures stay with their words, so "Repression 25" is never cut in two. A
        sentence that ends by naming a command ("Continue later with: ...") puts
        the command on a line of its own, whole, so it can be copied.
        """
        hint = _COMMAND_HINT.fullmatch(text)
        command = ""
        if hint is not None and " play" in f" {hint['command']}":
            text, command = hint["lead"], hint["command"]
        lines = wrap(text, self.width, first, rest, figures=True) if text or first else [""]
        if command:
            lines.append(f"  {command}")
        self.stdout.write("\n".join(lines) + "\n")

    def prose(self, markdown: str, first: str = "", rest: str | None = None) -> None:
        """Write campaign Markdown as plain text, the first line after ``first``."""
        lines = markdown_lines(markdown, self.width, first, rest)
        if lines:
            self.stdout.write("\n".join(lines) + "\n")

    def lines(self) -> Iterator[str]:
        """The lines the player types, each echoed when input is not a terminal."""
        while True:
            self.stdout.write("> ")
            self.stdout.flush()
            line = self.stdin.readline()
            if not line:
                return
            line = clean(line.rstrip("\r\n"))
            if not self.stdin.isatty():
                room = max(self.width - 2, 1)
                echo = line if len(line) <= room else line[: room - 1] + "…"
                self.stdout.write(echo + "\n")
            yield line.strip()

    # ------------------------------------------------------------ the loop

    def run(self, fresh: bool = True) -> int:
        """Play until the player quits or input ends; returns the exit code."""
        view = self.session.view()
        if fresh and view.step == 0:
            self.say(f"{view.title.upper()}")
            self.say()
            self.prose(view.intro)
            self.say()
            self.say('Type a number to choose, or "help" for the other commands.')
        self.tell_notices()
        self.show_turn(view, opening=True)
        for line in self.lines():
            over = self.session.game.over
            going_on = self.command(line, self.session.view())
            self.tell_notices()
            if not going_on:
                self.say_goodbye()
                return 0
            if self.session.game.over and not over:
                self.show_ending(self.session.view())
        self.say()
        self.say_goodbye(ended=True)
        return 0

    def say_goodbye(self, ended: bool = False) -> None:
        """What is true at the end: whether the game is saved, and how to go on."""
        if ended:
            self.say("Input ended.")
        words = self.session.parting_words()
        if words:
            self.say(words)

    def tell_notices(self) -> None:
        """Say what the session has to report (a save set aside, a failed autosave)."""
        for notice in self.session.notices:
            self.say(notice)
        self.session.notices.clear()

    def command(self, line: str, view: PublicView) -> bool:
        """Do one command; returns False when the player quits."""
        word, _, rest = line.partition(" ")
        command = command_for(word)
        try:
            if not line:
                self.show_options(view)
            elif _OPTION_NUMBER.fullmatch(line):
                self.choose(int(line), view)
            elif command is None and word.lower() in _QUIT_WORDS:
                return False
            elif command is None or (rest.strip() and not command.argument):
                self.say(unknown_command(line, len(view.options)))
            else:
                return self.do(command.name, rest.strip(), view)
        except Refusal as refusal:
            self.say(refusal_sentence(refusal))
        return True

    def do(self, word: str, argument: str, view: PublicView) -> bool:
        """Do the command named ``word`` of the command table; returns False when the
        player quits."""
        if word == "quit":
            return False
        if word == "help":
            self.show_help()
        elif word == "codex":
            self.show_codex(view, argument)
        elif word == "status":
            for text in status_lines(view):
                self.say(text, rest="  ")
        elif word == "timeline":
            self.show_timeline(view)
        elif word == "news":
            self.show_news(view, asked=True)
        elif word == "undo":
            self.session.undo()
            self.say(TAKEN_BACK)
            self.show_turn(self.session.view(), opening=False)
        elif word == "save":
            kept = self.session.save_as(argument)
            self.say(self.session.saved_words(kept))
        return True

    def choose(self, number: int, view: PublicView) -> None:
        option = view.option(number)
        if option is None:
            self.say(no_such_option(str(number), len(view.options)))
            return
        if not option.available:
            self.say(not_available(number, option.reason))
            return
        self.session.choose(option.id)
        after = self.session.view()
        self.show_result(after, people_changes(view.people, after.people))
        if not after.ending:
            self.show_turn(after, opening=after.opening)

    # ------------------------------------------------------------ showing

    def show_help(self) -> None:
        rows = help_rows()
        column = max(len(typed) for typed, _ in rows) + 4
        self.say("Commands (the word or its key, then Enter):")
        for typed, summary in rows:
            self.say(summary, first=f"  {typed}".ljust(column), rest=" " * column)

    def show_result(self, view: PublicView, people: list[str] | None = None) -> None:
        """The last decision: outcome or tally, the result, the changes, what it set in
        motion, how ``people`` (a line each) changed, and how it stands to history."""
        last = view.last
        if last is None:
            return
        self.say()
        if last.outcome_label:
            self.say(f"Outcome: {last.outcome_label}.")
        if last.tally is not None:
            self.say(tally_words(last.tally))
            for reason in tally_reasons(last.tally):
                self.say(reason, first="  ", rest="    ")
        self.prose(last.result)
        changes = change_words(last.changes)
        if changes:
            self.say(f"Changes: {changes}.", rest="  ")
        for line in announced_lines(view):
            self.say(line, rest="  ")
        for line in people or []:
            self.say(line, rest="  ")
        if last.as_history is True:
            self.say("So it went in history too.")
        elif last.as_history is False:
            self.say("Here you leave history. The real Opposition chose:")
            self.prose(last.history, first="  ")
        for item in view.bulletins:
            self.prose(item.text, first="Meanwhile: ", rest="  ")

    def show_news(self, view: PublicView, asked: bool = False) -> None:
        self.say(f"=== {view.date}: turn {view.turn} of {view.turns} ===")
        for item in view.news:
            self.prose(item.text, first="- ")
        changes = change_words(view.changes)
        if changes:
            self.say(f"Since last season: {changes}.", rest="  ")
        if view.arcs:
            self.say(open_arcs(view), rest="  ")
        if fronts_line(view):
            self.say(fronts_line(view), rest="  ")
        for line in election_lines(view.elections):
            self.say(line, first="- ", rest="  ")
        if asked and not view.news and not changes:
            self.say(NO_FRONT_PAGE)

    def show_turn(self, view: PublicView, opening: bool) -> None:
        if view.ending is not None:
            self.show_ending(view)
            return
        self.say()
        if opening:
            self.show_news(view)
            self.say()
        event = view.event
        if event is None:
            return
        self.say(f"--- {inline_text(event.title)} ({event.date}) ---")
        self.prose(event.text)
        if event.codex:
            self.say('(History note: type "codex".)')
        self.show_options(view)

    def show_options(self, view: PublicView) -> None:
        if not view.options:
            self.say(f"The game is over. {ending_choices(view)}")
            return
        self.say("Options:")
        for option in view.options:
            self.say(option_line(option), first="  ", rest=" " * (len(f"{option.number}. ") + 2))

    def show_codex(self, view: PublicView, topic: str = "") -> None:
        """The codex: this event's note, or the note, glossary or reading list ``topic`` names."""
        codex = self.session.codex
        topic = topic.strip().lower()
        if topic in DOCUMENTS:
            document = codex.document(topic)
            self.prose(document or "This campaign has no such part of its codex.")
            return
        if topic:
            entry = codex.get(topic)
            if entry is None:
                close = difflib.get_close_matches(topic, [*codex, *DOCUMENTS], n=1)
                hint = f' Did you mean "codex {close[0]}"?' if close else ""
                self.say(f'The codex has no note "{topic}".{hint}')
                return
        else:
            codex_id = view.event.codex if view.event else None
            entry = codex.get(codex_id) if codex_id else None
            if entry is None:
                self.say(NO_HISTORY_NOTE if view.event else NO_EVENT)
                self.say_codex_documents()
                return
        self.say(f"*** {inline_text(entry.title)} ({entry.date}) ***")
        self.prose(entry.text)
        if entry.sources:
            self.say("Sources:")
            for source in entry.sources:
                self.prose(source, first="- ")
        for linked in codex.linked(entry):
            self.say(f'See also: {inline_text(linked.title)} (type "codex {linked.id}").')
        self.say_codex_documents()

    def say_codex_documents(self) -> None:
        """How to open the glossary and the reading groups' guide, where the campaign has them."""
        names = self.session.codex.documents()
        if names:
            self.say("Also in the codex: " + ", ".join(f'"codex {name}"' for name in names) + ".")

    def show_timeline(self, view: PublicView) -> None:
        if not view.timeline:
            self.say(NO_DECISIONS)
            return
        for row in view.timeline:
            line = f"{row.date}, {inline_text(row.event)}: {inline_text(row.chosen)}"
            if row.outcome:
                line += f" ({row.outcome})"
            if row.as_history is True:
                line += " As in history."
            elif row.as_history is False:
                line += f" History: {inline_text(row.history)}"
            self.say(line, first="- ")

    def show_ending(self, view: PublicView) -> None:
        ending = view.ending
        if ending is None:
            return
        self.say()
        self.say(f"##### {inline_text(ending.title)} #####")
        self.prose(ending.text)
        for paragraph in ending.summary:
            self.say()
            self.prose(paragraph)
        if ending.history:
            self.say()
            self.say("What really happened:")
            self.prose(ending.history)
        self.say()
        self.say("Your timeline beside history:")
        self.show_timeline(view)
        self.say()
        self.say(f"The game is over. {ending_choices(view)}")

"""The plain player: line-by-line play for screen readers, pipes and scripts.

It reads one command per line from standard input and writes plain text to
standard output. Everything the full-screen player shows can be asked for in
words: the status, the timeline, the codex note, the odds of every option.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from ..engine import Campaign, Refusal, TurnView
from .session import Session
from .words import (
    change_words,
    markdown_to_text,
    option_line,
    status_lines,
    tally_words,
)

__all__ = ["HELP", "PlainPlayer"]

HELP = """Commands:
  NUMBER          choose that option
  codex (c)       the history note of this event
  status (s)      all qualities and the delegates' shares
  timeline (t)    your decisions so far, beside history
  news (n)        this turn's front page again
  undo (u)        take back the last decision
  save [NAME]     save the game under a name (it is also saved after every decision)
  help (h, ?)     this list
  quit (q)        save and leave"""


class PlainPlayer:
    def __init__(self, session: Session, stdin: TextIO, stdout: TextIO, width: int = 78) -> None:
        self.session = session
        self.stdin = stdin
        self.stdout = stdout
        self.width = width

    @property
    def campaign(self) -> Campaign:
        return self.session.game.campaign

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def prose(self, markdown: str) -> None:
        if markdown.strip():
            self.say(markdown_to_text(markdown, self.width))

    def lines(self) -> Iterator[str]:
        while True:
            self.stdout.write("> ")
            self.stdout.flush()
            line = self.stdin.readline()
            if not line:
                return
            if not self.stdin.isatty():
                self.stdout.write(line if line.endswith("\n") else line + "\n")
            yield line.strip()

    # ------------------------------------------------------------ the loop

    def run(self, fresh: bool = True) -> int:
        if fresh and self.session.game.state.step == 0:
            self.say(f"{self.campaign.title.upper()}")
            self.say()
            self.prose(self.campaign.intro)
            self.say()
            self.say('Type a number to choose, or "help" for the other commands.')
        self.tell_notices()
        self.show_turn(self.session.game.view(), opening=True)
        if self.session.game.over:
            return 0
        for line in self.lines():
            previous = self.session.game.view()
            going_on = self.command(line, previous)
            self.tell_notices()
            if not going_on:
                if self.session.store is not None:
                    self.say("Saved. Continue later with: newcourse play --continue")
                return 0
            if self.session.game.over:
                self.show_ending(self.session.game.view())
                return 0
        self.say()
        if self.session.store is None:
            self.say("Input ended.")
        else:
            self.say(
                "Input ended; the game is saved. Continue later with: newcourse play --continue"
            )
        return 0

    def tell_notices(self) -> None:
        """Say what the session has to report (a save set aside, a failed autosave)."""
        for notice in self.session.notices:
            self.say(notice)
        self.session.notices.clear()

    def command(self, line: str, view: TurnView) -> bool:
        """Do one command; returns False when the player quits."""
        word, _, rest = line.partition(" ")
        word = word.lower()
        try:
            if not word:
                self.show_options(view)
            elif word.isdigit():
                self.choose(int(word), view)
            elif word in ("q", "quit", "exit"):
                return False
            elif word in ("h", "help", "?"):
                self.say(HELP)
            elif word in ("c", "codex"):
                self.show_codex(view)
            elif word in ("s", "status"):
                for text in status_lines(view):
                    self.say(text)
            elif word in ("t", "timeline"):
                self.show_timeline(view)
            elif word in ("n", "news"):
                self.show_news(view)
            elif word in ("u", "undo"):
                self.session.undo()
                self.say("The last decision is taken back.")
                self.show_turn(self.session.game.view(), opening=False)
            elif word == "save":
                path = self.session.save_as(rest.strip())
                self.say(f"Saved as {path.stem}.")
            else:
                self.say(f'"{line}" is not a command. Type a number to choose, or "help".')
        except Refusal as refusal:
            self.say(f"Not possible: {refusal}.")
        return True

    def choose(self, number: int, view: TurnView) -> None:
        option = view.option(number)
        if option is None:
            self.say(f"There is no option {number}; choose from 1 to {len(view.options)}.")
            return
        if not option.available:
            self.say(f"Option {number} is not available: {option.reason.rstrip('.')}.")
            return
        self.session.choose(option.id)
        after = self.session.game.view()
        self.show_result(after)
        if not after.ending:
            self.show_turn(after, opening=after.opening)

    # ------------------------------------------------------------ showing

    def show_result(self, view: TurnView) -> None:
        last = view.last
        if last is None:
            return
        self.say()
        if last.outcome_label:
            self.say(f"Outcome: {last.outcome_label}.")
        if last.tally is not None:
            self.say(tally_words(last.tally))
        self.prose(last.result)
        changes = change_words(self.campaign, last.changes)
        if changes:
            self.say(f"Changes: {changes}.")
        if last.as_history is True:
            self.say("So it went in history too.")
        elif last.as_history is False:
            self.say(f"Here you leave history. The real Opposition chose: {last.history}")
        for item in view.bulletins:
            self.say(f"Meanwhile: {markdown_to_text(item.text, self.width - 11)}")

    def show_news(self, view: TurnView) -> None:
        self.say(f"=== {view.date}: turn {view.turn} of {view.turns} ===")
        for item in view.news:
            self.say(f"- {markdown_to_text(item.text, self.width - 2)}")
        changes = change_words(self.campaign, view.changes)
        if changes:
            self.say(f"Since last season: {changes}.")

    def show_turn(self, view: TurnView, opening: bool) -> None:
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
        self.say(f"--- {event.title} ({event.date}) ---")
        self.prose(event.text)
        if event.codex:
            self.say('(History note: type "codex".)')
        self.show_options(view)

    def show_options(self, view: TurnView) -> None:
        self.say("Options:")
        for option in view.options:
            self.say(f"  {option_line(option)}")

    def show_codex(self, view: TurnView) -> None:
        codex_id = view.event.codex if view.event else None
        if codex_id is None:
            self.say("This event has no history note.")
            return
        entry = self.campaign.codex[codex_id]
        self.say(f"*** {entry.title} ({entry.date}) ***")
        self.prose(entry.text)
        if entry.sources:
            self.say("Sources: " + "; ".join(entry.sources) + ".")

    def show_timeline(self, view: TurnView) -> None:
        if not view.timeline:
            self.say("No decisions yet.")
            return
        for row in view.timeline:
            line = f"{row.date}, {row.event}: {row.chosen}"
            if row.outcome:
                line += f" ({row.outcome})"
            if row.as_history is True:
                line += " As in history."
            elif row.as_history is False:
                line += f" History: {row.history}"
            self.say(f"- {line}")

    def show_ending(self, view: TurnView) -> None:
        ending = view.ending
        if ending is None:
            return
        self.say()
        self.say(f"##### {ending.title} #####")
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
        self.say("The game is over.")

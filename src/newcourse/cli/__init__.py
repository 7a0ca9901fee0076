"""The one entry point: ``newcourse play | serve | check | playtest | graph | completion``.

This package wires front-ends and tools to the engine; it holds no game rule.
Every expected failure (a bad campaign, a bad save, a bad argument) ends with
one clear line on standard error and a non-zero exit (the codes are in
``errors``), never a traceback. Data goes to standard output, talk (progress,
notes, "Wrote ...") to standard error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__, settings
from ..extras import missing_extra
from .errors import EXIT_CODES, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, fail
from .output import OutputError, guarded_stdout, output_failed, stdout_failing
from .parsing import Parser, resolve
from .play import PLAY_NOTES, play

__all__ = ["build_parser", "main"]

PLAY_EXAMPLES = (
    "newcourse play\n"
    "newcourse play --plain --seed 42\n"
    "newcourse play --continue\n"
    "newcourse play --campaign my_campaign"
)


def _exit_codes() -> str:
    return "exit codes:\n" + "\n".join(
        f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES.items()
    )


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples as written; room for the longest command's name."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction):  # commands are listed indented
            longest = max(map(len, action.choices), default=0)
            self._action_max_length = max(
                self._action_max_length, longest + self._current_indent + 4
            )


def build_parser() -> Parser:
    """The command line's parser: every command, its options, its help and examples."""
    formatter = _Formatter
    parser = Parser(
        prog="newcourse",
        description="New Course: lead the Left Opposition, 1923-1930.\n"
        "With no command, 'newcourse' plays ('newcourse play').",
        epilog=f"{_exit_codes()}\n\nSee 'newcourse COMMAND --help' for a command's options "
        "and examples.",
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"newcourse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    play_parser = commands.add_parser(
        "play",
        help="play the game in the terminal",
        description="Play the game: full-screen in a terminal, line by line otherwise.",
        epilog=f"{PLAY_NOTES}\n\nexamples:\n  " + PLAY_EXAMPLES.replace("\n", "\n  "),
        formatter_class=formatter,
    )
    play_parser.add_argument(
        "--plain", action="store_true", help="line-by-line play (screen readers, pipes)"
    )
    play_parser.add_argument(
        "--continue", dest="resume", action="store_true", help="continue the last game"
    )
    play_parser.add_argument(
        "--load", metavar="NAME|FILE", help="load a save by the name it was saved under, or a file"
    )
    play_parser.add_argument(
        "--seed", type=int, help="the seed of a new game (same seed, same game)"
    )
    play_parser.add_argument(
        "--campaign", metavar="PATH", type=Path, help="play a campaign from a folder"
    )
    play_parser.add_argument("--no-save", action="store_true", help="do not write saves")

    serve = commands.add_parser(
        "serve",
        help="play in the browser: start the web player",
        description="Start the web player (and its JSON API) on this machine. Games are "
        "kept in an SQLite file in the data folder, or in the database --database-url names.",
        epilog="examples:\n"
        "  newcourse serve                      (then open http://127.0.0.1:8000/)\n"
        "  newcourse serve --host 0.0.0.0 --port 8080 --workers 2\n"
        "  newcourse serve --database-url postgresql+psycopg://user@host/newcourse\n"
        "  newcourse serve --workers 4 --database-url postgresql+psycopg://user@host/newcourse "
        "--redis-url redis://127.0.0.1:6379/0",
        formatter_class=formatter,
    )
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on")
    serve.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    serve.add_argument(
        "--database-url",
        metavar="URL",
        help="an SQLAlchemy URL (sqlite:///FILE, postgresql+psycopg://...)",
    )
    serve.add_argument(
        "--redis-url",
        metavar="URL",
        help="a Redis (redis://HOST:PORT/DB) that carries councils' news between the "
        "server's processes, and those of other servers on the same database",
    )
    serve.add_argument(
        "--access-log",
        action="store_true",
        help="write a line for every request (off by default: it slows a busy server)",
    )
    serve.set_defaults(run=_serve)

    from ..tools.commands import add_tool_commands

    add_tool_commands(commands, formatter)

    completion = commands.add_parser(
        "completion",
        help="print tab completion for bash, zsh or fish",
        description="Print a script that completes newcourse's commands and options "
        "when Tab is pressed.",
        epilog="examples:\n"
        "  newcourse completion bash > ~/.local/share/bash-completion/completions/newcourse\n"
        "  newcourse completion zsh > ~/.zfunc/_newcourse   (fpath+=~/.zfunc in ~/.zshrc)\n"
        "  newcourse completion fish > ~/.config/fish/completions/newcourse.fish",
        formatter_class=formatter,
    )
    completion.add_argument("shell", choices=("bash", "zsh", "fish"), help="the shell")
    completion.set_defaults(run=_completion, parser=parser)
    return parser


def _serve(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        return fail("--port must be between 1 and 65535.", EXIT_USAGE, "serve")
    if not 0 < args.workers <= 64:
        return fail("--workers must be between 1 and 64.", EXIT_USAGE, "serve")
    from ..web.serve import serve

    refused = serve(
        args.host, args.port, args.workers, args.database_url, args.redis_url, args.access_log
    )
    return EXIT_OK if refused is None else fail(f"{refused}.", EXIT_ERROR, "serve")


def _completion(args: argparse.Namespace) -> int:
    from .completion import run_completion

    return run_completion(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: the program's arguments); returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = resolve(parser, arguments)
    except SystemExit as done:  # --help, --version, or a refused command line
        return done.code if isinstance(done.code, int) else EXIT_USAGE
    command = args.command
    try:
        if command == "play":
            return play(args)
        with guarded_stdout():
            return int(args.run(args))
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (OutputError, BrokenPipeError) as error:
        return fail(output_failed(error), EXIT_ERROR, _speaker(command))
    except OSError as error:
        if not stdout_failing(error):  # play's own output is not guarded: its player wraps it
            return _unexpected(command, error)
        return fail(output_failed(error), EXIT_ERROR, _speaker(command))
    except Exception as error:
        return _unexpected(command, error)


def _unexpected(command: str, error: Exception) -> int:
    """A missing extra, or else an internal error, in one sentence worded for ``command``."""
    missing = missing_extra(error)
    if missing is not None:
        return fail(f"{missing}.", EXIT_ERROR, _speaker(command))
    if settings.current().debug:
        raise error
    return fail(_internal_error(command, error), EXIT_ERROR, _speaker(command))


def _speaker(command: str) -> str | None:
    """Who speaks in a failure: the tool by name; the game as plain ``newcourse``."""
    return None if command == "play" else command


def _internal_error(command: str, error: Exception) -> str:
    what = f"{type(error).__name__}: {error}"
    if command == "play":
        return (
            f"an internal error stopped the game ({what}). "
            "Your last autosave is safe; set NEWCOURSE_DEBUG=1 to see the details, "
            "and please report it."
        )
    return (
        f"could not finish because of an internal error ({what}); "
        "set NEWCOURSE_DEBUG=1 to see the details, and please report it."
    )

"""The command line as a whole: exit codes, one-sentence refusals, help, streams, completion."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newcourse import settings
from newcourse.cli import errors, main
from newcourse.cli.parsing import sentence
from newcourse.tools import exits
from tests.conftest import MINI

COMMANDS = ("play", "check", "playtest", "graph", "completion")


def newcourse(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newcourse", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        **kwargs,  # type: ignore[call-overload]
    )


def broken_campaign(folder: Path) -> Path:
    folder.mkdir()
    (folder / "campaign.yaml").write_text("id: Bad Id\ntitle: x\n")
    return folder


# ---------------------------------------------------------------- exit codes


def test_the_tools_and_the_command_line_share_their_exit_codes() -> None:
    names = ("EXIT_OK", "EXIT_ERROR", "EXIT_USAGE", "EXIT_CAMPAIGN", "EXIT_DIFFERENT")
    for name in (*names, "EXIT_INTERRUPTED"):
        assert getattr(errors, name) == getattr(exits, name), name
    assert len({getattr(errors, name) for name in names}) == len(names)  # all distinct


def test_help_lists_every_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for code in errors.EXIT_CODES:
        assert re.search(rf"^  {code}\s+\S", out, re.MULTILINE), code


def test_readme_lists_the_same_exit_codes() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    listed = {int(code) for code in re.findall(r"^\| `(\d+)` \|", readme, re.MULTILINE)}
    assert listed == set(errors.EXIT_CODES)


@pytest.mark.parametrize("command", ["play", "check", "playtest", "graph"])
def test_a_campaign_with_errors_is_not_a_bad_command_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = broken_campaign(tmp_path / "broken")
    extra = ["--plain", "--no-save"] if command == "play" else []
    assert main([command, "--campaign", str(folder), *extra]) == errors.EXIT_CAMPAIGN
    captured = capsys.readouterr()  # check's report is its output; the others' is talk
    assert "campaign.yaml:1: error:" in (captured.out if command == "check" else captured.err)


# ---------------------------------------------------------------- a wrong command line


WRONG = {  # the command line -> the one line on standard error
    "plya": "newcourse: unknown command 'plya' (did you mean 'play'?); see 'newcourse --help'.",
    "play --foo": "newcourse play: unknown option '--foo'; see 'newcourse play --help'.",
    "check --strct": "newcourse check: unknown option '--strct'; see 'newcourse check --help'.",
    "playtest -n many": "newcourse playtest: -n/--games takes a whole number, not 'many'; "
    "see 'newcourse playtest --help'.",
    "graph --format jpg": "newcourse graph: --format cannot be 'jpg': it takes dot, svg, png "
    "or pdf (did you mean 'png'?); see 'newcourse graph --help'.",
    "--plain --seed": "newcourse play: --seed needs a value; see 'newcourse play --help'.",
    "completion tcsh": "newcourse completion: shell cannot be 'tcsh': it takes bash, zsh or fish; "
    "see 'newcourse completion --help'.",
}


@pytest.mark.parametrize("command_line", list(WRONG))
def test_a_wrong_command_line_gets_one_sentence_and_exit_2(
    command_line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(command_line.split()) == errors.EXIT_USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == WRONG[command_line] + "\n"


def test_argparse_complaints_it_does_not_know_pass_through() -> None:
    assert sentence("something new") == "something new"


def test_a_bare_option_is_plays(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-such-flag"]) == 2
    assert "newcourse play: unknown option '--no-such-flag'" in capsys.readouterr().err


# ---------------------------------------------------------------- help


def test_the_top_help_lists_each_command_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert re.search(rf"^    {command}\s+\w.*$", out, re.MULTILINE), command


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_a_description_and_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    usage, description = out.split("\n\n")[:2]
    assert usage.startswith(f"usage: newcourse {command}")
    assert description.strip().endswith(".") and "\n" not in description.strip()
    examples = out.split("examples:\n", 1)[1]
    assert examples.lstrip().startswith(f"newcourse {command}")


# ---------------------------------------------------------------- one way to name a campaign


@pytest.mark.parametrize("command", ["check", "playtest", "graph"])
def test_every_command_takes_campaign(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    extra = {"check": ["--games", "0"], "playtest": ["-n", "3", "--quiet"], "graph": []}
    assert main([command, "--campaign", str(MINI), *extra[command]]) == 0
    out = capsys.readouterr().out
    assert {"check": "mini: 0 errors", "playtest": "Small Test Campaign", "graph": "digraph"}[
        command
    ] in out
    assert main([command, "--help"]) == 0
    assert "--campaign PATH" in capsys.readouterr().out


# ---------------------------------------------------------------- streams


def test_notes_go_to_stderr_and_the_report_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    args = ["playtest", "--campaign", str(MINI), "-n", "5", "--quiet", "--json", str(report)]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "Wrote" not in captured.out and f"Wrote {report}" in captured.err
    assert "Endings" in captured.out
    assert json.loads(report.read_text())["games"] == 5

    dot = tmp_path / "events.dot"
    assert main(["graph", "--campaign", str(MINI), "-o", str(dot)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and f"Wrote {dot}" in captured.err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["playtest", "--campaign", str(MINI), "-n", "20", "--quiet", "--jobs", "1"],
        ["graph", "--campaign", str(MINI)],
        ["check", "--campaign", str(MINI), "--games", "0"],
        ["completion", "bash"],
        ["play", "--plain", "--seed", "1", "--no-save", "--campaign", str(MINI)],
    ],
)
def test_a_full_stdout_is_an_output_error(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "newcourse", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=60,
        )
    assert run.returncode == errors.EXIT_ERROR
    who = "newcourse" if args[0] == "play" else f"newcourse {args[0]}"  # the game, or a tool
    assert run.stderr == f"{who}: could not write the output: No space left on device\n"


def test_a_closed_stdout_is_an_output_error() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "newcourse", "completion", "bash"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away at once, as `| head -0` would
    with process.stderr:
        err = process.stderr.read().decode()
    assert process.wait(timeout=60) == errors.EXIT_ERROR
    assert err == "newcourse completion: could not write the output: Broken pipe\n"


# ---------------------------------------------------------------- the tools speak as tools


@pytest.mark.parametrize(
    ("command", "home"),
    [
        ("check", "newcourse.tools.check.run_check"),
        ("playtest", "newcourse.tools.playtest.command.run_playtest"),
        ("graph", "newcourse.tools.graph.command.run_graph"),
    ],
)
def test_an_internal_error_in_a_tool_is_worded_for_the_tool(
    command: str, home: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object) -> int:
        raise ValueError("a bug")

    monkeypatch.delenv("NEWCOURSE_DEBUG", raising=False)
    settings.reload()
    monkeypatch.setattr(home, broken)
    assert main([command, "--campaign", str(MINI)]) == errors.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith(f"newcourse {command}: could not finish because of an internal error")
    assert "ValueError: a bug" in err
    assert "game" not in err and "autosave" not in err
    assert len(err.splitlines()) == 1


def test_an_internal_error_in_play_speaks_of_the_game(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object) -> int:
        raise ValueError("a bug")

    monkeypatch.delenv("NEWCOURSE_DEBUG", raising=False)
    settings.reload()
    monkeypatch.setattr("newcourse.cli.play", broken)
    assert main(["play", "--plain"]) == errors.EXIT_ERROR
    assert "an internal error stopped the game" in capsys.readouterr().err


# ---------------------------------------------------------------- shell completion


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_know_every_command(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for command in COMMANDS:
        assert command in script, command
    for option in ("--campaign", "--strategy", "--plain"):
        assert option.lstrip("-") in script, option


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_bash_completion_parses_and_completes(tmp_path: Path) -> None:
    script = tmp_path / "newcourse.bash"
    script.write_text(newcourse("completion", "bash").stdout)
    probe = (
        f"source {script} && complete -p newcourse && "
        "COMP_WORDS=(newcourse pla) COMP_CWORD=1 COMP_LINE='newcourse pla' COMP_POINT=13 "
        "&& _shtab_newcourse newcourse pla newcourse && echo ${COMPREPLY[@]}"
    )
    run = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", probe],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PATH": os.environ.get("PATH", "")},
    )
    assert run.returncode == 0, run.stderr
    assert "complete -o bashdefault -F _shtab_newcourse newcourse" in run.stdout
    assert run.stdout.strip().splitlines()[-1].split() == ["play", "playtest"]

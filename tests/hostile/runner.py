"""Running the catalogue: prepare each case's input, run ``python -m newcourse``, keep what it said.

Every run is a subprocess with no terminal (standard input a pipe, a file or
/dev/null; a session of its own), a wall-clock limit and an address-space
limit, its own data folder and its own campaign cache. ``Runs`` keeps a few
cases running at once from the one test thread: asking for a case's result
starts the cases queued before it and waits only for its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .cases import Case

__all__ = ["Run", "Runs", "jobs"]

TESTS = Path(__file__).resolve().parents[1]
BASES = {
    "mini": TESTS / "campaigns" / "mini",
    "real": TESTS.parent / "src" / "newcourse" / "campaigns" / "left_opposition",
}
PIPE_CAPACITY = 60_000  # bytes that fit in a pipe at once, so writing them never blocks
OUTPUT_LIMIT = 256 * 2**20  # a run may not write more than this to any one file
READ_LIMIT = 4 * 2**20  # of each stream, only this much is kept for the checks


def jobs() -> int:
    """How many cases run at once (NEWCOURSE_HOSTILE_JOBS, else the cores, at least two)."""
    wanted = os.environ.get("NEWCOURSE_HOSTILE_JOBS", "")
    if wanted.isdecimal() and int(wanted) > 0:
        return int(wanted)
    return max(2, os.cpu_count() or 2)


@dataclass
class Run:
    """What one case's run did."""

    case: Case
    argv: list[str]
    exit: int | None = None
    stdout: str = ""
    stderr: str = ""
    seconds: float = 0.0
    timed_out: bool = False
    saves_before: dict[str, str] = field(default_factory=dict)
    saves_after: dict[str, str] = field(default_factory=dict)

    def saves_lost(self) -> list[str]:
        """The saves present before the run whose content is nowhere after it."""
        kept = set(self.saves_after.values())
        return sorted(name for name, digest in self.saves_before.items() if digest not in kept)


@dataclass
class _Prepared:
    run: Run
    folder: Path
    env: dict[str, str]
    stdin: bytes
    watched: list[Path]


@dataclass
class _Running:
    prepared: _Prepared
    process: subprocess.Popen[bytes]
    started: float
    streams: list[IO[bytes]]


def _digests(paths: Iterable[Path]) -> dict[str, str]:
    """The content hash of every regular file under the paths (files or folders)."""
    found: dict[str, str] = {}
    for root in paths:
        candidates = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
        for path in candidates:
            if path.is_file() and not path.is_symlink():
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _limiter(memory_mb: int) -> Callable[[], None]:
    def limit() -> None:
        size = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
        resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT, OUTPUT_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return limit


def _environment(places: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWCOURSE_")}
    for name in ("COLUMNS", "LINES", "PYTHONIOENCODING", "PYTHONWARNINGS"):
        env.pop(name, None)
    env["NEWCOURSE_DATA_DIR"] = places["{data}"]
    env["NEWCOURSE_CACHE_DIR"] = str(Path(places["{tmp}"]) / "cache")
    env["TERM"] = "dumb"
    for name, value in extra.items():
        env[name] = _fill(value, places)
    return env


def _fill(text: str, places: dict[str, str]) -> str:
    for placeholder, value in places.items():
        text = text.replace(placeholder, value)
    return text


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def prepare(case: Case, folder: Path) -> _Prepared:
    """Lay out the case's campaign, save, data folder and FIFOs in a fresh folder."""
    campaign, data, save = folder / "campaign", folder / "data", folder / "save.json"
    places = {"{campaign}": str(campaign), "{save}": str(save), "{data}": str(data)}
    places["{tmp}"] = str(folder)
    spec = case.campaign
    shutil.copytree(BASES[spec.base if spec else "mini"], campaign)
    if spec is not None:
        for name in spec.remove:
            target = campaign / name
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        for name, text in spec.files.items():
            _write(campaign / name, text.encode("utf-8"))
        for name, hex_text in spec.files_hex.items():
            _write(campaign / name, bytes.fromhex(hex_text))
        for name, target_name in spec.symlinks.items():
            link = campaign / name
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(_fill(target_name, places))
    data.mkdir()
    for name, text in case.data_files.items():
        _write(data / name, text.encode("utf-8"))
    content = case.save_bytes()
    if content is not None:
        save.write_bytes(content)
    for name in case.fifos:
        os.mkfifo(_fill(name, places))
    watched = [data, save]
    argv = [sys.executable, "-m", "newcourse", *(_fill(part, places) for part in case.command)]
    run = Run(case, argv, saves_before=_digests(watched))
    env = _environment(places, case.env)
    return _Prepared(run, folder, env, case.stdin_bytes(), watched)


def _start(prepared: _Prepared) -> _Running:
    case, folder = prepared.run.case, prepared.folder
    out = (folder / "stdout").open("wb")
    err = (folder / "stderr").open("wb")
    streams: list[IO[bytes]] = [out, err]
    stdin: int | IO[bytes]
    if not prepared.stdin:
        stdin = subprocess.DEVNULL
    elif len(prepared.stdin) <= PIPE_CAPACITY:
        stdin = subprocess.PIPE
    else:
        (folder / "stdin").write_bytes(prepared.stdin)
        stdin = (folder / "stdin").open("rb")
        streams.append(stdin)
    process = subprocess.Popen(
        prepared.run.argv,
        stdin=stdin,
        stdout=out,
        stderr=err,
        cwd=folder,
        env=prepared.env,
        start_new_session=True,
        preexec_fn=_limiter(case.limits.memory_mb),
    )
    if stdin == subprocess.PIPE:
        assert process.stdin is not None
        try:
            process.stdin.write(prepared.stdin)
            process.stdin.close()
        except BrokenPipeError:
            pass
    return _Running(prepared, process, time.monotonic(), streams)


def _kill(session: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(session, signal.SIGKILL)


def _read(path: Path) -> str:
    with path.open("rb") as stream:
        return stream.read(READ_LIMIT).decode("utf-8", errors="replace")


def _finish(running: _Running, timed_out: bool) -> Run:
    run, folder = running.prepared.run, running.prepared.folder
    if timed_out:
        _kill(running.process.pid)
    run.exit = running.process.wait()
    _kill(running.process.pid)  # whatever the command started in its session goes with it
    run.seconds = time.monotonic() - running.started
    run.timed_out = timed_out
    for stream in running.streams:
        stream.close()
    run.stdout, run.stderr = _read(folder / "stdout"), _read(folder / "stderr")
    run.saves_after = _digests(running.prepared.watched)
    return run


class Runs:
    """The selected cases, run a few at a time; ``result`` waits for one of them."""

    def __init__(self, cases: list[Case], scratch: Callable[[str], Path], workers: int) -> None:
        self.queue = list(cases)
        self.scratch = scratch
        self.workers = workers
        self.running: list[_Running] = []
        self.done: dict[str, Run] = {}

    def result(self, case: Case) -> Run:
        """The run of this case, started now if it is not queued (e.g. run on its own)."""
        known = [*self.done, *(c.id for c in self.queue)]
        known += [r.prepared.run.case.id for r in self.running]
        if case.id not in known:
            self.queue.insert(0, case)
        while case.id not in self.done:
            self._step()
        return self.done.pop(case.id)

    def _step(self) -> None:
        now = time.monotonic()
        for running in list(self.running):
            over = now - running.started > running.prepared.run.case.limits.seconds
            if running.process.poll() is not None or over:
                self.running.remove(running)
                run = _finish(running, timed_out=over and running.process.poll() is None)
                self.done[run.case.id] = run
        while self.queue and len(self.running) < self.workers:
            case = self.queue.pop(0)
            self.running.append(_start(prepare(case, self.scratch(case.id))))
        if self.running:
            time.sleep(0.01)

    def close(self) -> None:
        """Stop whatever is still running (an interrupted session)."""
        for running in self.running:
            _kill(running.process.pid)
            running.process.wait()
            for stream in running.streams:
                stream.close()
        self.running.clear()
        self.queue.clear()

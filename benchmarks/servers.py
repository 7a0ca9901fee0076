"""The processes of the web load test: ``newcourse serve``, a throwaway PostgreSQL
cluster, and the CPU time a process and its children have used (read from /proc)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from common import newcourse_command

TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def cpu_seconds(root: int) -> float:
    """User + system CPU seconds of process ``root`` and of every living descendant."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / TICKS
    family, total = {root}, 0.0
    for pid in sorted(times):  # a child's pid may be lower than its parent's: walk to the top
        ancestor = pid
        while ancestor not in family and ancestor in parents and ancestor > 1:
            ancestor = parents[ancestor]
        if ancestor in family:
            family.add(pid)
            total += times[pid]
    return total


def stop(pid: int, sig: int = signal.SIGTERM, wait: float = 15.0) -> None:
    """Signal ``pid`` and wait until it is gone or a zombie (a daemon's parent may reap late)."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return
        if state == "Z":
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)


def _run(*command: str) -> None:
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)


@contextmanager
def postgres_cluster() -> Iterator[tuple[str, int]]:
    """A throwaway PostgreSQL cluster on a free loopback port (fsync off: for speed only);
    yields its URL and the postmaster's pid, and removes it afterwards."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    pgbin = found[-1]
    root = Path(tempfile.mkdtemp(prefix="newcourse-load-pg."))
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root
        root.chmod(0o755)
        shutil.chown(root, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    port, data = free_port(), str(root / "data")
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c max_connections=200 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    try:
        initdb = ["--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
        _run(*as_postgres, str(pgbin / "initdb"), "-D", data, "-U", "postgres", *initdb)
        log = str(root / "server.log")
        _run(
            *as_postgres, str(pgbin / "pg_ctl"), "-D", data, "-l", log, "-w", "start", "-o", options
        )
        pid = int((root / "data" / "postmaster.pid").read_text().split()[0])
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", pid
        finally:
            stop(pid, signal.SIGINT)  # a fast shutdown
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def run_database(url: str | None, postgres: bool) -> Iterator[tuple[str | None, int | None]]:
    """The database a run uses, and its server's PID: a throwaway PostgreSQL cluster
    when ``postgres``, else ``url`` (None: the server's own SQLite file) and no PID."""
    if postgres:
        with postgres_cluster() as (cluster_url, pid):
            yield cluster_url, pid
    else:
        yield url, None


def database_kind(url: str | None) -> str:
    """ "sqlite" or "postgresql", as the figures name a run's database."""
    return "sqlite" if url is None or url.startswith("sqlite") else "postgresql"


@contextmanager
def web_server(url: str | None, workers: int, data: Path) -> Iterator[tuple[str, int]]:
    """``newcourse serve`` on a free loopback port; yields its address and pid once it
    answers, and stops it afterwards."""
    port = free_port()
    command = [*newcourse_command(), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)] + (["--database-url", url] if url else [])
    log = (data / "server.log").open("wb")
    environment = {**os.environ, "NEWCOURSE_DATA_DIR": str(data / "saves")}
    environment.pop("NEWCOURSE_DATABASE_URL", None)
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit("the server stopped:\n" + (data / "server.log").read_text())
            try:
                if httpx.get(f"{address}/api/codes", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not answer within a minute")
            time.sleep(0.2)
        yield address, server.pid
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)  # uvicorn stops its workers on Ctrl-C
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()

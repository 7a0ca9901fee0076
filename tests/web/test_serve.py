"""``newcourse serve``: its options, a missing extra in one sentence, and a real start."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO, Any

from pytest import MonkeyPatch

from newcourse import settings
from newcourse.cli import main

WITHOUT_THE_WEB = """
import sys
sys.modules["fastapi"] = None
from newcourse.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_serve_without_the_web_extra_says_which_to_install(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", WITHOUT_THE_WEB, "serve"],
        capture_output=True,
        text=True,
        env={**os.environ, "NEWCOURSE_DATA_DIR": str(tmp_path)},
        timeout=60,
    )
    assert run.returncode == 1
    assert run.stderr.strip() == (
        "newcourse serve: the web player needs the 'web' extra: pip install 'newcourse[web]'."
    )


def test_bad_options_are_refused_in_one_sentence() -> None:
    assert main(["serve", "--port", "0"]) == 2
    assert main(["serve", "--workers", "0"]) == 2
    assert main(["serve", "--database-url", "nonsense://x"]) == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_the_server_starts_serves_the_start_page_and_stops(tmp_path: Path) -> None:
    port = _free_port()
    database = tmp_path / "served.sqlite3"
    log = tmp_path / "server.log"
    with log.open("w") as said:
        server = _start(port, database, said, tmp_path)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    text = page.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the server did not answer in 30 s"
                time.sleep(0.2)
        assert "Begin a new game" in text
        assert database.is_file()
        assert f"http://127.0.0.1:{port}/" in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)


def _start(port: int, database: Path, log: IO[str], data: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newcourse", "serve", "--port", str(port),
         "--database-url", f"sqlite:///{database}"],
        stdout=subprocess.DEVNULL,
        stderr=log,
        env={**os.environ, "NEWCOURSE_DATA_DIR": str(data)},
    )  # fmt: skip


def test_the_server_stops_at_once_with_a_council_stream_open(tmp_path: Path) -> None:
    from newcourse.web.councils.events import BEAT
    from newcourse.web.serve import STOPPING

    from .serving import Member, Served

    served = Served(tmp_path, f"sqlite:///{tmp_path / 'served.sqlite3'}").start()
    ana = Member().arm(served)
    try:
        made = ana.call(served, "POST", "/api/councils", json={"name": "Ana"})
        code = made.json()["council"]["code"]
        with ana.http.stream("GET", f"{served.url}/c/{code}/events") as stream:
            assert next(stream.iter_lines()).startswith("retry:")
            asked = time.monotonic()
            served.stop()  # as Ctrl-C: the open stream does not hold the server
            took = time.monotonic() - asked
        assert served.process is not None and served.process.returncode is not None
        assert took < STOPPING + 2 < BEAT, f"the server took {took:.1f} s to stop"
    finally:
        served.stop()
        ana.close()


def test_requests_are_logged_only_when_asked(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    import uvicorn

    ran: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: ran.append(options))
    url = f"sqlite:///{tmp_path / 'served.sqlite3'}"
    monkeypatch.setenv("NEWCOURSE_DATABASE_URL", url)  # serve sets it: undone after the test
    monkeypatch.delenv("NEWCOURSE_DEBUG", raising=False)
    settings.reload()
    assert main(["serve", "--database-url", url]) == 0
    assert main(["serve", "--database-url", url, "--access-log"]) == 0
    quiet, logged = ran
    assert not quiet["access_log"] and quiet["log_level"] == "warning"
    assert logged["access_log"] and logged["log_level"] == "info"

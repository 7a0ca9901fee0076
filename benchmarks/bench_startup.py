"""Start-up: from spawning ``newcourse play --plain`` to its first prompt ("> ").

stdin is a pipe, saves are off (``--no-save``) and every run has a fresh, empty
NEWCOURSE_DATA_DIR. Measured the way a player meets it: Python's bytecode cache
written (one warm-up run first, with PYTHONDONTWRITEBYTECODE unset); and, for
information, with no bytecode cache at all (PYTHONDONTWRITEBYTECODE=1 and an
empty PYTHONPYCACHEPREFIX), where every module is compiled from source on each start.

    python benchmarks/bench_startup.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import json
import os
import select
import subprocess
import tempfile
import time
from typing import Any

from common import median_of, newcourse_command

PROMPT = b"> "
TIMEOUT = 30.0


def first_prompt(environment: dict[str, str]) -> float:
    """Seconds from spawning the player to the first prompt on its output."""
    with tempfile.TemporaryDirectory() as data:
        env = {**environment, "NEWCOURSE_DATA_DIR": data}
        command = [*newcourse_command(), "play", "--plain", "--no-save", "--seed", "1"]
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        assert process.stdout is not None and process.stdin is not None
        seen = b""
        try:
            while PROMPT not in seen:
                ready, _, _ = select.select([process.stdout], [], [], TIMEOUT)
                chunk = os.read(process.stdout.fileno(), 65536) if ready else b""
                if not chunk:
                    raise RuntimeError(f"no prompt; the player wrote: {seen[-300:]!r}")
                seen += chunk
            elapsed = time.perf_counter() - started
        finally:
            process.stdin.close()
            process.kill()
            process.wait()
        return elapsed


def measure(repeat: int = 15) -> dict[str, Any]:
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    first_prompt(cached)  # writes the bytecode cache, as the first start after install does
    warm, runs = median_of(repeat, lambda: first_prompt(cached))
    with tempfile.TemporaryDirectory() as empty:
        # an empty cache folder that is never written: every module compiled from source
        uncached = {**cached, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": empty}
        cold, cold_runs = median_of(max(3, repeat // 3), lambda: first_prompt(uncached))
    return {
        "first_prompt_s": warm,
        "runs_s": runs,
        "first_prompt_without_bytecode_cache_s": cold,
        "runs_without_bytecode_cache_s": cold_runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(json.dumps(measure(args.repeat), indent=1))


if __name__ == "__main__":
    main()

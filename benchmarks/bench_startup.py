"""Start-up: from spawning ``newcourse play --plain`` to its first prompt ("> ").

stdin is a pipe, saves are off (``--no-save``) and every run has a fresh, empty
NEWCOURSE_DATA_DIR. Each run gives the wall time to the prompt and the CPU time
the player used until then (user + system, read with wait4 when it is stopped
at the prompt). Python's bytecode cache is written first (one warm-up run), as
the first start after an install does.

Two kinds of start, taken in turn so that the machine's drift hits both alike:

- warm: the checked campaign is in the campaign cache (NEWCOURSE_CACHE_DIR);
- cold: NEWCOURSE_NO_CACHE=1, so every file is read, validated and checked.

For information, also a warm start with no bytecode cache at all
(PYTHONDONTWRITEBYTECODE=1 and an empty PYTHONPYCACHEPREFIX).

    python benchmarks/bench_startup.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import statistics
import subprocess
import tempfile
import time
from typing import Any

from common import newcourse_command

PROMPT = b"> "
TIMEOUT = 30.0


def first_prompt(environment: dict[str, str]) -> tuple[float, float]:
    """Wall seconds from spawning the player to its first prompt, and its CPU seconds."""
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
            process.send_signal(signal.SIGKILL)
            _, _, usage = os.wait4(process.pid, 0)
            process.returncode = -signal.SIGKILL
            process.stdin.close()
            process.stdout.close()
        return elapsed, usage.ru_utime + usage.ru_stime


def _medians(runs: list[tuple[float, float]]) -> dict[str, Any]:
    return {
        "wall_s": statistics.median(wall for wall, _ in runs),
        "cpu_s": statistics.median(cpu for _, cpu in runs),
        "runs": [[round(wall, 4), round(cpu, 4)] for wall, cpu in runs],
    }


def measure(repeat: int = 15) -> dict[str, Any]:
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    with tempfile.TemporaryDirectory() as kept:
        warm_env = {**base, "NEWCOURSE_CACHE_DIR": kept}
        warm_env.pop("NEWCOURSE_NO_CACHE", None)
        cold_env = {**base, "NEWCOURSE_NO_CACHE": "1"}
        first_prompt(warm_env)  # writes the bytecode cache and the campaign cache
        warm, cold = [], []
        for _ in range(repeat):
            cold.append(first_prompt(cold_env))
            warm.append(first_prompt(warm_env))
        with tempfile.TemporaryDirectory() as empty:
            # an empty folder that is never written: every module compiled from source
            uncompiled = {**warm_env, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": empty}
            bare = [first_prompt(uncompiled) for _ in range(max(3, repeat // 3))]
    warm_figures, cold_figures, bare_figures = _medians(warm), _medians(cold), _medians(bare)
    return {
        "first_prompt_s": warm_figures["wall_s"],
        "first_prompt_cpu_s": warm_figures["cpu_s"],
        "first_prompt_without_campaign_cache_s": cold_figures["wall_s"],
        "first_prompt_without_campaign_cache_cpu_s": cold_figures["cpu_s"],
        "first_prompt_without_bytecode_cache_s": bare_figures["wall_s"],
        "warm": warm_figures,
        "cold": cold_figures,
        "without_bytecode_cache": bare_figures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(json.dumps(measure(args.repeat), indent=1))


if __name__ == "__main__":
    main()

"""The catalogue of hostile inputs: every case answers in one sentence, in time, losing nothing.

Each entry of ``cases/*.yaml`` becomes one test, named by its id; see README.md.
"""

from __future__ import annotations

import re
import shlex

import pytest

from .cases import Case, Malformed, load_catalogue
from .runner import Run, Runs

pytestmark = pytest.mark.hostile

CATALOGUE = load_catalogue()
FORBIDDEN = ("traceback", "internal error")


def _tail(text: str, size: int = 1500) -> str:
    return text if len(text) <= size else "…" + text[-size:]


def _account(run: Run) -> str:
    return (
        f"\n  command: newcourse {shlex.join(run.argv[3:])}"
        f"\n  exit: {run.exit} after {run.seconds:.1f} s"
        f"\n  stdout: {_tail(run.stdout)!r}"
        f"\n  stderr: {_tail(run.stderr)!r}"
    )


def problems(run: Run) -> list[str]:
    """Everything the run did that its case does not allow."""
    case, expect = run.case, run.case.expect
    found: list[str] = []
    if run.timed_out:
        found.append(f"did not finish within {case.limits.seconds:g} s")
    elif run.exit != expect.exit:
        found.append(f"exit code {run.exit}, expected {expect.exit}")
    for name, output in (("stdout", run.stdout), ("stderr", run.stderr)):
        for word in FORBIDDEN:
            if word in output.lower():
                found.append(f"{name} contains {word!r}")
    if expect.stderr is not None and not re.search(expect.stderr, run.stderr):
        found.append(f"stderr does not match {expect.stderr!r}")
    if expect.stdout is not None and not re.search(expect.stdout, run.stdout):
        found.append(f"stdout does not match {expect.stdout!r}")
    if not expect.save_changes:
        found.extend(f"the save {name} was changed or lost" for name in run.saves_lost())
    return found


@pytest.mark.parametrize("case", CATALOGUE, ids=[entry.id for entry in CATALOGUE])
def test_hostile_input(case: Case | Malformed, catalogue_runs: Runs) -> None:
    if isinstance(case, Malformed):
        pytest.fail(f"{case.where}: entry {case.id!r} is malformed: {case.problem}", False)
    run = catalogue_runs.result(case)
    found = problems(run)
    if found:
        pytest.fail(f"{case.where} {case.id} ({case.about}): " + "; ".join(found) + _account(run))

"""The catalogue's runs: one ``Runs`` for the session, holding the selected cases in order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .cases import Case
from .runner import Runs, jobs


@pytest.fixture(scope="session")
def catalogue_runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Runs]:
    """Every selected case, queued in the order pytest will ask for them."""
    selected: list[Case] = []
    for item in request.session.items:
        case = getattr(getattr(item, "callspec", None), "params", {}).get("case")
        if isinstance(case, Case):
            selected.append(case)
    runs = Runs(selected, lambda name: tmp_path_factory.mktemp(name, numbered=True), jobs())
    yield runs
    runs.close()


def pytest_configure(config: pytest.Config) -> None:
    """Name the marker here too, so the catalogue runs whatever the project's options say."""
    config.addinivalue_line("markers", "hostile: the catalogue of hostile inputs")

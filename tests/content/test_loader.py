"""Loading campaign folders: the real campaign, the test one, and mistakes with their lines."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from newcourse.content import CampaignError, builtin_campaign_path, load_campaign
from newcourse.content.schema_export import render_schemas
from newcourse.engine import Campaign

from ..conftest import MINI

DOCS_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schema"


def test_the_test_campaign_loads(mini: Campaign) -> None:
    assert mini.id == "mini"
    assert str(mini.start) == "Autumn 1923" and mini.turns == 3
    assert set(mini.events) == {"letter", "conference", "strike", "informer", "work"}
    assert mini.codex["letter"].sources == ("A test source",)
    assert mini.events["letter"].source.line == 2


def test_the_real_campaign_loads_with_its_first_year(real: Campaign) -> None:
    assert real.id == "left_opposition"
    assert str(real.start) == "Autumn 1923"
    assert len(real.events) >= 15
    historical = [e for e in real.events.values() if e.date is not None]
    assert all(e.codex in real.codex for e in historical), "every set piece has a history note"


def broken_copy(tmp_path: Path, file: str, text: str) -> Path:
    folder = tmp_path / "broken"
    shutil.copytree(MINI, folder)
    (folder / file).write_text(text, encoding="utf-8")
    return folder


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder)
    return [str(d) for d in caught.value.errors]


def test_every_mistake_is_reported_at_once_with_its_line(tmp_path: Path) -> None:
    folder = broken_copy(
        tmp_path,
        "events/autumn.yaml",
        """events:
  - id: letter
    title: The letter
    date: 1923-10-08
    text: Text.
    options:
      - id: keep
        text: Keep it.
        effects: "democrasy += 1"
  - id: conference
    title: The conference
    date: 1923-12-01
    text: Text.
    options:
      - id: publish
        text: Publish it.
        requires: "cadres >"
        efects: "cadres -= 1"
""",
    )
    errors = errors_of(folder)
    assert any(
        e.endswith(
            "autumn.yaml:9: error: event 'letter', option 'keep', effects: "
            "unknown name 'democrasy'; did you mean 'democracy'? (column 1)"
        )
        for e in errors
    ), errors
    assert any(
        "autumn.yaml:18: error: event 'conference', option 'publish': unknown field 'efects'; "
        "did you mean 'effects'?" in e
        for e in errors
    ), errors


def test_expression_lines_count_inside_block_text(tmp_path: Path) -> None:
    folder = broken_copy(
        tmp_path,
        "world.yaml",
        """rules:
  - id: drift
    effects: |
      apparatus += 2
      democracy -= purged
""",
    )
    assert any(
        "world.yaml:5: error: rule 'drift', effects: quality 'democracy' needs a number value" in e
        for e in errors_of(folder)
    )


def test_yaml_syntax_errors_give_the_line(tmp_path: Path) -> None:
    folder = broken_copy(tmp_path, "endings.yaml", "endings:\n  - id: x\n    title: [unclosed\n")
    assert any("endings.yaml:4: error: YAML syntax" in e for e in errors_of(folder))


def test_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    assert errors_of(tmp_path / "nowhere") == [
        f"{tmp_path / 'nowhere'}: error: there is no campaign folder here"
    ]


def test_the_json_schemas_in_docs_are_up_to_date() -> None:
    for name, text in render_schemas().items():
        path = DOCS_SCHEMA / name
        assert path.is_file(), f"{name} is missing; run 'make schema'"
        assert path.read_text(encoding="utf-8") == text, f"{name} is out of date; run 'make schema'"


def as_json(data: Any) -> Any:
    """YAML dates as the strings an editor's schema sees."""
    if isinstance(data, dict):
        return {str(k): as_json(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_json(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


@pytest.mark.parametrize("folder", [MINI, builtin_campaign_path()], ids=["mini", "real"])
def test_campaign_files_validate_against_the_editor_schemas(folder: Path) -> None:
    kinds = {
        "campaign.yaml": "campaign",
        "world.yaml": "world",
        "endings.yaml": "endings",
        "news.yaml": "news",
        "strategies.yaml": "strategies",
    }
    files = [(folder / name, kind) for name, kind in kinds.items() if (folder / name).is_file()]
    files += [(path, "events") for path in sorted((folder / "events").glob("*.yaml"))]
    for path, kind in files:
        schema = yaml.safe_load((DOCS_SCHEMA / f"{kind}.schema.json").read_text())
        jsonschema.validate(as_json(yaml.safe_load(path.read_text())), schema)

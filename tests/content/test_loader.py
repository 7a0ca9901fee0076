"""Loading campaign folders: the real campaign, the test one, and mistakes with their lines."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from newcourse.content import CampaignError, builtin_campaign_path, load_campaign
from newcourse.content.schema_export import PACKAGED, render_schemas
from newcourse.content.yaml_rules import CampaignLoader
from newcourse.content.yaml_source import parse_yaml
from newcourse.engine import Campaign

from ..conftest import MINI

ROOT = Path(__file__).resolve().parents[2]
DOCS_SCHEMA = ROOT / "docs" / "schema"


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


def test_a_rules_news_is_one_line_or_a_list_of_lines_in_order(
    mini: Campaign, tmp_path: Path
) -> None:
    assert mini.rules[0].news == ("The apparatus grows.", "The apparatus grows again.")
    folder = broken_copy(
        tmp_path,
        "world.yaml",
        "rules:\n  - id: drift\n    effects: apparatus += 2\n    news: '  The apparatus grows. '\n"
        "  - id: quiet\n    effects: apparatus += 1\n",
    )
    assert [rule.news for rule in load_campaign(folder).rules] == [("The apparatus grows.",), ()]


def test_a_blank_or_repeated_news_line_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = broken_copy(
        tmp_path,
        "world.yaml",
        """rules:
  - id: drift
    effects: apparatus += 2
    news:
      - The apparatus grows.
      - " "
      - The apparatus grows.
  - id: quiet
    effects: apparatus += 1
    news: []
""",
    )
    assert [error.split("/broken/")[-1] for error in errors_of(folder)] == [
        "world.yaml:6: error: rule 'drift', news: line 2 is blank",
        "world.yaml:7: error: rule 'drift', news: line 3 repeats line 1 word for word",
        "world.yaml:10: error: rule 'quiet', news: the list is empty; leave 'news' out instead",
    ]


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


def read_as_editor(path: Path) -> Any:
    """A file's data as the loader reads it, which is how a YAML 1.2 editor reads it."""
    doc, problems = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    assert doc is not None and not problems, problems
    return as_json(doc.data)


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
        schema = json.loads((PACKAGED / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(read_as_editor(path), schema)
    for path in sorted((folder / "codex").glob("*.md")):
        front = path.read_text(encoding="utf-8").split("---")[1]
        schema = json.loads((PACKAGED / "codex.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(as_json(yaml.load(front, Loader=CampaignLoader)), schema)


def test_what_an_editor_accepts_the_loader_reads_the_same_way(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    path = folder / "events" / "autumn.yaml"
    text = path.read_text(encoding="utf-8").replace("title: The letter", "title: Yes")
    path.write_text(text.replace("id: keep_secret", "id: no"), encoding="utf-8")
    schema = json.loads((PACKAGED / "events.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(read_as_editor(path), schema)
    event = load_campaign(folder).events["letter"]
    assert event.title == "Yes" and event.options[0].id == "no"


def test_every_schema_property_has_a_description_for_hover_help() -> None:
    def undescribed(node: Any, where: str) -> list[str]:
        found = []
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if "description" not in prop:
                    found.append(f"{where}.{name}")
            for key, value in node.items():
                found += undescribed(value, f"{where}.{key}")
        return found

    for name in render_schemas():
        schema = json.loads((PACKAGED / name).read_text(encoding="utf-8"))
        assert undescribed(schema, name) == []


def _editor_mapping() -> dict[str, list[str]]:
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.DOTALL)
    assert block is not None, "the authoring guide gives no editor mapping"
    mapping: dict[str, list[str]] = json.loads(block.group(1))["yaml.schemas"]
    return mapping


def test_the_authoring_guides_editor_mapping_covers_the_bundled_campaign() -> None:
    campaign = builtin_campaign_path()
    covered: set[Path] = set()
    for schema_path, patterns in _editor_mapping().items():
        schema = json.loads((ROOT / schema_path).read_text(encoding="utf-8"))
        for pattern in patterns:
            for path in ROOT.glob(pattern):
                jsonschema.validate(read_as_editor(path), schema)
                covered.add(path)
    assert set(campaign.glob("*.yaml")) | set(campaign.glob("events/*.yaml")) <= covered


def test_the_authoring_guides_schema_line_resolves_from_a_campaign_beside_src() -> None:
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    line = re.search(r"# yaml-language-server: \$schema=(\S+)", text)
    assert line is not None
    event_file = ROOT / "my_campaign" / "events" / "x.yaml"
    assert (event_file.parent / line.group(1)).resolve() == PACKAGED / "events.schema.json"

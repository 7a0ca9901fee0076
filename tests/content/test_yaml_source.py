"""Reading campaign YAML: the 1.2 core schema, the line of every value, and the bounds
that keep a hostile file from making the loader work more than the file is long."""

from __future__ import annotations

import math
import time

import pytest

from newcourse.content.yaml_source import Document, parse_yaml


def read(text: str) -> Document:
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc is not None and problems == [], problems
    return doc


def problems_of(text: str) -> list[str]:
    _, problems = parse_yaml(text, "f.yaml")
    assert problems, "expected a problem"
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    ("written", "read_as"),
    [
        ("Yes", "Yes"),
        ("no", "no"),
        ("No", "No"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("010", 10),
        ("0o10", 8),
        ("0x1F", 31),
        ("-7", -7),
        ("1_000", "1_000"),
        ("1:30", "1:30"),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("~", None),
        ("null", None),
        ("1924-01-21", "1924-01-21"),
    ],
)
def test_plain_scalars_are_read_by_yaml_1_2_core(written: str, read_as: object) -> None:
    value = read(f"value: {written}\n").data["value"]
    assert value == read_as and type(value) is type(read_as)


def test_infinity_and_not_a_number_are_floats_the_loader_then_refuses() -> None:
    data = read("a: .inf\nb: -.inf\nc: .nan\n").data
    assert data["a"] == math.inf and data["b"] == -math.inf and math.isnan(data["c"])


def test_text_yes_and_id_no_are_strings() -> None:
    assert read("id: no\ntext: Yes\n").data == {"id": "no", "text": "Yes"}


def test_every_value_has_its_line() -> None:
    doc = read("events:\n  - id: a\n    options:\n      - id: b\n        text: |\n          Hi\n")
    assert doc.line(("events", 0, "options", 0, "id")) == 4
    assert doc.text_line(("events", 0, "options", 0, "text")) == 6


def test_a_billion_laughs_is_one_diagnostic_at_once() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    started = time.perf_counter()
    found = problems_of("\n".join(lines))
    assert time.perf_counter() - started < 1
    assert found == [
        "f.yaml:2: error: YAML aliases ('*name') are not used in campaign files; "
        "write the value out (it is first given on line 1)"
    ]


def test_an_alias_in_a_mapping_is_reported_where_it_is_used() -> None:
    found = problems_of("a: &x hello\nb: c\nd: *x\n")
    assert found[0].startswith("f.yaml:3: error: YAML aliases")


def test_a_merge_key_has_its_own_message() -> None:
    found = problems_of("base: &b {label: x}\nother:\n  <<: *b\n  initial: 3\n")
    assert found == [
        "f.yaml:3: error: YAML merge keys ('<<') are not used in campaign files; "
        "write the keys out in full"
    ]


def test_a_quoted_double_angle_key_is_only_a_key() -> None:
    assert read("'<<': 1\n").data == {"<<": 1}


def test_duplicate_keys_are_reported() -> None:
    assert problems_of("a: 1\nb: 2\na: 3\n") == [
        "f.yaml:3: error: the key 'a' appears twice here; the first would be lost"
    ]


def test_tags_beyond_the_core_schema_are_refused() -> None:
    found = problems_of("date: !!timestamp 1924-02-30\n")
    assert found[0].startswith("f.yaml:1: error: the tag 'tag:yaml.org,2002:timestamp'")


def test_deep_nesting_is_refused() -> None:
    found = problems_of("a: " + "[" * 60 + "]" * 60 + "\n")
    assert found == ["f.yaml:1: error: lists and mappings nest more than 32 deep"]


def test_too_many_values_are_refused() -> None:
    found = problems_of("a: [" + ", ".join(["1"] * 100_001) + "]\n")
    assert found == ["f.yaml:1: error: the file holds more than 100,000 values"]


def test_a_huge_integer_is_refused_before_it_is_converted() -> None:
    found = problems_of("a: " + "9" * 5000 + "\n")
    assert found[0].startswith("f.yaml:1: error: the number 999999999999... has more digits")


def test_a_huge_text_is_refused() -> None:
    found = problems_of("text: " + "x" * 30_000 + "\n")
    assert found == [
        "f.yaml:1: error: this text is 30,000 characters long; a text may hold at most 20,000"
    ]


@pytest.mark.parametrize(
    ("escape", "code"), [("\\e", "U+001B"), ("\\x07", "U+0007"), ("\\x9b", "U+009B")]
)
def test_control_characters_written_as_escapes_are_refused(escape: str, code: str) -> None:
    assert problems_of(f'a: 1\ntext: "say {escape}[2J"\n') == [
        f"f.yaml:2: error: text contains a control character ({code})"
    ]


def test_tabs_and_newlines_are_text() -> None:
    assert read('text: "a\\tb\\nc"\n').data == {"text": "a\tb\nc"}


def test_lines_count_from_where_the_text_starts_in_its_file() -> None:
    doc, problems = parse_yaml("a: 1\na: 2\n", "note.md", first_line=2)
    assert [str(p) for p in problems] == [
        "note.md:3: error: the key 'a' appears twice here; the first would be lost"
    ]
    assert doc is not None and doc.line(("a",)) == 3

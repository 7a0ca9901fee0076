"""The glossary and the reading groups' guide: codex notes by kind, one document in
the game and in docs/."""

from __future__ import annotations

from pathlib import Path

import pytest

from newcourse.content import builtin_campaign_path
from newcourse.content.codex import codex_document, notes_of_kind
from newcourse.content.codex_docs import DOCUMENTS, read_notes, render_documents
from newcourse.engine.model import CodexEntry, Source

ROOT = Path(__file__).resolve().parents[2]


def note(id: str, kind: str, title: str, text: str, *sources: str) -> CodexEntry:
    return CodexEntry(id, title, "", sources, text, Source(f"codex/{id}.md", 1), kind)


NOTES = {
    n.id: n
    for n in (
        note("reading_groups_act2", "reading", "Act II", "Questions for act II."),
        note("reading_groups", "reading", "For reading groups", "How to use this.", "A source"),
        note("reading_groups_act1", "reading", "Act I", "Questions for act I.", "MIA"),
        note("kronstadt", "background", "Kronstadt", "March 1921."),
    )
}


def test_the_notes_of_a_kind_come_in_the_order_of_their_ids() -> None:
    assert [n.id for n in notes_of_kind(NOTES, "reading")] == [
        "reading_groups",
        "reading_groups_act1",
        "reading_groups_act2",
    ]
    assert notes_of_kind(NOTES, "glossary") == []


def test_the_first_note_heads_the_document_and_later_acts_add_sections() -> None:
    document = codex_document(NOTES, "reading")
    assert document.startswith("# For reading groups\n\nHow to use this.\n\n**Sources**\n\n- A")
    act1, act2 = document.index("## Act I\n"), document.index("## Act II\n")
    assert act1 < act2
    assert "**Sources for Act I**\n\n- MIA" in document
    assert "Kronstadt" not in document
    assert codex_document(NOTES, "glossary") == ""


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_documents_in_docs_are_made_from_the_codex(name: str) -> None:
    """docs/glossary.md and docs/reading-groups.md: run `make codex-docs` after editing
    the notes they are made from."""
    kept = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert kept == render_documents()[name], f"docs/{name} is out of date: run make codex-docs"


def test_act_one_has_a_glossary_and_three_or_four_questions_with_documents() -> None:
    notes, problems = read_notes(builtin_campaign_path())
    assert problems == []
    glossary = codex_document(notes, "glossary")
    for term in ("Orgburo", "Politburo", "Central Control Commission", "GPU / OGPU", "NEP"):
        assert f"**{term}**" in glossary
    assert "Nobody in 1923–24 used it that way." in glossary  # the nomenklatura's date
    act1 = notes["reading_groups_act1"].text
    questions = act1.split("### Questions")[1].split("### Documents")[0]
    assert sum(line[:2] in {"1.", "2.", "3.", "4.", "5."} for line in questions.splitlines()) in (
        3,
        4,
    )
    for document in ("Declaration of the 46", "The New Course", "Letter to the Congress"):
        assert document in act1

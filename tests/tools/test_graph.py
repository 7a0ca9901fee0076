"""The event graph of the small test campaign, found from conditions and effects."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from newcourse.cli import main
from newcourse.engine import Campaign
from newcourse.engine.expressions import parse_effects, parse_expr
from newcourse.tools.graph import build_graph, by_names, by_years, to_dot
from newcourse.tools.graph.command import FormError, output_form
from newcourse.tools.graph.polarity import moves, needs, raises
from tests.conftest import MINI


def graph_text(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["graph", "--campaign", str(MINI), *args]) == 0
    return capsys.readouterr().out


# ---------------------------------------------------------------- polarity


def test_what_a_condition_needs() -> None:
    assert needs(parse_expr("democracy >= 40 and not purged")) == {
        ("democracy", 1),
        ("purged", -1),
    }
    assert needs(parse_expr("apparatus - democracy < 10")) == {
        ("apparatus", -1),
        ("democracy", 1),
    }
    assert needs(parse_expr("not (opposition > 2 * cadres)")) == {
        ("opposition", -1),
        ("cadres", 1),
    }
    assert needs(parse_expr("cadres == 3 and year >= 1924")) == {("cadres", 1), ("cadres", -1)}
    assert raises(parse_expr("10 + (50 - workers) / 5")) == {("workers", -1)}


def test_which_way_an_effect_moves(mini: Campaign) -> None:
    flags = frozenset(mini.flags)
    effects = parse_effects(
        "democracy += 5; apparatus -= opposition / 10; published = true; purged = false"
    )
    assert moves(effects, flags, mini.ranges) == {
        ("democracy", 1),
        ("apparatus", -1),
        ("published", 1),
        ("purged", -1),
    }
    assert moves(parse_effects("cadres = cadres - 2"), flags, mini.ranges) == {("cadres", -1)}
    assert moves(parse_effects("cadres = 4"), flags, mini.ranges) == {
        ("cadres", 1),
        ("cadres", -1),
    }


# ---------------------------------------------------------------- the graph


def test_an_effect_links_to_the_condition_it_makes_true(mini: Campaign) -> None:
    dot = to_dot(build_graph(mini))
    for event in mini.events:
        assert f'"{event}" [shape=plaintext' in dot
    # letter.publish sets the flag 'published', which the interim ending's summary reads
    assert '"letter":"publish":e -> "ending.interim" [xlabel="published"' in dot
    # publishing raises democracy (read), which the victory ending needs
    assert '"letter":"publish":e -> "q.democracy.up"' in dot
    assert '"q.democracy.up" -> "ending.victory"' in dot
    # recruiting raises cadres, which publishing requires
    assert '"work":"recruit":e -> "q.cadres.up"' in dot
    assert '"q.cadres.up" -> "letter":"publish":w' in dot
    # the world rule runs while democracy is low, which nothing in the campaign causes
    assert '"q.democracy.down" -> "rule.drift"' in dot
    assert '-> "q.democracy.down"' not in dot
    assert dot.startswith("digraph campaign {") and dot.rstrip().endswith("}")


def test_weights_are_linked_only_when_asked(mini: Campaign) -> None:
    plain = to_dot(build_graph(mini))
    weighted = to_dot(build_graph(mini, weights=True))
    # the informer's weight grows with the apparatus
    assert '"q.apparatus.up" -> "informer"' not in plain
    assert '"q.apparatus.up" -> "informer" [style=dashed' in weighted


def test_the_year_filter_drops_other_years(mini: Campaign) -> None:
    graph = build_graph(mini)
    only_1924 = by_years(graph, [1924])
    assert "informer" in only_1924.nodes and "strike" in only_1924.nodes  # windows reach 1924
    assert "letter" not in only_1924.nodes and "conference" not in only_1924.nodes
    assert all("letter" not in (e.tail, e.head) for e in only_1924.edges)
    only_1923 = by_years(graph, [1923])
    assert "letter" in only_1923.nodes and "informer" not in only_1923.nodes


def test_the_name_filter_keeps_links_about_that_name(mini: Campaign) -> None:
    graph = by_names(build_graph(mini), ["published"])
    assert {e.name for e in graph.edges} == {"published"}
    assert set(graph.nodes) == {"letter", "ending.interim"}


def test_the_graph_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dot = graph_text(capsys)
    assert '"letter":"publish":e -> "ending.interim"' in dot
    filtered = graph_text(capsys, "--year", "1924")
    assert '"informer"' in filtered and '"letter" [' not in filtered
    named = graph_text(capsys, "--name", "cadres")
    assert '"q.cadres.up"' in named and '"q.democracy.up"' not in named
    branches = graph_text(capsys, "--flags")
    assert '"letter":"publish":e -> "ending.interim"' in branches
    assert '"q.' not in branches, "the flags view leaves the quality hubs out"
    out = tmp_path / "graph.dot"
    assert main(["graph", str(MINI), "-o", str(out)]) == 0
    assert out.read_text() == dot


def test_unknown_names_and_years_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(MINI), "--name", "democrasy"]) == 2
    assert "did you mean 'democracy'" in capsys.readouterr().err
    assert main(["graph", str(MINI), "--year", "1931"]) == 2
    assert "runs from 1923 to 1924" in capsys.readouterr().err


def test_a_campaign_that_does_not_load_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["graph", "--campaign", str(tmp_path / "nowhere")]) == 3
    assert "the campaign has 1 error" in capsys.readouterr().err


def test_svg_through_graphviz(tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        # CI installs Graphviz (.ci/run) and must run this test; elsewhere it is optional
        assert not os.environ.get("CI"), "Graphviz's dot is missing in CI"
        pytest.skip("Graphviz's dot is not installed (CI installs it)")
    out = tmp_path / "graph.svg"
    assert main(["graph", str(MINI), "-o", str(out)]) == 0  # the suffix picks SVG
    svg = out.read_text()
    assert "<svg" in svg and "The letter" in svg


# ---------------------------------------------------------------- what -o writes


@pytest.mark.parametrize(
    ("output", "chosen", "form"),
    [
        (None, None, "dot"),
        (None, "svg", "svg"),
        ("events.dot", None, "dot"),
        ("events.GV", None, "dot"),
        ("events.svg", None, "svg"),
        ("events.png", None, "png"),
        ("events.pdf", "pdf", "pdf"),
    ],
)
def test_the_form_follows_the_format_or_the_suffix(
    output: str | None, chosen: str | None, form: str
) -> None:
    assert output_form(Path(output) if output else None, chosen) == form


@pytest.mark.parametrize(
    ("output", "chosen", "refusal"),
    [
        ("events.jpg", None, "cannot write a '.jpg' file: -o takes FILE.dot or FILE.gv"),
        ("events", None, "cannot write 'events', which has no suffix,"),
        ("events.dot", "svg", "-o events.dot is DOT, but --format says svg"),
        (None, "png", "--format png is not text: give a file to write with -o FILE"),
    ],
)
def test_a_form_that_cannot_be_written_is_refused(
    output: str | None, chosen: str | None, refusal: str
) -> None:
    with pytest.raises(FormError, match=re.escape(refusal)):
        output_form(Path(output) if output else None, chosen)


def test_an_unknown_suffix_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "events.jpg"
    assert main(["graph", "--campaign", str(MINI), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newcourse graph: cannot write a '.jpg' file") and err.count("\n") == 1
    assert not out.exists()


def test_drawing_without_graphviz_is_refused_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` anywhere
    out = tmp_path / "events.png"
    assert main(["graph", "--campaign", str(MINI), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newcourse graph: drawing PNG needs the 'dot' program of Graphviz")
    assert err.count("\n") == 1 and not out.exists()


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_png_and_pdf_through_graphviz(suffix: str, magic: bytes, tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        assert not os.environ.get("CI"), "Graphviz's dot is missing in CI"
        pytest.skip("Graphviz's dot is not installed (CI installs it)")
    out = tmp_path / f"graph{suffix}"
    assert main(["graph", "--campaign", str(MINI), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)

"""``newcourse check``: the catalogue of mistakes it finds, its exit codes and its output.

Each case in ``broken/`` holds only the files it changes: the test copies
``broken/base`` (a clean campaign) into a temporary folder, lays the case's
files over it, checks it, and looks for the expected diagnostic, given as
``file:line: level: phrase`` (the phrase is part of the message).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from newcourse.cli import main
from newcourse.content import Diagnostic, Severity, builtin_campaign_path
from newcourse.tools.check import check_campaign
from tests.conftest import MINI

BROKEN = Path(__file__).resolve().parent / "broken"
GAMES = 40  # enough random games for the cases that rely on them, and quick

CATALOGUE: list[tuple[str, str]] = [
    # ---- files and their shapes (the loader)
    ("yaml_syntax", "events/broken.yaml:4: error: YAML syntax: mapping values are not allowed"),
    ("duplicate_key", "events/broken.yaml:4: error: the key 'title' appears twice"),
    ("missing_field", "events/broken.yaml:2: error: event 'rally': the required field 'title'"),
    ("unknown_field", "events/broken.yaml:5: error: unknown field 'wehn'; did you mean 'when'?"),
    ("wrong_type", "events/broken.yaml:5: error: event 'rally', repeatable: input should be"),
    ("no_options", "events/broken.yaml:6: error: event 'rally': 'options' needs at least 1"),
    ("codex_without_front_matter", "codex/speech.md:1: error: a codex note starts with front"),
    # ---- expressions (the loader)
    ("unknown_name", "events/broken.yaml:5: error: unknown name 'democrasy'; did you mean"),
    ("unknown_function", "events/broken.yaml:5: error: unknown function 'mx'; did you mean 'max'"),
    ("condition_is_number", "events/broken.yaml:5: error: a condition must be true or false"),
    ("expression_syntax", "events/broken.yaml:5: error: when: expected a value but found the end"),
    ("effect_syntax", "events/broken.yaml:11: error: expected '=', '+=', '-=', '+%=' or '-%='"),
    ("flag_stepped", "events/broken.yaml:9: error: flag 'published' can only be set with '= true'"),
    ("builtin_assigned", "events/broken.yaml:9: error: 'year' is a built-in value and cannot be"),
    # ---- declarations, ids, links and dates (the loader)
    ("initial_outside", "campaign.yaml:15: error: quality 'cadres': initial value 12 is outside"),
    (
        "name_taken",
        "campaign.yaml:22: error: flag 'cadres': the name is already taken by a quality",
    ),
    ("duplicate_event", "events/main.yaml:47: error: event 'strike' is defined twice"),
    ("duplicate_option", "events/broken.yaml:8: error: option 'speak' appears twice"),
    ("missing_codex", "events/broken.yaml:2: error: codex entry 'leter', which does not exist"),
    ("vote_not_faction", "events/broken.yaml:11: error: 'lefts', which is not a faction; did you"),
    ("date_outside", "events/broken.yaml:4: error: the date 1925-03-01 falls outside the campaign"),
    ("headline_outside", "news.yaml:5: error: the date 1926-05-04 falls outside the campaign"),
    ("window_reversed", "events/broken.yaml:4: error: event 'rally': the window ends before it"),
    ("date_and_window", "events/broken.yaml:2: error: give either a date or a window, not both"),
    ("no_fallback_ending", "endings.yaml:1: error: no ending is always reachable"),
    # ---- what a campaign may ask of the loader and the engine (the loader)
    ("yaml_alias", "events/broken.yaml:5: error: YAML aliases ('*name') are not used"),
    ("merge_key", "events/broken.yaml:9: error: YAML merge keys ('<<') are not used"),
    ("impossible_date", "events/broken.yaml:4: error: event 'rally', date: 1924-02-30 is not a"),
    ("number_out_of_bounds", "events/broken.yaml:9: error: event 'rally', option 'speak', eff"),
    ("control_character", "events/broken.yaml:5: error: text contains a control character"),
    ("campaign_too_long", "campaign.yaml:5: error: the campaign lasts 704 turns; a campaign may"),
    # ---- which option and which outcome history took (the loader)
    ("history_result_without_vote", "events/broken.yaml:9: error: 'history: passed' is the res"),
    (
        "history_outcome_unmarked_option",
        "events/broken.yaml:14: error: outcome 'booed' is marked as history but its option is not",
    ),
    ("history_outcome_twice", "events/broken.yaml:15: error: outcomes 'cheered' and 'booed' are"),
    # ---- names nothing uses, reads or changes
    ("unused_quality", "campaign.yaml:16: warning: quality 'morale' is declared but never used"),
    ("unused_flag", "campaign.yaml:22: warning: flag 'congress_won' is declared but never used"),
    ("flag_never_set", "campaign.yaml:22: warning: flag 'testament_read' is read but no effect"),
    ("hidden_quality_unread", "campaign.yaml:16: warning: quality 'secrets' is hidden and nothing"),
    ("flag_never_read", "campaign.yaml:22: note: flag 'spoke' is set but no condition reads it"),
    ("quality_never_changes", "campaign.yaml:16: note: quality 'army' never changes"),
    # ---- events that can never fire
    (
        "condition_out_of_range",
        "events/broken.yaml:2: warning: event 'rally' can never fire: its condition "
        "'democracy > 100' is never true (given its range: democracy 0..100)",
    ),
    (
        "condition_contradicts_itself",
        "events/broken.yaml:2: warning: event 'rally' can never fire: its condition "
        "'cadres > 5 and cadres < 3' is never true (it contradicts itself)",
    ),
    (
        "condition_unreachable_by_effects",
        "events/broken.yaml:2: warning: event 'rally' can never fire: its condition "
        "'centre < 40' is never true (nothing lowers 'centre' below 40)",
    ),
    (
        "flag_never_set",
        "events/broken.yaml:2: warning: event 'rally' can never fire: its condition "
        "'testament_read' is never true (nothing sets flag 'testament_read')",
    ),
    (
        "flag_set_too_late",
        "events/broken.yaml:10: warning: event 'celebration' can never fire: its condition "
        "'congress_won' is never true (nothing sets flag 'congress_won' before Spring 1924)",
    ),
    (
        "condition_wrong_time",
        "events/broken.yaml:2: warning: event 'rally' can never fire: its condition "
        "'year == 1923 and cadres >= 2' is never true (not in Winter 1924 to Summer 1924)",
    ),
    ("weight_never_positive", "events/broken.yaml:2: warning: event 'rally' is never drawn: its"),
    ("no_room_for_storylet", "events/broken.yaml:20: warning: dated events fill every turn"),
    ("no_storylets_per_turn", "events/main.yaml:47: warning: the campaign's storylets_per_turn"),
    ("rare_event", "events/broken.yaml:2: note: event 'rally' never fired in 40 random games"),
    ("condition_always_true", "events/broken.yaml:2: note: its condition 'cadres <= 10' is always"),
    ("dated_repeatable", "events/broken.yaml:2: note: 'repeatable' does nothing"),
    ("recurring_weight", "events/broken.yaml:2: note: a recurring event is never drawn, so its"),
    # ---- options
    (
        "option_never_shown",
        "events/broken.yaml:8: warning: option 'march' is never shown: its 'if'",
    ),
    (
        "option_never_available",
        "events/broken.yaml:9: warning: option 'march' is never available: its 'requires' "
        "'cadres >= 3' is never true when the event fires (it contradicts the event's condition)",
    ),
    ("requires_always_true", "events/broken.yaml:8: note: its 'requires' 'cadres >= 0' always"),
    ("option_rarely_available", "events/broken.yaml:9: note: option 'march' was never available"),
    ("outcome_never_happens", "events/broken.yaml:11: warning: outcome 'booed' never happens"),
    ("vote_always_fails", "events/broken.yaml:12: note: the vote failed every one of the"),
    # ---- events that leave the player without an available option
    ("stuck_in_play", "events/broken.yaml:2: error: event 'rally' left the player with no avail"),
    (
        "stuck_possible",
        "events/broken.yaml:2: warning: recurring event 'rally' can leave the player with no "
        "available option (for example in Autumn 1923 with cadres = 0, democracy = 95)",
    ),
    # ---- endings
    ("ending_unreachable", "endings.yaml:14: warning: ending 'utopia' can never be reached"),
    ("ending_shadowed", "endings.yaml:14: note: ending 'triumph' is never the one shown"),
    ("final_ending_always", "endings.yaml:14: error: ending 'collapse' is final and always holds"),
    ("final_ending_at_start", "endings.yaml:14: warning: final ending 'machine' already holds at"),
    ("summary_never_shown", "endings.yaml:14: warning: the summary line with condition 'cadres >"),
    # ---- the congress cycle
    ("congress_support_not_quality", "campaign.yaml:26: error: constituency 'moscow': its support"),
    ("congress_opposition_not_faction", "campaign.yaml:24: error: congress: the opposition 'l"),
    ("elections_without_constituencies", "events/broken.yaml:7: error: event 'rally': elections"),
    ("elections_open_too_late", "events/broken.yaml:8: error: event 'rally': the elections must"),
    ("elections_before_start", "events/broken.yaml:8: error: event 'rally': the elections open b"),
    ("elections_on_storylet", "events/broken.yaml:7: error: event 'rally': elections lead to a c"),
    ("elections_decide_no_vote", "events/broken.yaml:7: warning: event 'rally': the elections de"),
    ("election_stage_twice", "events/broken.yaml:7: error: event 'rally': the stage 'cells' app"),
    ("argument_unknown", "events/broken.yaml:9: error: event 'rally', option 'move': the argume"),
    ("argument_without_vote", "events/broken.yaml:9: error: event 'rally', option 'move': an arg"),
    ("bloc_not_faction", "events/broken.yaml:14: error: event 'rally', option 'move': the vote's"),
    ("minority_out_of_range", "events/broken.yaml:14: error: event 'rally', option 'move', vote,"),
    ("congress_leader_unknown_person", "campaign.yaml:28: error: congress, leaders: 'zinovev' is"),
    ("congress_leader_not_faction", "campaign.yaml:28: error: congress, leaders: 'zinoviev' leads"),
    ("support_label_too_long", "campaign.yaml:17: error: quality 'moscow_support': the support"),
    # ---- text and time: premises, variants, follow-ups, expiry, arcs, conditional text
    ("premise_unknown_flag", "events/broken.yaml:5: error: event 'rally', premise: unknown name"),
    ("variant_unknown", "events/broken.yaml:2: error: event 'rally' is a variant of 'leter', whic"),
    ("variant_never_stands_in", "events/broken.yaml:2: warning: event 'rally' never fires: 'lett"),
    ("follow_up_unknown", "events/broken.yaml:10: error: event 'rally': the follow-up names 'st"),
    ("follow_up_after_end", "events/broken.yaml:10: error: event 'rally': the follow-up to 'str"),
    ("follow_up_dated", "events/broken.yaml:10: error: event 'rally': the follow-up names 'conf"),
    ("expired_never", "events/broken.yaml:2: warning: event 'rally' expires on 1924-03-01, befo"),
    ("arc_undeclared", "events/broken.yaml:2: error: event 'rally': the arc 'german_octobr' is n"),
    ("arc_never_closes", "campaign.yaml:21: warning: arc 'german_october' never closes"),
    ("text_unclosed_if", "events/broken.yaml:2: error: event 'rally', text: an '{if}' is never"),
    ("text_unknown_name", "events/broken.yaml:7: error: event 'rally', option 'speak', result: {"),
    # ---- world rules, news, codex, effect values
    ("rule_never_applies", "world.yaml:9: warning: world rule 'purge' never applies"),
    (
        "rule_always_applies",
        "world.yaml:9: note: world rule 'routine': its condition 'cadres >= 0'",
    ),
    ("headline_never_printed", "news.yaml:5: warning: the headline of 1924-05-01 is never printed"),
    ("codex_not_linked", "codex/speech.md:1: warning: codex entry 'speech' is not linked from any"),
    ("codex_background_unreached", "codex/ban.md:1: warning: codex entry 'ban' is not linked fro"),
    ("codex_see_also_unknown", "codex/letter.md:7: error: codex entry 'letter' links to codex en"),
    ("codex_kind_unknown", "codex/terms.md:4: error: front matter field 'kind' input should be"),
    ("value_outside_range", "events/broken.yaml:7: warning: gives 150, outside its range 0..100"),
    ("step_too_big", "events/broken.yaml:7: warning: 'cadres += 50' steps by more than the whole"),
    # ---- tracks: named levels and clocks
    ("levels_out_of_range", "campaign.yaml:16: error: quality 'democracy', levels: the level 'l"),
    ("levels_not_increasing", "campaign.yaml:19: error: quality 'democracy', levels: the level"),
    ("clock_starts_full", "campaign.yaml:27: error: clock 'dossier': it starts at 4, full alr"),
    ("clock_fill_unknown_name", "campaign.yaml:28: error: clock 'dossier', on_full, effects: un"),
    ("clock_fill_unknown_flag", "campaign.yaml:28: error: clock 'dossier': its fill sets flag 'p"),
    ("clock_never_fills", "campaign.yaml:25: warning: clock 'dossier' can never fill: no effect"),
    # ---- fronts abroad
    ("front_quality_unknown", "campaign.yaml:26: error: front 'abroad': its quality 'democrasy' i"),
    ("front_clock_unknown", "campaign.yaml:32: error: front 'abroad': its clock 'preparaton' is "),
    ("front_window_reversed", "campaign.yaml:27: error: front 'abroad': its window closes (1923-"),
    ("front_window_before_campaign", "campaign.yaml:29: error: front 'abroad': its window closes"),
    # ---- council.yaml: council mode's rules of procedure
    ("council_minor_unknown", "council.yaml:1: error: minor: the event 'leter' does not exist"),
    (
        "council_verdict_unknown_option",
        "council.yaml:3: error: 'letter.publsh': event 'letter' has",
    ),
    ("council_share_too_large", "council.yaml:1: error: quorum: '3/2' is not a share from 0 to 1"),
    ("front_last_state_conditional", "campaign.yaml:30: error: front 'abroad': its last state 'o"),
    ("front_state_without_kind", "campaign.yaml:29: error: front 'abroad': the state 'rising' ne"),
    # people and casting
    ("person_unknown_camp", "people.yaml:21: error: person 'radek': unknown camp 'oposition'; did"),
    ("person_unknown_post", "people.yaml:16: error: person 'trotsky': unknown post 'war_comissar'"),
    ("person_listed_twice", "people.yaml:24: error: person 'radek' is listed twice (first at lin"),
    ("single_post_held_twice", "people.yaml:21: error: person 'radek': 'general_secretary' is a "),
    ("role_unknown_person", "events/plenum.yaml:7: error: event 'plenum', cast, ally: unknown pe"),
    ("effect_unknown_person", "events/plenum.yaml:12: error: event 'plenum', option 'win_over', "),
    ("role_never_filled", "events/plenum.yaml:6: error: event 'plenum', role 'secretary': no one"),
    ("role_not_cast", "events/plenum.yaml:16: error: event 'congress_hall': the text names {al"),
    ("cast_without_people", "events/plenum.yaml:6: error: event 'plenum', cast, secretary: the c"),
]

_EXPECTED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<level>\w+): (?P<phrase>.+)$")
_SHAPE = re.compile(r"^[^:]+(:\d+)?: (error|warning|note): .+$")  # line 0: the whole file


def build(case: str, folder: Path) -> Path:
    """The base campaign with a case's files laid over it, in ``folder``."""
    campaign = folder / "campaign"
    shutil.copytree(BROKEN / "base", campaign)
    shutil.copytree(BROKEN / case, campaign, dirs_exist_ok=True)
    return campaign


def relative(diagnostic: Diagnostic, campaign: Path) -> str:
    path = Path(diagnostic.file)
    name = path.relative_to(campaign).as_posix() if path.is_relative_to(campaign) else str(path)
    return f"{name}:{diagnostic.line}: {diagnostic.severity.value}: {diagnostic.message}"


def test_the_catalogue_is_large_and_every_case_folder_is_in_it() -> None:
    kinds = {case for case, _ in CATALOGUE}
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir() and p.name != "base"}
    assert len(kinds) >= 25
    assert kinds == folders


def test_the_base_campaign_is_clean() -> None:
    assert check_campaign(BROKEN / "base", games=GAMES) == []


@pytest.mark.parametrize(("case", "expected"), CATALOGUE, ids=[c for c, _ in CATALOGUE])
def test_each_planted_mistake_is_found(tmp_path: Path, case: str, expected: str) -> None:
    campaign = build(case, tmp_path)
    want = _EXPECTED.match(expected)
    assert want is not None, f"bad catalogue entry: {expected}"
    found = [relative(d, campaign) for d in check_campaign(campaign, games=GAMES)]
    prefix = f"{want['file']}:{want['line']}: {want['level']}: "
    assert any(
        line.startswith(prefix) and want["phrase"] in line[len(prefix) :] for line in found
    ), "\n".join([f"expected {expected}", "found:", *found])


def test_a_cast_without_people_is_one_sentence_a_role(tmp_path: Path) -> None:
    campaign = build("cast_without_people", tmp_path)
    found = [relative(d, campaign) for d in check_campaign(campaign, games=GAMES)]
    assert len(found) == 2, found  # not also an unknown post, camp, or a role no one fills
    assert all("the campaign has no people.yaml to cast from" in line for line in found)


# ---------------------------------------------------------------- the command


def run(capsys: pytest.CaptureFixture[str], folder: str, *args: str) -> tuple[int, str, str]:
    status = main(["check", "--campaign", folder, *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_clean_campaign_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(BROKEN / "base"), "--strict", "--games", str(GAMES))
    assert status == 0
    assert out.strip().endswith("0 errors, 0 warnings, 0 notes")


def test_warnings_exit_3_only_when_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = str(build("unused_quality", tmp_path))
    assert run(capsys, campaign, "--games", "0")[0] == 0
    status, out, _ = run(capsys, campaign, "--strict", "--games", "0")
    assert status == 3
    assert "warning: quality 'morale' is declared but never used" in out


def test_errors_exit_3_and_are_all_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = build("missing_codex", tmp_path)  # one mistake in events/broken.yaml
    shutil.copytree(BROKEN / "headline_outside", campaign, dirs_exist_ok=True)  # one in news.yaml
    (campaign / "world.yaml").write_text("rules:\n  - id: drift\n    effects: 'aparatus += 1'\n")
    status, out, err = run(capsys, str(campaign))
    assert status == 3
    assert "codex entry 'leter', which does not exist" in out
    assert "the date 1926-05-04 falls outside the campaign" in out
    assert "unknown name 'aparatus'; did you mean 'apparatus'?" in out
    assert out.strip().endswith("3 errors, 0 warnings, 0 notes")
    assert "Traceback" not in out + err


def test_the_campaign_given_bare_is_still_taken(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(BROKEN / "base"), "--games", "0"]) == 0
    assert "0 errors" in capsys.readouterr().out
    assert main(["check", str(BROKEN / "base"), "--campaign", str(MINI), "--games", "0"]) == 2
    assert "the campaign is named twice" in capsys.readouterr().err


def test_json_output_for_machines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    campaign = build("weight_never_positive", tmp_path)
    status, out, _ = run(capsys, str(campaign), "--format", "json", "--games", "0")
    report = json.loads(out)
    assert status == 0
    assert report["errors"] == 0 and report["warnings"] == 1 and report["notes"] == 0
    (diagnostic,) = report["diagnostics"]
    assert diagnostic == {
        "file": str(campaign / "events" / "broken.yaml"),
        "line": 2,
        "level": "warning",
        "message": "event 'rally' is never drawn: its weight 'cadres - 20' is never above 0",
    }


def test_the_same_campaign_gives_the_same_report(tmp_path: Path) -> None:
    campaign = build("rare_event", tmp_path)
    assert check_campaign(campaign, games=GAMES) == check_campaign(campaign, games=GAMES)


# ---------------------------------------------------------------- garbage in, no traceback


def _binary_campaign(folder: Path) -> Path:
    folder.mkdir()
    (folder / "campaign.yaml").write_bytes(bytes(range(256)) * 4)
    return folder


def _binary_event_file(folder: Path) -> Path:
    shutil.copytree(BROKEN / "base", folder)
    (folder / "events" / "noise.yaml").write_bytes(b"\x00\xff\xfe" * 100)
    return folder


def _empty_folder(folder: Path) -> Path:
    folder.mkdir()
    return folder


def _no_campaign_file(folder: Path) -> Path:
    shutil.copytree(BROKEN / "base", folder)
    (folder / "campaign.yaml").unlink()
    return folder


def _a_file_not_a_folder(folder: Path) -> Path:
    folder.write_text("not a campaign")
    return folder


def _a_list_not_a_mapping(folder: Path) -> Path:
    shutil.copytree(BROKEN / "base", folder)
    (folder / "campaign.yaml").write_text("- just\n- a list\n")
    return folder


GARBAGE = {
    "binary campaign.yaml": (_binary_campaign, "campaign.yaml:2: error: the file is not UTF-8"),
    "binary event file": (_binary_event_file, "noise.yaml:1: error: the file is not UTF-8"),
    "empty folder": (_empty_folder, "campaign.yaml: error: the campaign has no campaign.yaml"),
    "no campaign.yaml": (_no_campaign_file, "error: the campaign has no campaign.yaml file"),
    "a file": (_a_file_not_a_folder, "error: there is no campaign folder here"),
    "a list": (_a_list_not_a_mapping, "campaign.yaml:1: error:"),
}


@pytest.mark.parametrize("kind", list(GARBAGE))
def test_garbage_gives_errors_not_a_traceback(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = GARBAGE[kind]
    folder = make(tmp_path / "garbage")
    status, out, err = run(capsys, str(folder))
    assert status == 3
    assert expected in out
    assert "Traceback" not in out + err
    assert all(_SHAPE.match(line) for line in out.splitlines()[:-1])


# ---------------------------------------------------------------- the real campaign


def test_the_bundled_campaign_has_no_errors() -> None:
    diagnostics = check_campaign(builtin_campaign_path())
    errors = [str(d) for d in diagnostics if d.severity is Severity.ERROR]
    assert errors == []

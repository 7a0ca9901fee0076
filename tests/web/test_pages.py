"""The pages, with JavaScript off: forms that post, redirects, one sentence on refusal."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from .conftest import alert, open_options


def test_a_whole_game_is_played_to_its_ending_through_the_forms(client: TestClient) -> None:
    start = client.get("/")
    assert start.status_code == 200
    assert "Begin a new game" in start.text and "Continue the game" not in start.text
    began = client.post("/new", data={"seed": "7"}, follow_redirects=False)
    assert began.status_code == 303 and began.headers["location"] == "/play"
    page = client.get("/play")
    assert "Autumn 1923" in page.text and 'class="headline"' in page.text
    decisions = 0
    while "The end</p>" not in page.text:
        options = open_options(page.text)
        assert options, "a page with no ending offers an option"
        revision = re.search(r'name="revision" value="(\d+)"', page.text)
        assert revision is not None
        page = client.post("/choose", data={"option": str(options[0]), "revision": revision[1]})
        assert page.status_code == 200, alert(page.text)
        decisions += 1
        assert decisions < 400
    assert decisions > 20
    assert "Epilogue" in page.text or "What really happened" in page.text
    assert "Your timeline beside history" in page.text and '<table class="timeline">' in page.text
    # the game over, the options are gone; a choice is refused in a sentence
    refused = client.post("/choose", data={"option": "1"})
    assert refused.status_code == 409
    assert alert(refused.text) == "There is no option 1: there is nothing to choose now."


def test_the_game_page_shows_the_event_its_options_and_the_state(client: TestClient) -> None:
    client.post("/new", data={"seed": "1"})
    page = client.get("/play").text
    assert "Who goes to Germany" in page and "4 October 1923" in page
    assert 'action="/choose"' in page and 'data-option="1"' in page
    for part in ("Party", "Resources", "Delegates", "Fronts abroad", "People", "Dossier"):
        assert part in page, part
    assert "Leon Trotsky" in page and "window open" in page
    assert "Undo the last decision" not in page  # nothing to take back yet
    client.post("/choose", data={"option": "1"})
    after = client.get("/play").text
    assert "You chose:" in after and "Undo the last decision" in after


def test_an_unknown_option_is_refused_in_one_sentence(client: TestClient) -> None:
    client.post("/new", data={"seed": "1"})
    for typed, status, said in (
        ("9", 400, "There is no option 9; choose from 1 to 4."),
        ("nonsense", 400, 'There is no option "nonsense"; choose from 1 to 4.'),
    ):
        page = client.post("/choose", data={"option": typed})
        assert page.status_code == status and alert(page.text) == said
    missing = client.post("/choose", data={})
    assert missing.status_code == 400 and alert(missing.text).startswith("The request's option")


def test_undo_where_the_rules_allow_and_its_refusal_otherwise(client: TestClient) -> None:
    client.post("/new", data={"seed": "1"})
    refused = client.post("/undo")
    assert refused.status_code == 409
    assert alert(refused.text) == "Not possible: there is nothing to undo yet."
    client.post("/choose", data={"option": "1"})
    assert "You chose:" in client.get("/play").text
    undone = client.post("/undo")
    assert undone.status_code == 200 and "You chose:" not in undone.text


def test_a_stale_page_cannot_apply_a_second_decision(client: TestClient) -> None:
    client.post("/new", data={"seed": "1"})
    seen = re.search(r'name="revision" value="(\d+)"', client.get("/play").text)
    assert seen is not None
    first = client.post("/choose", data={"option": "1", "revision": seen[1]})
    assert first.status_code == 200
    again = client.post("/choose", data={"option": "1", "revision": seen[1]})
    assert again.status_code == 409 and "moved on" in alert(again.text)


def test_saves_are_kept_loaded_and_deleted(client: TestClient) -> None:
    client.post("/new", data={"seed": "1"})
    client.post("/choose", data={"option": "2"})
    saved = client.post("/save", data={"name": "before the plenum"})
    assert "Saved as before-the-plenum" in saved.text
    reserved = client.post("/save", data={"name": "autosave"})
    assert reserved.status_code == 400 and "kept for the game's own saves" in alert(reserved.text)
    client.post("/new", data={"seed": "2"})
    start = client.get("/").text
    assert "before-the-plenum" in start and "Earlier game" in start
    client.post("/load", data={"slot": "before-the-plenum"})
    assert "You chose:" in client.get("/play").text
    missing = client.post("/load", data={"slot": "nothing"})
    assert (
        missing.status_code == 404 and alert(missing.text) == "There is no save called 'nothing'."
    )
    client.post("/delete", data={"slot": "before-the-plenum"})
    assert "before-the-plenum" not in client.get("/").text


def test_an_exported_game_imports_and_a_bad_upload_is_refused(client: TestClient) -> None:
    client.post("/new", data={"seed": "3"})
    client.post("/choose", data={"option": "1"})
    exported = client.get("/export")
    assert exported.headers["content-disposition"].startswith("attachment")
    data = exported.json()
    assert data["seed"] == 3 and len(data["decisions"]) == 1
    client.post("/new", data={"seed": "4"})
    imported = client.post("/import", files={"save": ("game.json", exported.content)})
    assert imported.status_code == 200 and "You chose:" in imported.text
    for content, said in (
        (b"\x00\xff", "That file is not a save: it is not text."),
        (b"{not json", "That file is not a save: it is not valid JSON."),
        (b"[1, 2]", "That save cannot be loaded: this is not a New Course save."),
    ):
        page = client.post("/import", files={"save": ("bad.json", content)})
        assert page.status_code == 400 and alert(page.text) == said
    data["snapshot"]["turn"] = 5
    tampered = client.post("/import", files={"save": ("x.json", json.dumps(data).encode())})
    assert tampered.status_code == 400 and "altered or damaged" in alert(tampered.text)


def test_a_bad_seed_and_an_oversized_body_are_refused(client: TestClient) -> None:
    page = client.post("/new", data={"seed": "twelve"})
    assert page.status_code == 400
    assert alert(page.text) == "The seed must be a whole number of at most 19 digits."
    huge = client.post("/import", files={"save": ("big.json", b" " * (6 * 1024 * 1024))})
    assert huge.status_code == 413 and "too large" in alert(huge.text)


def test_the_codex_documents_and_timeline(client: TestClient) -> None:
    codex = client.get("/codex")
    assert codex.status_code == 200 and 'href="/codex/' in codex.text
    first = re.search(r'href="/codex/([^"]+)"', codex.text)
    assert first is not None
    note = client.get(f"/codex/{first[1]}")
    assert note.status_code == 200 and 'class="prose"' in note.text
    found = client.get("/codex", params={"q": "Testament"})
    assert "Testament" in found.text and "note" in found.text
    nothing = client.get("/codex", params={"q": "zzzz-nothing"})
    assert "0 notes" in nothing.text
    assert client.get("/codex/no-such-note").status_code == 404
    assert client.get("/documents/glossary").status_code == 200
    assert client.get("/documents/nothing").status_code == 404
    assert client.get("/timeline", follow_redirects=False).status_code == 303  # no game yet
    client.post("/new", data={"seed": "1"})
    client.post("/choose", data={"option": "1"})
    assert "Who goes to Germany" in client.get("/timeline").text


def test_every_page_carries_the_security_headers_and_no_inline_script(
    client: TestClient,
) -> None:
    client.post("/new", data={"seed": "1"})
    for path in ("/", "/play", "/codex", "/timeline", "/api/docs", "/nowhere"):
        page = client.get(path)
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert page.headers["x-content-type-options"] == "nosniff"
        assert not re.search(r"<script(?![^>]*\bsrc=)", page.text), path
        assert not re.search(r'\sstyle="', page.text), path
    assert client.get("/nowhere").status_code == 404


def test_htmx_is_shipped_with_its_licence(client: TestClient) -> None:
    script = client.get("/static/htmx.min.js")
    assert script.status_code == 200 and "htmx" in script.text[:2000]
    licence = client.get("/static/htmx-LICENSE.txt")
    assert licence.status_code == 200 and "Zero-Clause BSD" in licence.text
    assert "/static/htmx.min.js" in client.get("/").text

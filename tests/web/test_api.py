"""The JSON API: the same game as the pages, as the public view, with codes on refusal."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from newcourse.session import CODES, VERSION

from .conftest import MakeApp, armed


def _first_open(view: dict[str, Any]) -> int:
    return next(o["number"] for o in view["options"] if o["available"])


def test_a_whole_game_is_played_to_its_ending_through_the_api(
    make_app: MakeApp, any_database: str
) -> None:
    """On SQLite and on PostgreSQL."""
    with TestClient(make_app(any_database)) as client:
        _play_to_the_end(armed(client))


def _play_to_the_end(client: TestClient) -> None:
    assert client.get("/api/game").status_code == 404
    began = client.post("/api/game", json={"seed": 11})
    assert began.status_code == 201
    game = began.json()
    assert game["view"]["version"] == VERSION and game["view"]["date"] == "Autumn 1923"
    steps = 0
    while not game["view"]["over"]:
        view = game["view"]
        answer = client.post(
            "/api/game/choose", json={"option": _first_open(view), "revision": game["revision"]}
        )
        assert answer.status_code == 200, answer.json()
        game = answer.json()
        assert game["view"]["step"] == view["step"] + 1
        steps += 1
        assert steps < 400
    ending = game["view"]["ending"]
    assert ending["title"] and ending["text"] and "timeline" not in game["view"]
    whole = client.get("/api/game", params={"timeline": "true"}).json()["view"]
    assert whole["ending"] == ending and len(whole["timeline"]) == steps
    refused = client.post("/api/game/choose", json={"option": 1})
    assert refused.status_code == 409 and refused.json()["code"] == "nothing_to_choose"


def test_a_decision_answers_without_the_timeline_unless_asked(client: TestClient) -> None:
    game = client.post("/api/game", json={"seed": 3}).json()
    assert "timeline" not in game["view"]
    for _ in range(6):
        answer = client.post("/api/game/choose", json={"option": _first_open(game["view"])})
        game = answer.json()
    assert "timeline" not in game["view"] and game["view"]["last"]["chosen"]
    asked = client.get("/api/game", params={"timeline": "true"}).json()["view"]
    assert len(asked["timeline"]) == 6 and asked["timeline"][-1]["chosen"]
    assert {k: v for k, v in asked.items() if k != "timeline"} == game["view"]
    assert 'class="timeline"' in client.get("/timeline").text, "the page makes its own"
    heavy = client.post(
        "/api/game/choose",
        params={"timeline": "true"},
        json={"option": _first_open(game["view"])},
    )
    assert len(heavy.json()["view"]["timeline"]) == 7
    assert len(heavy.content) > len(answer.content) + 1000  # the six rows before, and one
    bad = client.get("/api/game", params={"timeline": "maybe"})
    assert bad.status_code == 400 and bad.json()["code"] == "bad_request"


def test_the_view_holds_nothing_hidden(client: TestClient) -> None:
    view = client.post("/api/game", json={"seed": 1}).json()["view"]
    assert "flags" not in view and "hidden" not in str(view).lower().split("'")
    assert {q["name"] for q in view["qualities"]}  # only shown qualities, by name
    assert all(not front["background"] for front in view["fronts"])


def test_refusals_have_a_code_a_sentence_and_a_4xx(client: TestClient) -> None:
    client.post("/api/game", json={"seed": 1})
    cases = [
        (("post", "/api/game/choose", {"option": 9}), 400, "no_such_option"),
        (("post", "/api/game/choose", {"option": "nope"}), 400, "no_such_option"),
        (("post", "/api/game/choose", {}), 400, "bad_request"),
        (("post", "/api/game/choose", {"option": [1]}), 400, "bad_request"),
        (("post", "/api/game/undo", None), 409, "cannot_undo"),
        (("post", "/api/game", {"seed": 10**20}), 400, "bad_request"),
        (("post", "/api/slots/nothing/load", None), 404, "no_save"),
        (("put", "/api/slots/autosave", None), 400, "reserved_name"),
        (("delete", "/api/slots/nothing", None), 404, "no_save"),
        (("get", "/api/codex/nothing", None), 404, "not_found"),
        (("get", "/api/nowhere", None), 404, "not_found"),
    ]
    for (method, path, body), status, code in cases:
        answer = client.request(method, path, json=body)
        assert answer.status_code == status, (path, answer.json())
        said = answer.json()
        assert said["code"] == code, (path, said)
        assert said["message"].endswith(".") and "\n" not in said["message"]
        assert "Traceback" not in said["message"]
    assert set(client.get("/api/codes").json()) >= set(CODES)


def test_a_second_decision_on_a_stale_revision_is_refused(client: TestClient) -> None:
    game = client.post("/api/game", json={"seed": 1}).json()
    first = client.post("/api/game/choose", json={"option": 1, "revision": game["revision"]})
    assert first.status_code == 200
    again = client.post("/api/game/choose", json={"option": 1, "revision": game["revision"]})
    assert again.status_code == 409 and again.json()["code"] == "stale"
    assert client.get("/api/game").json()["view"]["step"] == 1


def test_undo_then_save_load_export_and_import(client: TestClient) -> None:
    client.post("/api/game", json={"seed": 5})
    client.post("/api/game/choose", json={"option": 1})
    undone = client.post("/api/game/undo").json()
    assert undone["view"]["step"] == 0
    client.post("/api/game/choose", json={"option": 2})
    assert client.put("/api/slots/first-try").json() == {"slot": "first-try"}
    slots = {s["slot"]: s for s in client.get("/api/slots").json()}
    assert slots["first-try"]["kind"] == "named" and "turn 1" in slots["first-try"]["summary"]
    exported = client.get("/api/game/export").json()
    client.post("/api/game", json={"seed": 6})
    loaded = client.post("/api/slots/first-try/load").json()
    assert loaded["view"]["step"] == 1
    client.post("/api/game", json={"seed": 6})
    imported = client.post("/api/game/import", content=client.get("/api/game/export").content)
    assert imported.status_code == 200
    back = client.post("/api/game/import", json=exported)
    assert back.json()["view"]["last"]["option_id"] == loaded["view"]["last"]["option_id"]
    bad = client.post("/api/game/import", content=b"{oops")
    assert bad.status_code == 400 and bad.json()["code"] == "bad_save"
    assert client.delete("/api/slots/first-try").status_code == 204


def test_the_codex_and_the_documents(client: TestClient) -> None:
    notes = client.get("/api/codex", params={"q": "testament"}).json()
    assert notes and all({"id", "title", "date", "kind"} <= set(n) for n in notes)
    note = client.get(f"/api/codex/{notes[0]['id']}").json()
    assert note["text"] and note["title"] == notes[0]["title"]
    glossary = client.get("/api/documents/glossary").json()
    assert glossary["markdown"].startswith("#")
    assert client.get("/api/commands").json()[0]["name"] == "codex"


def test_the_api_is_described_by_openapi(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/game", "/api/game/choose", "/api/game/undo", "/api/slots/{name}"):
        assert path in paths, path
    assert not any(path.startswith("/codex") for path in paths), "pages are not API routes"
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/game/choose" in docs.text


def test_with_a_database_server_the_store_is_called_from_a_worker_thread(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite the routes call the store on the event loop; on a database server (whose
    round trips would hold up every other request) from a worker thread."""
    import threading

    app = make_app()
    games = app.state.games
    assert games.local  # the test's database is SQLite
    threads: set[str] = set()
    store_write = games.store.write

    def write(*args: Any, **kw: Any) -> int:
        threads.add(threading.current_thread().name)
        revision: int = store_write(*args, **kw)
        return revision

    monkeypatch.setattr(games.store, "write", write)
    with TestClient(app) as client:
        armed(client)
        game = client.post("/api/game", json={"seed": 5}).json()
        loop = set(threads)
        games.local = False  # as a PostgreSQL store would be
        threads.clear()
        for _ in range(3):
            answer = client.post("/api/game/choose", json={"option": _first_open(game["view"])})
            assert answer.status_code == 200
            game = answer.json()
        assert client.get("/api/slots").status_code == 200
    assert len(loop) == 1 and threads and not threads & loop

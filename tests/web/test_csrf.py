"""CSRF: a request that changes something carries the player's token, or is refused."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from newcourse.web.csrf import HEADER, Tokens

from .conftest import MakeApp, alert


def _form_token(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None, "every form carries the token"
    return found[1]


def test_forms_carry_the_token_tied_to_the_cookie(make_app: MakeApp) -> None:
    with TestClient(make_app()) as browser:
        start = browser.get("/")
        token = _form_token(start.text)
        assert start.headers[HEADER] == token
        assert start.text.count('name="csrf"') == start.text.count('method="post"')
        began = browser.post("/new", data={"seed": "1", "csrf": token}, follow_redirects=False)
        assert began.status_code == 303
        page = browser.get("/play").text
        assert _form_token(page) == token and page.count('name="csrf"') >= 2
        chose = browser.post("/choose", data={"option": "1", "csrf": token})
        assert chose.status_code == 200 and "You chose:" in chose.text
        upload = browser.post("/import", data={"csrf": token}, files={"save": ("x.json", b"{oops")})
        assert upload.status_code == 400, "a multipart form carries the token too"


def test_a_form_without_the_token_or_with_anothers_is_refused(make_app: MakeApp) -> None:
    app = make_app()
    with TestClient(app) as victim, TestClient(app) as forger:
        victim.get("/")
        forgers_token = _form_token(forger.get("/").text)
        for data in ({"seed": "1"}, {"seed": "1", "csrf": forgers_token}, {"csrf": ""}):
            refused = victim.post("/new", data=data)
            assert refused.status_code == 403, data
            assert alert(refused.text).startswith("This form was not made for you")
        assert victim.get("/play", follow_redirects=False).status_code == 303, "no game began"


def test_the_api_needs_the_token_in_a_header(make_app: MakeApp) -> None:
    with TestClient(make_app()) as client:
        token = client.get("/api/codes").headers[HEADER]
        bare = client.post("/api/game", json={"seed": 1})
        assert bare.status_code == 403 and bare.json()["code"] == "forbidden"
        assert "X-CSRF-Token" in bare.json()["message"]
        wrong = client.post("/api/game", json={"seed": 1}, headers={HEADER: token[:-2] + "xx"})
        assert wrong.status_code == 403
        assert client.get("/api/game").json()["code"] == "no_save", "nothing was done"
        right = client.post("/api/game", json={"seed": 1}, headers={HEADER: token})
        assert right.status_code == 201
        assert client.delete("/api/slots/x").status_code == 403
        assert client.put("/api/slots/x").status_code == 403


def test_a_token_belongs_to_one_player_and_one_server() -> None:
    tokens = Tokens("key")
    assert tokens.holds("alice", tokens.token("alice"))
    assert not tokens.holds("bob", tokens.token("alice"))
    assert not tokens.holds("alice", Tokens("other key").token("alice"))
    assert not tokens.holds("alice", None) and not tokens.holds("alice", "")

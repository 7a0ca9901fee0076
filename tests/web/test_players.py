"""Anonymous players: a signed cookie, and no player reaches another's games."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newcourse.web.players import COOKIE, Signer

from .conftest import MakeApp, armed


def test_a_new_visitor_gets_a_signed_http_only_same_site_cookie(make_app: MakeApp) -> None:
    client = TestClient(make_app())
    answer = client.get("/")
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert client.get("/").headers.get("set-cookie") is None, "a known player keeps the cookie"


def test_signatures_hold_and_forgeries_fail() -> None:
    signer = Signer("a key")
    player, cookie = signer.new_player()
    assert signer.player(cookie) == player
    assert Signer("another key").player(cookie) is None
    for forged in ("", "x", f"{player}.", f"other.{cookie.split('.')[1]}", "a.b.c", "é.é"):
        assert signer.player(forged) is None, forged


def test_no_player_reaches_another_players_games(make_app: MakeApp) -> None:
    app = make_app()
    with TestClient(app) as alice, TestClient(app) as bob:
        armed(alice), armed(bob)
        alice.post("/api/game", json={"seed": 1})
        alice.put("/api/slots/secret")
        assert bob.get("/api/game").status_code == 404
        assert bob.post("/api/slots/secret/load").status_code == 404
        assert bob.get("/api/slots").json() == []
        assert bob.delete("/api/slots/secret").status_code == 404
        assert alice.get("/api/game").status_code == 200


def test_a_forged_cookie_starts_a_fresh_anonymous_player(make_app: MakeApp) -> None:
    app = make_app()
    with TestClient(app) as player:
        armed(player)
        player.post("/api/game", json={"seed": 1})
        real = player.cookies[COOKIE]
        player.cookies.clear()
        player.cookies.set(COOKIE, real[:-2] + "xx", domain="testserver.local")
        answer = player.get("/api/game")
        assert answer.status_code == 404 and answer.json()["code"] == "no_save"
        assert player.cookies[COOKIE] not in (real, real[:-2] + "xx")

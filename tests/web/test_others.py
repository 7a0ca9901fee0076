"""What others chose: the share of the server's games that took each option, kept as counts."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import inspect

from newcourse.storage.sql import Counted, SqlGameStore
from newcourse.web.others import FRESH, ChoiceCounts

from .conftest import MakeApp, armed


def test_the_shares_of_the_servers_games_after_a_decision(make_app: MakeApp) -> None:
    app = make_app()
    players = [armed(TestClient(app)) for _ in range(4)]
    for player, option in zip(players, (1, 1, 2, 1), strict=True):
        began = player.post("/api/game", json={"seed": 1}).json()
        assert began["others"] is None, "nothing to compare before the first decision"
        player.post("/api/game/choose", json={"option": option})
    others = players[0].get("/api/game").json()["others"]
    assert others["games"] == 4 and others["event_title"] == "Who goes to Germany"
    shares = {s["id"]: (s["games"], s["percent"], s["yours"]) for s in others["options"]}
    first, second = (o["id"] for o in others["options"][:2])
    assert shares[first] == (3, 75, True) and shares[second] == (1, 25, False)
    assert sum(s["games"] for s in others["options"]) == 4
    page = players[2].get("/play").text
    assert "What others chose" in page and "4 games on this server" in page
    assert "25%" in page and "(your choice)" in page


def test_a_decision_taken_back_leaves_the_count(make_app: MakeApp, database: str) -> None:
    with TestClient(make_app()) as player:
        armed(player)
        player.post("/api/game", json={"seed": 1})
        chosen = player.post("/api/game/choose", json={"option": 2}).json()
        event, option = chosen["view"]["last"]["event_id"], chosen["view"]["last"]["option_id"]
        store = SqlGameStore(database)
        assert store.choices("left_opposition", event) == {option: 1}
        player.post("/api/game/undo")
        assert store.choices("left_opposition", event) == {}
        player.post("/api/game/choose", json={"option": 1})
        assert list(store.choices("left_opposition", event).values()) == [1]
        store.close()


def test_the_counts_name_no_player(any_database: str) -> None:
    store = SqlGameStore(any_database)
    store.migrate()
    for _ in range(3):
        store.count_choice("c", "e", "a")
    store.count_choice("c", "e", "b")
    store.count_choice("c", "e", "b", -1)
    store.count_choice("c", "e", "b", -1)  # never below nothing
    store.count_choice("c", "e", "z", -1)  # nothing to take back
    assert store.choices("c", "e") == {"a": 3}
    assert store.choices("c", "other") == {}
    columns = {c["name"] for c in inspect(store.engine).get_columns("choices")}
    assert columns == {"campaign", "event", "option", "games"}
    store.close()


def test_the_counts_kept_in_memory_add_this_process_and_read_the_others_each_second(
    database: str,
) -> None:
    store, elsewhere = SqlGameStore(database), SqlGameStore(database)
    store.migrate()
    now = [100.0]
    counts = ChoiceCounts(store, clock=lambda: now[0])
    store.count_choice("c", "e", "a")
    assert counts.choices("c", "e") == {"a": 1}
    now[0] += 0.01
    begun = now[0]  # as this process writes a decision: the store first,
    store.count_choice("c", "e", "a")
    counts.counted("c", [Counted("e", "a")], since=begun)  # then the counts kept
    elsewhere.count_choice("c", "e", "b")  # another process's decision
    assert counts.choices("c", "e") == {"a": 2}, "this process's own, at once"
    counts.counted(
        "c", [Counted("e", "a", -1), Counted("e", "a", -1), Counted("e", "z", -1)], since=begun
    )
    store.count_choice("c", "e", "a", -2)
    assert counts.choices("c", "e") == {}, "never below nothing, nothing named at nothing"
    now[0] += FRESH
    assert counts.choices("c", "e") == {"b": 1}, "the others' once the counts are a second old"
    store.close()
    elsewhere.close()


def test_counts_read_while_a_write_was_under_way_are_read_again(database: str) -> None:
    """A read answered after the write began may hold that write already: adding it
    again would count it twice, so the counts are dropped and read afresh."""
    store = SqlGameStore(database)
    store.migrate()
    now = [100.0]
    counts = ChoiceCounts(store, clock=lambda: now[0])
    begun = now[0]
    store.count_choice("c", "e", "a")  # written while the counts were being read
    assert counts.choices("c", "e") == {"a": 1}
    counts.counted("c", [Counted("e", "a")], since=begun)
    assert counts.choices("c", "e") == {"a": 1}, "counted once"
    store.close()

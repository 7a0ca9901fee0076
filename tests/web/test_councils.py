"""Council mode in the browser and over the API: several members, each a client with
cookies of their own, create, join, debate and vote; every refusal is the council's
one sentence and changes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newcourse.engine import Campaign
from newcourse.web import create_app

from .conftest import alert
from .sittings import START, Clock, act, create, join, member, refused, seen


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(mini: Campaign, database: str, clock: Clock) -> Iterator[FastAPI]:
    """The web player on the small test campaign, its councils timed by ``clock``."""
    app = create_app(mini, database)
    app.state.councils.clock = clock
    yield app
    app.state.games.store.close()


def _csrf(client: TestClient) -> str:
    return client.headers["X-CSRF-Token"]


# ------------------------------------------------------------ creating and joining


def test_a_council_is_created_from_the_pages_and_joined_by_link_and_by_code(app: FastAPI) -> None:
    ana, boris, clara = member(app), member(app), member(app)
    assert 'href="/councils"' in ana.get("/").text
    page = ana.get("/councils")
    assert "Create a council" in page.text and "Democrat" in page.text
    made = ana.post(
        "/councils",
        data={"csrf": _csrf(ana), "name": "Ana", "bots": ["democrat"]},
        follow_redirects=False,
    )
    assert made.status_code == 303
    link = made.headers["location"]
    code = link.rsplit("/", 1)[1]
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", code)
    chair = ana.get(link).text
    assert "you sit as <strong>Ana</strong>, the chair" in chair
    assert f"/c/{code}/events" in chair and "Democrat (bot)" in chair

    assert "Take a seat" in boris.get(link).text  # by the link
    joined = boris.post(
        f"{link}/join", data={"csrf": _csrf(boris), "name": "Boris"}, follow_redirects=True
    )
    assert "you sit as <strong>Boris</strong>, a delegate" in joined.text

    found = clara.post(
        "/councils/join",
        data={"csrf": _csrf(clara), "code": f" {code.lower()[:3]}-{code.lower()[3:]} "},
        follow_redirects=False,
    )
    assert found.headers["location"] == link  # by the code, typed loosely
    clara.post(f"{link}/join", data={"csrf": _csrf(clara), "name": "Clara", "role": "observer"})
    view = seen(clara, code)
    assert view["you"]["observer"] and not view["you"]["delegate"]
    assert [(m["name"], m["kind"]) for m in view["members"]] == [
        ("Ana", "delegate"),
        ("Democrat (bot)", "bot"),
        ("Boris", "delegate"),
        ("Clara", "observer"),
    ]

    lost = clara.post("/councils/join", data={"csrf": _csrf(clara), "code": "NOPE99"})
    assert lost.status_code == 404 and "no council with that code" in alert(lost.text)
    assert member(app).get("/c/NOPE99").status_code == 404


def test_a_name_taken_is_refused_and_the_page_says_so(app: FastAPI) -> None:
    ana, boris = member(app), member(app)
    code = create(ana)
    page = boris.post(f"/c/{code}/join", data={"csrf": _csrf(boris), "name": " ana "})
    assert page.status_code == 400
    assert alert(page.text) == "Another member already uses that name; choose another."
    assert refused(act(boris, code, "vote", option=1), 403, "not_a_member")


def test_a_closed_tab_or_a_new_connection_returns_the_delegate_to_their_seat(
    app: FastAPI,
) -> None:
    ana, boris = member(app), member(app)
    code = create(ana)
    join(boris, code, "Boris")
    cookies = dict(boris.cookies)
    boris.close()
    again = member(app)
    again.cookies.update(cookies)
    again.headers["X-CSRF-Token"] = again.get("/api/codes").headers["X-CSRF-Token"]
    assert seen(again, code)["you"]["name"] == "Boris"
    assert "you sit as <strong>Boris</strong>" in again.get(f"/c/{code}").text
    forged = member(app)
    forged.cookies.update(
        {**cookies, "newcourse_player": member(app).get("/").cookies.get("newcourse_player", "x.y")}
    )
    assert seen(forged, code)["you"]["member"] is None, "a seat is not carried to another player"


# ------------------------------------------------------------ debate and vote


def test_debate_posts_are_seen_by_the_others_and_votes_change_until_the_vote_closes(
    app: FastAPI,
) -> None:
    ana, boris, clara = member(app), member(app), member(app)
    code = create(ana)
    join(boris, code, "Boris")
    join(clara, code, "Clara", observer=True)
    posted = act(boris, code, "post", option=2, side="for", text="Let the members read it.")
    assert posted.status_code == 200
    page = ana.get(f"/c/{code}").text
    assert "<strong>Boris</strong>, for option 2" in page and "Let the members read it." in page
    assert seen(clara, code)["motion"]["posts"][0]["name"] == "Boris"

    refused(act(clara, code, "vote", option=1), 403, "observer")
    act(ana, code, "vote", option=1)
    changed = act(ana, code, "vote", option=2)
    assert changed.json()["motion"]["your_vote"] == 2
    refused(act(ana, code, "vote", option=2), 409, "already_done")
    view = seen(clara, code)
    assert view["motion"]["votes"] == [
        {"member": "m1", "name": "Ana", "option": 2, "option_text": "Publish it."}
    ]
    decided = act(boris, code, "vote", option=2).json()  # all have voted: it closes
    assert decided["decided"][0]["decided"] == "Publish it."
    assert decided["motion"]["number"] == 2


def test_a_tie_goes_to_the_chair_as_the_rules_say(app: FastAPI) -> None:
    ana, boris = member(app), member(app)
    code = create(ana)
    join(boris, code, "Boris")
    assert any(
        "A tie is broken by the chair's casting vote." in r for r in seen(ana, code)["rules"]
    )
    act(ana, code, "vote", option=1)
    view = act(boris, code, "vote", option=2).json()
    assert view["motion"]["phase"] == "casting"
    assert view["motion"]["casting_reason"] == "The vote was tied."
    refused(act(boris, code, "vote", option=1), 409, "wrong_phase")  # after the close
    refused(act(boris, code, "cast", option=1), 403, "not_chair")
    page = ana.get(f"/c/{code}").text
    assert "Cast the chair&#39;s vote for 2" in page or "Cast the chair's vote for 2" in page
    done = act(ana, code, "cast", option=2).json()
    assert done["decided"][0]["how"] == "by the chair's casting vote"


def test_without_a_quorum_the_vote_is_held_again(app: FastAPI) -> None:
    ana, boris, clara, dmitri = member(app), member(app), member(app), member(app)
    code = create(ana)
    for client, name in ((boris, "Boris"), (clara, "Clara"), (dmitri, "Dmitri")):
        join(client, code, name)
    act(boris, code, "vote", option=1)
    refused(act(boris, code, "close"), 403, "not_chair")
    view = act(ana, code, "close").json()  # one of four: no quorum
    motion = view["motion"]
    assert motion["number"] == 1 and motion["phase"] == "vote" and motion["votes"] == []
    assert motion["rounds"][0]["votes"] == [
        {"name": "Boris", "option_text": "Keep it inside the Central Committee."}
    ]
    assert "Without a quorum the vote is held again." in view["rules"]


def test_a_deadline_closes_the_vote_when_its_time_has_passed(app: FastAPI, clock: Clock) -> None:
    ana, boris, clara = member(app), member(app), member(app)
    code = create(ana, deadline=3600)
    join(boris, code, "Boris")
    join(clara, code, "Clara")
    act(ana, code, "vote", option=1)
    act(boris, code, "vote", option=1)
    view = seen(clara, code)
    assert (
        view["motion"]["deadline"] == START + 3600 and view["motion"]["time_left"] == "60 minutes"
    )
    assert "Votes close after 1 hour, or when all have voted." in view["rules"]
    clock.now = START + 3599
    assert seen(clara, code)["motion"]["number"] == 1
    clock.now = START + 3601  # nobody acts: reading the council applies the deadline
    view = seen(clara, code)
    assert view["motion"]["number"] == 2
    assert view["decided"][0]["decided"] == "Keep it inside the Central Committee."
    minutes = clara.get(f"/api/councils/{code}/minutes.md").text
    assert "(the deadline; 2 of 3 delegates voted)" in minutes


def test_the_chair_is_recalled_by_a_majority_and_another_elected(app: FastAPI) -> None:
    ana, boris, clara = member(app), member(app), member(app)
    code = create(ana)
    join(boris, code, "Boris")
    join(clara, code, "Clara")
    ballot = act(boris, code, "recall").json()["ballot"]
    assert ballot["question"] == "recall" and ballot["subject_name"] == "Ana"
    refused(act(boris, code, "recall"), 409, "ballot_open")
    view = act(clara, code, "ballot", choice="yes").json()  # two of three
    assert view["chair"] is None and view["ballot"]["question"] == "election"
    refused(act(ana, code, "close"), 409, "no_chair")
    assert [c["name"] for c in view["ballot"]["candidates"]] == ["Ana", "Boris", "Clara"]
    act(boris, code, "ballot", choice="m3")
    view = act(clara, code, "ballot", choice="m3").json()
    assert view["chair"] == {"id": "m3", "name": "Clara"}
    assert "you sit as <strong>Clara</strong>, the chair" in clara.get(f"/c/{code}").text
    refused(act(ana, code, "close"), 403, "not_chair")  # a forged chair action
    results = [(b["question"], b["result"]) for b in view["ballots"]]
    assert results == [("recall", "carried"), ("election", "Clara elected")]


def test_bad_input_is_refused_in_one_sentence_and_changes_nothing(app: FastAPI) -> None:
    ana, boris, stranger = member(app), member(app), member(app)
    code = create(ana)
    other = create(stranger, name="Zoe")
    join(boris, code, "Boris")
    before = seen(ana, code)["council"]["seq"]
    refused(act(stranger, code, "vote", option=1), 403, "not_a_member")  # no seat here
    refused(act(stranger, code, "close"), 403, "not_a_member")  # the chair of another
    refused(act(boris, other, "vote", option=1), 403, "not_a_member")
    refused(act(boris, code, "close"), 403, "not_chair")
    refused(act(boris, code, "vote", option=9), 400, "no_such_option")
    refused(act(boris, code, "post", option=1, side="for", text="x" * 601), 400, "bad_text")
    refused(act(boris, code, "post", option=1, side="sideways", text="Hm."), 400, "bad_text")
    refused(act(boris, code, "post", option=1, side="for", text="\x07bell"), 400, "bad_text")
    refused(act(boris, code, "post", option=1, side="for", text="x" * 5000), 400, "bad_request")
    refused(act(boris, code, "report", text="We were right."), 409, "wrong_phase")
    huge = boris.post(
        f"/api/councils/{code}/post",
        content=b'{"text": "' + b"x" * 6_000_000 + b'"}',
        headers={"Content-Type": "application/json"},
    )
    refused(huge, 413, "too_large")
    malformed = boris.post(
        f"/api/councils/{code}/vote",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    refused(malformed, 400, "bad_request")
    unarmed = member(app)
    unarmed.headers.pop("X-CSRF-Token")
    refused(unarmed.post(f"/api/councils/{code}/join", json={"name": "Eve"}), 403, "forbidden")
    refused(act(boris, "NOPE99", "vote", option=1), 404, "not_found")
    assert seen(ana, code)["council"]["seq"] == before
    page = boris.post(f"/c/{code}/act/close", data={"csrf": _csrf(boris)})
    assert page.status_code == 403 and alert(page.text) == "Only the chair may do that."


def test_the_minutes_are_read_and_exported_as_markdown_and_json(app: FastAPI) -> None:
    ana, boris = member(app), member(app)
    code = create(ana)
    join(boris, code, "Boris")
    act(boris, code, "post", option=1, side="against", text="Secrecy helps the apparatus.")
    act(ana, code, "vote", option=1)
    act(boris, code, "vote", option=2)
    act(ana, code, "cast", option=1)
    page = ana.get(f"/c/{code}/minutes").text
    assert "Minutes of council" in page and "Secrecy helps the apparatus." in page
    markdown = ana.get(f"/c/{code}/minutes.md")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert "attachment" in markdown.headers["content-disposition"]
    assert "**Decided** by the chair's casting vote: Keep it inside" in markdown.text
    data = ana.get(f"/c/{code}/minutes.json").json()
    assert data["format"] == "newcourse-council-minutes"
    kinds = [r["kind"] for r in data["records"]]
    assert kinds[:2] == ["created", "joined"] and "casting" in kinds and "decided" in kinds
    assert ana.get(f"/api/councils/{code}/minutes").json() == data


def test_the_api_is_described_in_the_openapi(app: FastAPI) -> None:
    paths = member(app).get("/openapi.json").json()["paths"]
    assert "/api/councils" in paths and "/api/councils/{code}/{act}" in paths
    assert "/api/councils/{code}/join" in paths

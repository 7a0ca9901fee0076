"""Hidden information stays out of the view."""

from __future__ import annotations

from newcourse.engine import Game
from newcourse.engine.model import Campaign


def test_the_view_of_the_real_campaign_holds_no_hidden_quality_and_no_flag(
    real: Campaign,
) -> None:
    hidden = {q.name for q in real.qualities.values() if not q.shown}
    assert hidden, "the real campaign has hidden qualities to keep out"
    game = Game.start(real, seed=3)
    for _ in range(12):
        view = game.view()
        if view.ending is not None:
            break
        assert "flags" not in view._fields
        assert not hidden & {q.name for q in view.qualities}
        assert not hidden & {c.name for c in (*view.changes, *view.moved)}
        if view.last is not None:
            assert not hidden & (set(view.last.before) | set(view.last.after))
            assert view.last.flags_set == () and view.last.flags_cleared == ()
        game = game.choose(next(o.id for o in view.options if o.available))
    # the state keeps what the view leaves out
    assert hidden <= set(game.state.values)

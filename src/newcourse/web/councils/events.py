"""Server-sent events: ``/c/{code}/events`` tells a client each new number of the council's
minutes, within moments of the record being stored.

The stream listens first (a subscription another process confirms, with Redis),
then opens with the number as it stands and sends each new one (numbers
that come while the client is slow are folded into the newest); a comment every
few seconds keeps proxies from closing it, and on those beats the council is
read, so that a deadline passes even when nobody acts. A stream ends after a
while, and the browser's EventSource opens it again by itself.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from .keeping import Sitting
from .pages import find_council
from .service import Councils

__all__ = ["BEAT", "LIFETIME", "router"]

router = APIRouter(include_in_schema=False)

BEAT = 10.0
"""Seconds between the stream's keep-alive comments (and deadline checks)."""
LIFETIME = 600.0
"""Seconds a stream stays open before the client is asked to open it again."""


def _seq(sitting: Sitting) -> int:
    return sitting.seq


def _event(seq: int) -> str:
    return f"id: {seq}\ndata: {seq}\n\n"


@router.get("/c/{code}/events")
async def events(request: Request, code: str) -> StreamingResponse:
    """The council's record numbers as server-sent events (``text/event-stream``)."""
    councils: Councils = request.app.state.councils
    council = await run_in_threadpool(find_council, request, code)
    listener = councils.notifier.listen(council)
    try:
        await listener.ready()  # heard from now on: no number falls between it and the read
        seq = await run_in_threadpool(councils.read, council, _seq)
    except BaseException:
        listener.close()
        raise

    async def stream() -> AsyncIterator[str]:
        newest, ends = seq, time.monotonic() + LIFETIME
        try:
            yield "retry: 2000\n" + _event(newest)
            while time.monotonic() < ends:
                told = await listener.wait(BEAT)
                if told is None:
                    if await request.is_disconnected():
                        break
                    told = await run_in_threadpool(councils.read, council, _seq)
                    if told <= newest:
                        yield ": the council sits\n\n"
                        continue
                if told > newest:
                    newest = told
                    yield _event(newest)
        finally:
            listener.close()

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )

"""``newcourse serve``: migrate the database, make sure Redis answers (with ``--redis-url``),
then run the web player under uvicorn.

Uvicorn takes httptools, the HTTP parser written in C that the ``web`` extra installs
(``http`` left to ``auto``), and falls back on the pure-Python one where it is missing.
The event loop is asyncio's own, never uvloop, even where uvloop is installed: uvloop
has an open report of answers given to the wrong requests under heavy load (uvloop
issue 645), which a server of players' games cannot risk. It writes no line per request
unless asked (``--access-log``, or ``NEWCOURSE_DEBUG``): under load, the log costs a
share of the server's time and fills a disk."""

from __future__ import annotations

import sys

from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from .. import settings
from ..storage.sql import SqlGameStore
from .app import database_url

__all__ = ["serve"]

APP = "newcourse.web.app:app_from_settings"
STOPPING = 5
"""Seconds a stopping server gives the requests under way to finish; then it closes what
is still open (a council's event stream would otherwise hold it for minutes)."""


def serve(
    host: str,
    port: int,
    workers: int,
    url: str | None,
    redis_url: str | None = None,
    access_log: bool = False,
) -> str | None:
    """Serve until interrupted; returns None when done, or the sentence that stops it.
    With ``redis_url`` (or ``NEWCOURSE_REDIS_URL``), councils' notices go between the
    server's processes, and any other server's on the same database, through Redis; with
    ``access_log`` (or ``NEWCOURSE_DEBUG``), a line for every request on the standard error."""
    import uvicorn

    url = url or database_url()
    redis_url = redis_url or settings.current().redis_url
    try:
        store = SqlGameStore(url)
        store.migrate()  # once, before the workers start
        store.close()
    except (ArgumentError, NoSuchModuleError):
        return f"--database-url {url!r} is not a database URL this server can use"
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else "it did not answer"
        return f"cannot open the database {url}: {reason}"
    settings.pass_on_database_url(url)  # the workers read it from their settings
    councils = ""
    if redis_url:
        from .councils.redis_notices import RedisUnreachable, check_redis, shown_url

        try:
            check_redis(redis_url)
        except RedisUnreachable as error:
            return str(error)
        settings.pass_on_redis_url(redis_url)
        councils = (
            f" Councils' news goes between processes through Redis at {shown_url(redis_url)}."
        )
    elif workers > 1:
        councils = (
            " Without --redis-url, a council's members on other workers see a change "
            "within ten seconds rather than at once."
        )
    access_log = access_log or settings.current().debug
    shown = f"[{host}]" if ":" in host else host
    print(
        f"New Course is served at http://{shown}:{port}/ with {workers} worker"
        f"{'s' * (workers != 1)}; games are kept in {url}.{councils} Ctrl-C stops it.",
        file=sys.stderr,
    )
    uvicorn.run(
        APP,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info" if access_log else "warning",
        access_log=access_log,
        loop="asyncio",  # not uvloop, even where installed: see the module's notes
        http="auto",  # httptools when installed
        timeout_graceful_shutdown=STOPPING,
    )
    return None

"""``newcourse serve``: migrate the database, then run the web player under uvicorn."""

from __future__ import annotations

import sys

from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from .. import settings
from ..storage.sql import SqlGameStore
from .app import database_url

__all__ = ["serve"]

APP = "newcourse.web.app:app_from_settings"


def serve(host: str, port: int, workers: int, url: str | None) -> str | None:
    """Serve until interrupted; returns None when done, or the sentence that stops it."""
    import uvicorn

    url = url or database_url()
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
    shown = f"[{host}]" if ":" in host else host
    print(
        f"New Course is served at http://{shown}:{port}/ with {workers} worker"
        f"{'s' * (workers != 1)}; games are kept in {url}. Ctrl-C stops it.",
        file=sys.stderr,
    )
    uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, log_level="warning")
    return None

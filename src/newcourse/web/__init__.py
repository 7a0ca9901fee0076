"""The web player: New Course in a browser, and a JSON API for other clients.

Pages are rendered on the server with Jinja2 and play with JavaScript off;
htmx (shipped in ``static/`` with its licence) makes them swap in place when it
runs. The API under ``/api`` does everything the pages do, as JSON. Games are
kept in an SQL database (``storage.sql``); a player is anonymous, known by a
signed cookie. Like every front-end, the web is thin: it opens the shared
``session.Session``, shows its public view and says the session's refusals.

Needs the ``web`` extra: ``pip install 'newcourse[web]'``.
"""

from .app import app_from_settings, create_app, database_url

__all__ = ["app_from_settings", "create_app", "database_url"]

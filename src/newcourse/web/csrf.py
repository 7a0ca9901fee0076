"""Cross-site request forgery: every request that changes something carries a token.

The token is an HMAC of the player's id under the server's key, so it is tied
to the player's cookie: a page shown to one visitor cannot be posted by another
site on a second visitor's behalf, and a form from before the cookie changed is
refused. Forms send it as the hidden field ``csrf``; API clients send it in the
``X-CSRF-Token`` header, which every answer carries (read it from any GET).
Requests that only read (GET, HEAD, OPTIONS) need none.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from fastapi import Request

__all__ = ["FIELD", "HEADER", "CsrfRefused", "Tokens", "api_token", "form_token"]

FIELD = "csrf"
"""The hidden form field that carries the token."""
HEADER = "X-CSRF-Token"
"""The header that carries the token (and in which every answer gives it)."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


class CsrfRefused(Exception):
    """A state-changing request without this player's token: refused with a 403."""


class Tokens:
    """Makes and checks the players' tokens with the server's secret ``key``."""

    def __init__(self, key: str) -> None:
        self._key = key.encode("utf-8")

    def token(self, player: str) -> str:
        """The token of ``player``: the same on every page for as long as the cookie lives."""
        digest = hmac.new(self._key, f"csrf:{player}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:24]).decode("ascii")

    def holds(self, player: str, sent: str | None) -> bool:
        """Whether ``sent`` is the token of ``player``."""
        return bool(sent) and hmac.compare_digest(str(sent), self.token(player))


FORM_REFUSED = (
    "This form was not made for you or is out of date (the page is old, or your cookie "
    "changed); reload the page and try again."
)
HEADER_REFUSED = (
    "A request that changes something needs this player's X-CSRF-Token header; "
    "take it from the X-CSRF-Token header of any answer."
)


def _check(request: Request, sent: str | None, refused: str) -> None:
    tokens: Tokens = request.app.state.tokens
    if not tokens.holds(request.state.player, sent):
        raise CsrfRefused(refused)


async def form_token(request: Request) -> None:
    """A page's check: the token in the header, or else in the form's ``csrf`` field."""
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get(HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(FORMS):
        value = (await request.form()).get(FIELD)
        sent = value if isinstance(value, str) else None
    _check(request, sent, FORM_REFUSED)


async def api_token(request: Request) -> None:
    """The API's check: the token in the ``X-CSRF-Token`` header."""
    if request.method not in SAFE_METHODS:
        _check(request, request.headers.get(HEADER), HEADER_REFUSED)

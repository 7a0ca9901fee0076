"""Anonymous players: a random id in a signed, HTTP-only, SameSite cookie.

A cookie whose signature does not hold (forged, or signed by another server's
key) is ignored and the visitor becomes a new player; nothing else identifies
a player, and no player can name another's saves.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

__all__ = ["COOKIE", "MAX_AGE", "Signer"]

COOKIE = "newcourse_player"
MAX_AGE = 400 * 24 * 3600  # the longest a browser keeps a cookie
"""How long, in seconds, a browser keeps the player's cookie."""


class Signer:
    """Signs and checks player ids with the server's secret ``key``."""

    def __init__(self, key: str) -> None:
        self._key = key.encode("utf-8")

    def _signature(self, player: str) -> str:
        digest = hmac.new(self._key, player.encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:18]).decode("ascii")

    def new_player(self) -> tuple[str, str]:
        """A new player's id and the cookie's value for it."""
        player = secrets.token_urlsafe(18)
        return player, self.cookie(player)

    def cookie(self, player: str) -> str:
        """The cookie's value for ``player``: the id and its signature."""
        return f"{player}.{self._signature(player)}"

    def player(self, cookie: str | None) -> str | None:
        """The player a cookie names, or None when it is missing or its signature fails."""
        if not cookie or cookie.count(".") != 1 or len(cookie) > 100:
            return None
        player, signature = cookie.split(".")
        if not player.isascii() or not signature.isascii():
            return None
        return player if hmac.compare_digest(signature, self._signature(player)) else None

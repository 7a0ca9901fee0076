"""A member's seats, kept in a signed cookie tied to the player's own cookie.

Delegates join without an account: the seat a player took (the council's id and
the member's id) is written in the cookie ``newcourse_seats``, signed with the
server's key together with the player's id, so a closed tab or a new connection
finds the seat again, and a seat cannot be forged, nor carried to another
player. A cookie whose signature fails holds no seat.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

__all__ = ["KEPT_SEATS", "SEATS_COOKIE", "Seats"]

SEATS_COOKIE = "newcourse_seats"
KEPT_SEATS = 20
"""The most councils a cookie remembers a seat in (the latest joined)."""
_PAIR = re.compile(r"^[0-9a-f]{1,32}:m[0-9]{1,6}$")


class Seats:
    """Reads and writes the seats cookie with the server's secret ``key``."""

    def __init__(self, key: str) -> None:
        self._key = key.encode("utf-8")

    def _signature(self, player: str, body: str) -> str:
        digest = hmac.new(self._key, f"seats:{player}:{body}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:18]).decode("ascii")

    def read(self, player: str, cookie: str | None) -> dict[str, str]:
        """The player's seats, by council id; none when the cookie is missing or forged."""
        if not cookie or len(cookie) > 2000 or cookie.count(".") != 1:
            return {}
        body, signature = cookie.split(".")
        if not body.isascii() or not signature.isascii():
            return {}
        if not hmac.compare_digest(signature, self._signature(player, body)):
            return {}
        pairs = [pair for pair in body.split(",") if _PAIR.match(pair)]
        return dict(pair.split(":") for pair in pairs)

    def cookie(self, player: str, seats: dict[str, str]) -> str:
        """The cookie's value for the player's ``seats`` (the latest ``KEPT_SEATS``)."""
        latest = list(seats.items())[-KEPT_SEATS:]
        body = ",".join(f"{council}:{member}" for council, member in latest)
        return f"{body}.{self._signature(player, body)}"

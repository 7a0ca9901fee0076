"""Telling a council's clients that its minutes grew: the ``Notifier`` protocol, and the
notifier of one server process (asyncio, in memory).

The service publishes a council's newest record number after every append; each
client listening (a server-sent event stream) wakes and fetches what changed.
Numbers published while a listener was busy are folded into the newest, so a
slow client is never flooded. Another notifier (``redis_notices.RedisNotifier``,
which carries the numbers between server processes) replaces this one behind the
same protocol; the app starts a notifier when it starts and stops it when it stops.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Protocol

__all__ = ["Listener", "LocalNotifier", "Notifier"]


class Listener(Protocol):
    """One client's subscription to a council's record numbers."""

    async def ready(self) -> None:
        """Return once every number published from now on will be heard (a subscription
        another process must confirm), or at once where nothing needs confirming."""
        ...

    async def wait(self, timeout: float) -> int | None:
        """The newest number published since the last wait, or None after ``timeout``
        seconds without one."""
        ...

    def close(self) -> None:
        """Stop listening."""
        ...


class Notifier(Protocol):
    """Carries a council's newest record number to everyone listening to it."""

    def publish(self, council: str, seq: int) -> None:
        """Tell the council's listeners that its minutes reach ``seq`` (from any thread)."""
        ...

    def listen(self, council: str) -> Listener:
        """A new subscription to the council, from the running event loop."""
        ...

    async def start(self) -> None:
        """Begin carrying numbers (the server starts), in its event loop."""
        ...

    async def stop(self) -> None:
        """Stop carrying numbers and give back what was held (the server stops)."""
        ...


class _Local:
    """A listener in this process: an event on the loop that listens."""

    def __init__(self, notifier: LocalNotifier, council: str) -> None:
        self.notifier = notifier
        self.council = council
        self.loop = asyncio.get_running_loop()
        self.woken = asyncio.Event()
        self.newest = 0

    def tell(self, seq: int) -> None:
        self.newest = max(self.newest, seq)
        self.woken.set()

    async def ready(self) -> None:
        return None

    async def wait(self, timeout: float) -> int | None:
        try:
            async with asyncio.timeout(timeout):  # no task of its own: woken in one step
                await self.woken.wait()
        except TimeoutError:
            return None
        self.woken.clear()
        return self.newest

    def close(self) -> None:
        self.notifier.forget(self)


class LocalNotifier:
    """The notifier of one server process: publishing wakes the listeners of this
    process only."""

    def __init__(self) -> None:
        self._listeners: dict[str, set[_Local]] = {}
        self._lock = threading.Lock()

    async def start(self) -> None:
        """Nothing to start: the listeners are in this process."""

    async def stop(self) -> None:
        """Nothing to give back."""

    def listen(self, council: str) -> Listener:
        listener = _Local(self, council)
        with self._lock:
            self._listeners.setdefault(council, set()).add(listener)
        return listener

    def forget(self, listener: _Local) -> None:
        """Drop a listener (it closed, or its loop is gone)."""
        with self._lock:
            found = self._listeners.get(listener.council)
            if found is not None:
                found.discard(listener)
                if not found:
                    del self._listeners[listener.council]

    def publish(self, council: str, seq: int) -> None:
        with self._lock:
            listeners = list(self._listeners.get(council, ()))
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:  # a worker thread
            running = None
        for listener in listeners:
            if listener.loop is running:  # told at once: it is woken before what follows
                listener.tell(seq)
                continue
            try:
                listener.loop.call_soon_threadsafe(listener.tell, seq)
            except RuntimeError:  # its loop has closed
                self.forget(listener)

    def listening(self, council: str) -> int:
        """How many listeners the council has in this process."""
        with self._lock:
            return len(self._listeners.get(council, ()))

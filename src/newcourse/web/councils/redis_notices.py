"""Councils' notices between server processes, through Redis pub/sub: ``RedisNotifier``.

Each process tells its own listeners as the ``LocalNotifier`` does and, beside
that, publishes a council's new record number on the council's channel
(``newcourse:council:<id>``) and subscribes to the channels of the councils it
is streaming, so that a vote stored by one process wakes the streams of every
other. Redis carries notices only; the database stays the truth. While Redis
cannot be reached, every listener waits at most ``POLL`` seconds, so that its
stream reads the council from the database that often; once Redis answers
again, every stream reads the council once more, so nothing published in
between is missed.

One task reads the subscriptions (and alone changes them, when this process
starts or stops streaming a council: it is woken through a channel of this
process), another publishes, folding the numbers of a council that come
faster than Redis takes them into the newest.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit, urlunsplit

import redis
from redis import asyncio as aioredis
from redis.exceptions import RedisError

from .notices import Listener, LocalNotifier

__all__ = ["CHANNEL", "POLL", "RedisNotifier", "RedisUnreachable", "check_redis", "shown_url"]

CHANNEL = "newcourse:council:"
"""The prefix of a council's channel; the council's id follows."""
POLL = 1.0
"""Seconds a listener waits at most while Redis cannot be reached."""
RETRY = 1.0
"""Seconds between attempts to reach Redis again."""
CONFIRM = 1.0
"""Seconds a new listener waits at most for Redis to confirm its subscription."""
TIMEOUT = 3.0
"""Seconds to connect to Redis, or for it to answer a command."""
SCHEMES = ("redis", "rediss", "unix")
log = logging.getLogger("newcourse.web")
_WHERE = re.compile(r"^Error -?\d+ connecting to \S+?\.\s+")


class RedisUnreachable(Exception):
    """Redis cannot be used at the URL given; the message says why, in one sentence."""


def shown_url(url: str) -> str:
    """``url`` as it may be shown, its password hidden."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit(parts._replace(netloc=user + host))


def _checked(url: str) -> str:
    if urlsplit(url).scheme not in SCHEMES:
        raise RedisUnreachable(
            f"--redis-url {shown_url(url)!r} is not a Redis URL (redis://HOST:PORT/DB)"
        )
    return url


def _reason(error: BaseException) -> str:
    said = str(error).strip().splitlines()
    if not said:
        return type(error).__name__
    reason = _WHERE.sub("", said[0]).rstrip(".")  # "Error 111 connecting to h:p. Connection..."
    return reason[:1].lower() + reason[1:]


def check_redis(url: str) -> None:
    """Make sure Redis answers at ``url`` (before the server starts); ``RedisUnreachable``
    says what is wrong."""
    try:
        client = redis.Redis.from_url(
            _checked(url), socket_connect_timeout=TIMEOUT, socket_timeout=TIMEOUT
        )
    except ValueError:
        raise RedisUnreachable(
            f"--redis-url {shown_url(url)!r} is not a Redis URL (redis://HOST:PORT/DB)"
        ) from None
    try:
        client.ping()
    except (RedisError, OSError) as error:
        raise RedisUnreachable(
            f"cannot reach Redis at {shown_url(url)}: {_reason(error)}"
        ) from None
    finally:
        client.close()


class _Heard:
    """A listener of this process to a council whose numbers may come through Redis."""

    def __init__(self, notifier: RedisNotifier, council: str, local: Listener) -> None:
        self.notifier = notifier
        self.council = council
        self.local = local
        self.seen = notifier.changes
        self.told = 0

    async def ready(self) -> None:
        await self.notifier.confirmed(self.council)

    async def wait(self, timeout: float) -> int | None:
        if not self.notifier.up:
            timeout = min(timeout, POLL)
        ends = time.monotonic() + timeout
        while self.seen == self.notifier.changes:
            told = await self.local.wait(max(0.0, ends - time.monotonic()))
            if told is None:
                return None
            if told > self.told and self.seen == self.notifier.changes:
                self.told = told
                return told
            # woken with nothing new: Redis came or went (or the same number again)
        self.seen = self.notifier.changes
        return None  # Redis went away or came back: the stream reads the council itself

    def close(self) -> None:
        self.local.close()
        self.notifier.dropped(self.council)


class RedisNotifier:
    """The notifier of a server among several: this process's listeners, and the
    others' through the Redis at ``url`` (started and stopped with the server)."""

    def __init__(self, url: str) -> None:
        self.url = _checked(url)
        self.local = LocalNotifier()
        self.up = False
        """Whether Redis answers (the subscriptions are in place)."""
        self.changes = 0
        """How many times Redis came or went: a listener that sees it change reads again."""
        self._warned = False
        self._own = f"newcourse:process:{secrets.token_hex(8)}"
        self._loop: asyncio.AbstractEventLoop | None = None
        self._client: aioredis.Redis | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._listening: dict[str, int] = {}
        self._confirmed: dict[str, asyncio.Event] = {}
        self._in_place: set[str] = set()
        self._outgoing: dict[str, str] = {}
        self._to_send = asyncio.Event()

    # ------------------------------------------------------------ the protocol

    def publish(self, council: str, seq: int) -> None:
        """Tell this process's listeners now, and the other processes through Redis."""
        self.local.publish(council, seq)
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: the server stops
                loop.call_soon_threadsafe(self._send, CHANNEL + council, seq)

    def listen(self, council: str) -> Listener:
        """A new subscription to the council, from the running event loop; the first one
        in this process subscribes to the council's channel."""
        local = self.local.listen(council)
        self._listening[council] = self._listening.get(council, 0) + 1
        if council not in self._confirmed:
            self._confirmed[council] = asyncio.Event()
            self._send(self._own, 0)  # wake the reader, which subscribes
        return _Heard(self, council, local)

    async def start(self) -> None:
        """Connect to Redis and start the reader and the publisher. A Redis that does not
        answer is tried again every second; meanwhile the listeners poll."""
        self._loop = asyncio.get_running_loop()
        self._client = aioredis.Redis.from_url(
            self.url,
            decode_responses=True,
            socket_connect_timeout=TIMEOUT,
            socket_timeout=TIMEOUT,
        )
        self._tasks = [
            asyncio.create_task(self._reading(), name="newcourse-redis-reader"),
            asyncio.create_task(self._sending(), name="newcourse-redis-publisher"),
        ]

    async def stop(self) -> None:
        """Stop both tasks and close the connections."""
        self._loop = None
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        if self._client is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._client.aclose()
            self._client = None
        self.up = False

    # ------------------------------------------------------------ for the listeners

    def listening(self, council: str) -> int:
        """How many listeners the council has in this process."""
        return self.local.listening(council)

    async def confirmed(self, council: str) -> None:
        """Return once Redis confirmed the council's subscription, or after ``CONFIRM``
        seconds, or at once while Redis cannot be reached."""
        event = self._confirmed.get(council)
        if event is None or not self.up:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), CONFIRM)

    def dropped(self, council: str) -> None:
        """A listener closed: the last one of a council unsubscribes from its channel."""
        left = self._listening.get(council, 0) - 1
        if left > 0:
            self._listening[council] = left
            return
        self._listening.pop(council, None)
        self._confirmed.pop(council, None)
        self._send(self._own, 0)

    # ------------------------------------------------------------ inside

    def _send(self, channel: str, seq: int) -> None:
        said = self._outgoing.get(channel)
        if said is None or int(said) < seq:
            self._outgoing[channel] = str(seq)
        self._to_send.set()

    async def _sending(self) -> None:
        while True:
            await self._to_send.wait()
            self._to_send.clear()
            outgoing, self._outgoing = self._outgoing, {}
            if not self.up or self._client is None:
                continue  # nobody hears: the listeners poll the database
            try:
                async with self._client.pipeline(transaction=False) as pipe:
                    for channel, seq in outgoing.items():
                        pipe.publish(channel, seq)
                    await pipe.execute()
            except (RedisError, OSError) as error:
                log.warning("a council's notice was not published in Redis: %s", _reason(error))

    async def _reading(self) -> None:
        while True:
            assert self._client is not None
            pubsub = self._client.pubsub(ignore_subscribe_messages=False)
            try:
                await self._read(pubsub)
            except (RedisError, OSError) as error:
                if not self._warned:
                    log.warning(
                        "Redis at %s cannot be reached (%s): councils' streams read the "
                        "database every second until it answers again",
                        shown_url(self.url),
                        _reason(error),
                    )
                    self._warned = True
                self._fall()
            finally:
                close: Callable[[], Awaitable[object]] = pubsub.aclose  # untyped in redis-py
                with contextlib.suppress(RedisError, OSError, RuntimeError):
                    await close()
            await asyncio.sleep(RETRY)

    async def _read(self, pubsub: aioredis.client.PubSub) -> None:
        await pubsub.subscribe(self._own)
        subscribed: set[str] = set()
        self._in_place.clear()
        while True:
            wanted = set(self._listening)
            if wanted != subscribed:
                added, gone = wanted - subscribed, subscribed - wanted
                if gone:
                    self._in_place.difference_update(gone)
                    await pubsub.unsubscribe(*(CHANNEL + council for council in gone))
                if added:
                    await pubsub.subscribe(*(CHANNEL + council for council in added))
                subscribed = wanted
            for council in self._in_place:  # a listener came back before the channel went
                found = self._confirmed.get(council)
                if found is not None:
                    found.set()
            message = await pubsub.get_message(timeout=RETRY)
            if message is not None:
                self._heard(message)

    def _heard(self, message: dict[str, object]) -> None:
        channel = str(message.get("channel", ""))
        kind = message.get("type")
        if channel == self._own:
            if kind == "subscribe" and not self.up:
                self._rise()
            return
        if not channel.startswith(CHANNEL):
            return
        council = channel[len(CHANNEL) :]
        if kind == "subscribe":
            self._in_place.add(council)
            event = self._confirmed.get(council)
            if event is not None:
                event.set()
        elif kind == "message":
            data = str(message.get("data", ""))
            if data.isdigit():
                self.local.publish(council, int(data))

    def _rise(self) -> None:
        if self._warned:
            log.warning("Redis at %s answers again", shown_url(self.url))
            self._warned = False
        self.up = True
        self.changes += 1
        self._wake()

    def _fall(self) -> None:
        for event in self._confirmed.values():
            event.clear()
        if self.up:
            self.up = False
            self.changes += 1
            self._wake()

    def _wake(self) -> None:
        """Wake every listener of this process: each sees the turn and reads again."""
        for council in list(self._listening):
            self.local.publish(council, 0)

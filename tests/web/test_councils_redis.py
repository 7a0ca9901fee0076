"""Councils' notices through Redis: what one process publishes, another process's listeners
hear within a second; a Redis that goes away leaves the listeners polling the database,
and one that comes back is listened to again; a Redis that cannot be reached stops
``newcourse serve`` in one sentence."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import AsyncIterator, Callable

import pytest
import pytest_asyncio
import redis

from newcourse.cli import main
from newcourse.web.councils.redis_notices import (
    CHANNEL,
    POLL,
    RedisNotifier,
    RedisUnreachable,
    check_redis,
    shown_url,
)

from .serving import Redis, free_port

pytestmark = pytest.mark.redis


def _council() -> str:
    return secrets.token_hex(8)


async def _until(test: Callable[[], bool], within: float) -> float:
    """Seconds until ``test`` holds; fails after ``within``."""
    began = time.monotonic()
    while not test():
        assert time.monotonic() - began < within, "it never came"
        await asyncio.sleep(0.02)
    return time.monotonic() - began


def _subscribers(url: str, council: str) -> int:
    client = redis.Redis.from_url(url)
    try:
        counts = client.pubsub_numsub(CHANNEL + council)
        return int(counts[0][1])
    finally:
        client.close()


async def _started(url: str) -> RedisNotifier:
    notifier = RedisNotifier(url)
    await notifier.start()
    return notifier


@pytest_asyncio.fixture
async def two(redis_server: str) -> AsyncIterator[tuple[RedisNotifier, RedisNotifier]]:
    """Two processes' notifiers on one Redis, both listening."""
    first, second = await _started(redis_server), await _started(redis_server)
    await _until(lambda: first.up and second.up, 5)
    yield first, second
    await first.stop()
    await second.stop()


@pytest.mark.asyncio
async def test_a_number_published_by_one_process_is_heard_by_another_within_a_second(
    redis_server: str, two: tuple[RedisNotifier, RedisNotifier]
) -> None:
    first, second = two
    council = _council()
    here, there = first.listen(council), second.listen(council)
    await here.ready()
    await there.ready()
    assert _subscribers(redis_server, council) == 2
    began = time.monotonic()
    await asyncio.to_thread(first.publish, council, 5)  # from a request's thread
    assert await there.wait(1.0) == 5
    assert time.monotonic() - began < 1.0
    assert await here.wait(1.0) == 5, "the publishing process tells its own listeners too"
    first.publish(council, 6)
    first.publish(council, 7)
    assert await there.wait(1.0) == 7, "numbers that come together are folded into the newest"
    assert await there.wait(0.2) is None
    other = _council()
    elsewhere = second.listen(other)
    await elsewhere.ready()
    first.publish(council, 8)
    assert await elsewhere.wait(0.3) is None, "a council's notices reach its own listeners"
    for listener in (here, there, elsewhere):
        listener.close()
    assert first.listening(council) == second.listening(council) == 0
    await _until(lambda: _subscribers(redis_server, council) == 0, 2)


@pytest.mark.asyncio
async def test_a_listener_that_comes_back_is_ready_at_once(
    two: tuple[RedisNotifier, RedisNotifier],
) -> None:
    first, second = two
    council = _council()
    listener = second.listen(council)
    await listener.ready()
    listener.close()
    again = second.listen(council)  # before the reader has let the channel go, or after
    began = time.monotonic()
    await again.ready()
    assert time.monotonic() - began < 0.5
    first.publish(council, 3)
    assert await again.wait(1.0) == 3
    again.close()


@pytest.mark.asyncio
async def test_without_redis_listeners_poll_and_hear_again_when_it_comes_back(
    own_redis: Redis,
) -> None:
    first, second = await _started(own_redis.url), await _started(own_redis.url)
    try:
        await _until(lambda: first.up and second.up, 5)
        council = _council()
        listener = second.listen(council)
        await listener.ready()

        own_redis.stop()
        await _until(lambda: not second.up, 5)
        assert await listener.wait(60) is None, "told at once that Redis went away"
        first.publish(council, 4)  # nobody hears it through Redis, and nothing breaks
        waited = time.monotonic()
        assert await listener.wait(60) is None
        assert time.monotonic() - waited < POLL + 0.5, "meanwhile the stream reads every second"
        await listener.ready()  # nothing to confirm while Redis is away

        own_redis.start()
        await _until(lambda: first.up and second.up, 10)
        assert await listener.wait(60) is None, "told to read once more: it missed number 4"
        await listener.ready()
        first.publish(council, 5)
        assert await listener.wait(1.0) == 5
        listener.close()
    finally:
        await first.stop()
        await second.stop()


@pytest.mark.asyncio
async def test_a_notifier_started_without_redis_keeps_trying() -> None:
    notifier = await _started(f"redis://127.0.0.1:{free_port()}/0")
    try:
        council = _council()
        listener = notifier.listen(council)
        await asyncio.wait_for(listener.ready(), 0.5)
        await asyncio.sleep(0.2)
        assert not notifier.up
        notifier.publish(council, 2)
        assert await asyncio.wait_for(listener.wait(60), POLL + 0.5) == 2, "heard in-process"
        assert await asyncio.wait_for(listener.wait(60), POLL + 0.5) is None, "then it polls"
        listener.close()
    finally:
        await asyncio.wait_for(notifier.stop(), 5)


def test_a_redis_that_cannot_be_used_is_said_in_one_sentence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    closed = f"redis://127.0.0.1:{free_port()}/0"
    with pytest.raises(RedisUnreachable, match=r"^cannot reach Redis at .*: connection refused$"):
        check_redis(closed)
    with pytest.raises(RedisUnreachable, match="is not a Redis URL"):
        check_redis("http://127.0.0.1/")
    with pytest.raises(RedisUnreachable, match="is not a Redis URL"):
        RedisNotifier("postgresql://somewhere/db")
    assert shown_url("redis://ana:secret@host:6379/0") == "redis://ana:***@host:6379/0"
    assert shown_url("redis://:secret@host/1") == "redis://:***@host/1"
    assert shown_url("redis://host:6379/0") == "redis://host:6379/0"

    assert main(["serve", "--redis-url", closed]) == 1
    said = capsys.readouterr().err.strip()
    assert said == f"newcourse serve: cannot reach Redis at {closed}: connection refused."


def test_a_redis_that_answers_passes_the_check(redis_server: str) -> None:
    check_redis(redis_server)

"""The shared cache: Redis, and the database while Redis does not answer.

Rate limits (allauth's and ours), unread counts and the like live in the cache. When Redis
is gone they must not turn pages into 500s, nor turn limits off: every operation that Redis
refuses is done on a database table instead (Django's database cache), shared by all app
servers as Redis is. A limit that may fail open (search) asks for that with `fail_open()`
and is then told `CacheUnavailable` instead.

After a failure Redis is left alone for RETRY_AFTER seconds (so a dead Redis costs one
refused connection per process and interval, not one per operation). When it answers again,
the keys this process wrote meanwhile are deleted from Redis and the fallback table is
emptied, so no count or cached figure from before the outage comes back stale.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DatabaseError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

FALLBACK_TABLE = "belong_cache_fallback"

_fail_open = contextvars.ContextVar("belong_cache_fail_open", default=False)


class CacheUnavailable(Exception):
    """Redis did not answer inside `fail_open()`: the caller goes on without the cache."""


@contextlib.contextmanager
def fail_open():
    """Inside this block a refused Redis raises CacheUnavailable instead of falling back to
    the database: for low-risk uses (the search limit) that rather do without."""
    token = _fail_open.set(True)
    try:
        yield
    finally:
        _fail_open.reset(token)


class _Health:
    """Whether Redis answered, per location, for every thread of the process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.dirty: set[tuple[str, int | None]] = set()


_health: dict[str, _Health] = {}
_health_lock = threading.Lock()


def _health_for(location: str) -> _Health:
    with _health_lock:
        return _health.setdefault(location, _Health())


# What a read answers when neither Redis nor the database does.
_READS: dict[str, Callable[..., Any]] = {
    "get": lambda key, default=None: default,
    "get_many": lambda keys: {},
    "has_key": lambda key: False,
}


class _ReusedClients(RedisCacheClient):
    """Django's Redis cache client, which makes a new redis-py client for every cache call;
    redis-py 5 and newer builds its table of reply parsers in each (0.3 ms of CPU here, several
    times a page: the unread count, the rate limits). One client per connection pool serves
    every thread: redis-py's clients are thread-safe, and the pool hands out connections."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key=None, *, write=False):
        # Django's own attributes, which its type stubs leave out.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            made = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            client = self._clients.setdefault(id(pool), made)
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache that falls back to the database cache when Redis is gone.

    OPTIONS beyond redis-py's own: RETRY_AFTER (seconds before Redis is tried again after a
    failure, default 5) and FALLBACK_MAX_TIMEOUT (the longest a value lives in the fallback
    table, default 3600 s).
    """

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        self.fallback_max_timeout = int(options.pop("FALLBACK_MAX_TIMEOUT", 3600))
        # A Redis that hangs must not hang the page: give up quickly, then fall back.
        options.setdefault("socket_connect_timeout", 1)
        options.setdefault("socket_timeout", 1)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = _ReusedClients  # Django's RedisCache sets its own in __init__
        # The servers as Django's RedisCache splits them.
        servers = re.split("[;,]", server) if isinstance(server, str) else list(server)
        self._location = ",".join(servers)
        self._health = _health_for(self._location)
        fallback_params = {
            key: params[key] for key in ("KEY_PREFIX", "VERSION", "KEY_FUNCTION") if key in params
        }
        fallback_params["OPTIONS"] = {"MAX_ENTRIES": 1_000_000, "CULL_FREQUENCY": 10}
        self._fallback = DatabaseCache(FALLBACK_TABLE, fallback_params)

    # --- health -------------------------------------------------------------------------

    @property
    def redis_is_down(self) -> bool:
        return self._health.down_since is not None

    def _try_redis(self) -> bool:
        health = self._health
        return health.down_since is None or time.monotonic() >= health.retry_at

    def _redis_failed(self, error: Exception) -> None:
        health = self._health
        with health.lock:
            now = time.monotonic()
            if health.down_since is None:
                health.down_since = now
                logger.warning(
                    "Redis at %s does not answer (%s); the cache falls back to the database.",
                    self._location,
                    type(error).__name__,
                )
            health.retry_at = now + self.retry_after

    def _redis_answered(self) -> None:
        health = self._health
        if health.down_since is None:
            return
        with health.lock:
            if health.down_since is None:
                return
            dirty, health.dirty = health.dirty, set()
            health.down_since = None
        logger.warning("Redis at %s answers again; the cache uses it again.", self._location)
        # What was written to the fallback meanwhile is newer than what Redis holds.
        try:
            for key, version in dirty:
                super().delete(key, version=version)
            self._fallback.clear()
        except (RedisError, DatabaseError):  # a flapping Redis: tidy up at the next recovery
            logger.warning("Could not tidy the cache after Redis came back.", exc_info=True)

    # --- dispatch -----------------------------------------------------------------------

    def _call(self, name: str, *args, written=(), version=None, **kwargs):
        if name != "clear":
            kwargs["version"] = version
        if self._try_redis():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except RedisError as error:
                self._redis_failed(error)
            else:
                self._redis_answered()
                return result
        if _fail_open.get():
            raise CacheUnavailable(self._location)
        if written:
            with self._health.lock:
                self._health.dirty.update((key, version) for key in written)
        if "timeout" in kwargs:
            kwargs["timeout"] = self._fallback_timeout(kwargs["timeout"])
        if name == "clear":
            return self._fallback.clear()
        try:
            return getattr(self._fallback, name)(*args, **kwargs)
        except DatabaseError:
            if name not in _READS:
                raise
            # Neither Redis nor the database: a page still renders without cached figures.
            logger.warning("The cache's fallback table does not answer either.", exc_info=True)
            return _READS[name](*args)

    def _fallback_timeout(self, timeout):
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        if timeout is None:
            return self.fallback_max_timeout
        return min(timeout, self.fallback_max_timeout)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version, written=[key])

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version, written=[key])

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version, written=[key])

    def delete(self, key, version=None):
        return self._call("delete", key, version=version, written=[key])

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version=version, written=[key])

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version, written=list(data))

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version, written=list(keys))

    def clear(self):
        # Clears this Redis database, as Django's Redis cache does; the fallback table is
        # emptied whenever Redis comes back, and here only when Redis is down.
        return self._call("clear")

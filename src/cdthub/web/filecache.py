"""A file cache whose counting is atomic between the server processes of one machine, for what
they share when there is no Redis: rate-limit counters and spent form stamps.

Django's FileBasedCache reads and then writes in `add` and `incr`, so two processes can both
start a counter or both count 3 → 4. Here `add` and `incr` (and so `decr`) each run under one
lock file in the cache directory, and `incr` keeps the entry's expiry (Django's own resets it
to the default timeout, which would stretch a rate-limit window). The guarantee holds for the
processes that share the directory on one machine; several machines share Redis instead
(`REDIS_URL`), whose INCR is atomic on the server. POSIX file locks: Linux and macOS.
"""

from __future__ import annotations

import os
import pickle
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

LOCK_FILE = "counters.lock"  # not a *.djcache file, so clearing the cache leaves it alone


class LockedFileCache(FileBasedCache):
    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._createdir()
        with open(os.path.join(self._dir, LOCK_FILE), "ab") as lock:
            locks.lock(lock, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(lock)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._locked():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._locked():
            try:
                with open(self._key_to_file(key, version), "rb") as f:
                    expiry = pickle.load(f)  # FileBasedCache's layout: expiry, then the value
                    value = pickle.loads(zlib.decompress(f.read()))
            except (FileNotFoundError, EOFError):
                raise ValueError(f"Key '{key}' not found.") from None
            now = time.time()
            if expiry is not None and expiry <= now:
                raise ValueError(f"Key '{key}' not found.")
            value += delta
            self.set(key, value, None if expiry is None else expiry - now, version)
            return value

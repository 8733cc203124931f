"""The local file cache counts atomically between processes and keeps a window's end."""

import multiprocessing
import time

import pytest

from cdthub.web.filecache import LockedFileCache


def _cache(path) -> LockedFileCache:
    return LockedFileCache(str(path), {})


def _count(path, times: int) -> None:
    cache = _cache(path)
    for _ in range(times):
        if not cache.add("hits", 1, timeout=600):
            cache.incr("hits")


def test_four_processes_counting_at_once_lose_no_hit(tmp_path):
    context = multiprocessing.get_context("spawn")  # a fresh interpreter, as gunicorn's workers
    workers = [context.Process(target=_count, args=(tmp_path, 100)) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    assert _cache(tmp_path).get("hits") == 400


def test_counting_keeps_the_end_of_the_window(tmp_path):
    cache = _cache(tmp_path)
    cache.add("hits", 1, timeout=1)
    assert cache.incr("hits") == 2 and cache.decr("hits") == 1
    time.sleep(1.1)  # the window set at the first hit is over: counting did not stretch it
    assert cache.get("hits") is None
    with pytest.raises(ValueError):  # as Django's caches do for a missing key
        cache.incr("hits")
    cache.clear()
    assert cache.add("hits", 1)  # the lock file outlives clear() and does not count as an entry

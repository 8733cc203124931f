"""The throwaway server of tests and benchmarks leaves nothing running once stopped."""

import os

import pytest

from cdthub.web.scratch import ScratchSite


def test_stopping_ends_the_master_and_its_workers():
    site = ScratchSite(workers=2, threads=1).start()
    group = site.pid
    site.stop()
    with pytest.raises(ProcessLookupError):
        os.killpg(group, 0)
    site.stop()  # twice is fine

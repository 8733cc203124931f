"""Several servers preparing one database at the same moment (migrations, the bundled dataset)
do it once, and data versions raised by several processes at once never share a number; on
SQLite and on PostgreSQL (tests/conftest.py's `postgres` fixture)."""

import os
import subprocess
import sys

import pytest

from cdthub.core.dataset import records_and_families

PREPARE = """
import django; django.setup()
from cdthub.catalog.preparing import prepare_database
print(prepare_database())
"""
BUMP = """
import django; django.setup()
from django.db import transaction
from cdthub.catalog.versions import catalog_changed
for _ in range({bumps}):
    with transaction.atomic():
        catalog_changed()
"""
VERSION = """
import django; django.setup()
from cdthub.catalog.models import CatalogState, CodeEntry
state = CatalogState.objects.get(pk=1)
print(state.version, CodeEntry.objects.count())
"""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.services)])
def site_env(request, tmp_path):
    """The environment of a site's processes, on an empty database of either kind."""
    url = request.getfixturevalue("postgres") if request.param == "postgresql" else ""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cdthub.web.settings.dev",
        "CDTHUB_VAR_DIR": str(tmp_path),
        "DATABASE_URL": url,
        "REDIS_URL": "",
    }


def _together(script: str, env: dict, count: int) -> list[str]:
    """Run `script` in `count` processes at once; what each printed."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(count)
    ]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()[-2000:]
        outputs.append(out.decode().strip())
    return outputs


def test_servers_starting_together_prepare_once_and_count_every_data_change(site_env):
    loaded = _together(PREPARE, site_env, 2)
    codes = len(records_and_families()[0])
    assert sorted(loaded) == sorted([str(codes), "None"])  # migrated and loaded by one of them
    _together(BUMP.format(bumps=10), site_env, 2)  # two servers changing data at once
    assert _together(VERSION, site_env, 1) == [f"{1 + 2 * 10} {codes}"]

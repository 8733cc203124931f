"""What /privacy/ promises about keeping periods is what deploy/ sets up: nginx's logs of cdthub
go where deploy/logrotate/cdthub rotates them, and Debian's logrotate run on that file day after
day keeps no more than LOG_DAYS days of them; a systemd timer runs `purge_expired` daily."""

import configparser
import gzip
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

from cdthub.web.pages import LOG_DAYS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
LOGROTATE = DEPLOY / "logrotate" / "cdthub"


def _rotated_paths() -> list[str]:
    first = next(line for line in LOGROTATE.read_text().splitlines() if line.endswith("{"))
    return first.rstrip("{").split()


def test_nginx_writes_its_logs_where_logrotate_rotates_them():
    conf = (DEPLOY / "nginx" / "cdthub.conf").read_text()
    written = set(re.findall(r"^\s*(?:access|error)_log\s+(\S+);", conf, re.M))
    assert written == set(_rotated_paths())
    # both server blocks log there (the redirect on port 80 too), so nothing goes elsewhere
    assert conf.count("access_log /var/log/nginx/cdthub/access.log;") == conf.count("server {")
    # not under Debian's /etc/logrotate.d/nginx glob, which would rotate them a second time
    assert all(Path(p).parent != Path("/var/log/nginx") for p in written)


def test_logrotate_keeps_no_more_than_the_promised_days(tmp_path):
    logrotate = shutil.which("logrotate") or "/usr/sbin/logrotate"
    if not Path(logrotate).exists():
        pytest.fail("logrotate not found: apt-get install logrotate (Debian)")
    logs = tmp_path / "logs"
    logs.mkdir()
    text = LOGROTATE.read_text().replace("/var/log/nginx/cdthub/", f"{logs}/")
    text = text.replace("/run/nginx.pid", str(tmp_path / "nginx.pid"))  # no nginx to signal
    text = text.replace("create 0640 www-data adm", "create 0640")  # any user may run the test
    conf = tmp_path / "cdthub.logrotate"
    conf.write_text(text)
    conf.chmod(0o644)
    state = tmp_path / "state"
    days = LOG_DAYS + 7
    for day in range(1, days + 1):
        (logs / "access.log").write_text(f"day {day}\n")
        if day < days:  # a rotation at the end of each day but the last (`-f`: now)
            done = subprocess.run(
                [logrotate, "-f", "-s", str(state), str(conf)], capture_output=True, text=True
            )
            assert done.returncode == 0, done.stderr
    kept = sorted(p.name for p in logs.iterdir() if p.name.startswith("access.log"))
    seen = set()
    for name in kept:
        raw = (logs / name).read_bytes()
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        seen.update(int(n) for n in re.findall(rb"day (\d+)", raw))
    assert seen == set(range(days - LOG_DAYS + 1, days + 1)), kept


def _unit(name: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(DEPLOY / "systemd" / name)
    return unit


def test_a_daily_timer_runs_purge_expired_as_the_site_does():
    timer, purge, site = (
        _unit("cdthub-purge.timer"),
        _unit("cdthub-purge.service"),
        _unit("cdthub.service"),
    )
    assert timer["Timer"]["OnCalendar"] == "daily"
    assert timer["Timer"]["Persistent"] == "true"  # a day missed while off runs at boot
    assert (DEPLOY / "systemd" / timer["Timer"]["Unit"]).exists()
    command = purge["Service"]["ExecStart"].split()
    assert command[1:] == ["manage", "purge_expired"]
    assert command[0] == site["Service"]["ExecStart"].split()[0].replace("gunicorn", "cdthub")
    assert "purge_expired" in get_commands()
    for key in ("User", "WorkingDirectory", "EnvironmentFile", "Environment", "ReadWritePaths"):
        assert purge["Service"][key] == site["Service"][key], key

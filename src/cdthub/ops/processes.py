"""Stopping a server started in a process group of its own (`start_new_session=True`):
gunicorn, nginx, redis-server. One function, so every scratch server stops the same way."""

from __future__ import annotations

import os
import signal
import subprocess

STOP_SECONDS = 10


def stop_process_group(proc: subprocess.Popen[bytes], seconds: float = STOP_SECONDS) -> None:
    """SIGTERM to the group `proc` leads (its master and workers), SIGKILL if it has not ended
    within `seconds`; then reap `proc`, so no zombie is left. Safe on a process already gone."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=seconds)
            break
        except subprocess.TimeoutExpired:
            continue
    if proc.poll() is None:
        proc.wait()

"""E-mail sent after the response: once the database transaction commits, a message goes to a
queue that one thread per server process empties, so a slow or unreachable mail server
(settings.EMAIL_TIMEOUT) never holds a reader's request. A failure is logged with what the
message was about ("contact message 12") and the kind of error, never its text, subject or
addresses: what the reader sent is stored already, and staff read it on the desk.

settings.CDTHUB_MAIL_IN_BACKGROUND = False sends at commit instead (the test settings, so tests
can look at the outbox at once). Messages still queued when a process exits are sent first,
for up to EMAIL_TIMEOUT seconds.
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import threading

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

log = logging.getLogger(__name__)

_queue: queue.Queue[tuple[EmailMessage, str]] = queue.Queue(maxsize=1000)
_lock = threading.Lock()
_started_in: int | None = None  # the process whose thread empties the queue


def send_after_commit(message: EmailMessage, what: str) -> None:
    """Send `message` once the current transaction commits; `what` names it in the log."""
    transaction.on_commit(lambda: _hand_over(message, what))


def _hand_over(message: EmailMessage, what: str) -> None:
    if not settings.CDTHUB_MAIL_IN_BACKGROUND:
        _send(message, what)
        return
    _start()
    try:
        _queue.put_nowait((message, what))
    except queue.Full:
        log.warning("cdthub.mail: too many e-mails waiting; the one about %s was not sent", what)


def _send(message: EmailMessage, what: str) -> None:
    try:
        message.send()
        return
    except Exception as exc:  # noqa: BLE001 - the reader's text is stored; say so and go on
        failure = type(exc).__name__
    # logged outside the except block: were a log handler to fail, Python would print the
    # exception being handled, whose text may hold addresses
    log.warning("cdthub.mail: could not send the e-mail about %s (%s)", what, failure)


def _run() -> None:
    while True:
        message, what = _queue.get()
        try:
            _send(message, what)
        finally:
            _queue.task_done()


def _start() -> None:
    global _started_in
    with _lock:
        if _started_in != os.getpid():  # none yet, or it stayed in the parent of a fork
            threading.Thread(target=_run, name="cdthub-outbox", daemon=True).start()
            _started_in = os.getpid()


def flush(timeout: float) -> bool:
    """Wait until every queued message was tried; False if some were left after `timeout`."""
    with _queue.all_tasks_done:
        return _queue.all_tasks_done.wait_for(lambda: not _queue.unfinished_tasks, timeout)


atexit.register(lambda: _queue.unfinished_tasks and flush(settings.EMAIL_TIMEOUT))

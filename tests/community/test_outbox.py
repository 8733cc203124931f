"""E-mail goes out after the response, and a mail server that hangs or refuses never shows what
a reader wrote, or their address, in the logs."""

import importlib
import logging
import smtplib
import socket
import threading

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from cdthub.community import outbox
from cdthub.community.models import ContactMessage

from .test_views_contact import data

SECRET_TEXT = "Which code for a limited re-evaluation after surgery?"  # what data() sends
ADDRESS = "ann@example.org"


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient, naming the address in its error."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({ADDRESS: (550, f"<{ADDRESS}> unknown".encode())})


class SilentServer:
    """A mail server that accepts a connection and says nothing until released."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connected, self.release = threading.Event(), threading.Event()
        self.conn: socket.socket | None = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        self.conn, _ = self.socket.accept()
        self.connected.set()
        self.release.wait(60)
        self.conn.close()

    def caller_still_waiting(self) -> bool:
        """The sender still holds the connection open, waiting for the greeting."""
        self.conn.setblocking(False)
        try:
            return self.conn.recv(1) != b""  # b"": the sender gave up and closed it
        except BlockingIOError:
            return True
        finally:
            self.conn.setblocking(True)

    def stop(self):
        self.release.set()
        self.thread.join(5)
        self.socket.close()


@pytest.fixture
def silent_smtp():
    server = SilentServer()
    yield server
    server.stop()


@pytest.fixture
def in_background(settings):
    settings.CDTHUB_MAIL_IN_BACKGROUND = True
    settings.CDTHUB_STAFF_EMAIL = "team@example.org"
    yield settings
    assert outbox.flush(30)


def _logged(caplog, capfd) -> str:
    out, err = capfd.readouterr()
    return caplog.text + out + err


@pytest.mark.django_db(transaction=True)  # commits for real, as a server does
def test_a_hanging_mail_server_does_not_hold_the_reader(
    client, in_background, silent_smtp, caplog, capfd
):
    in_background.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    in_background.EMAIL_HOST, in_background.EMAIL_PORT = "127.0.0.1", silent_smtp.port
    in_background.EMAIL_TIMEOUT = 60
    with caplog.at_level(logging.DEBUG):
        r = client.post("/contact/", data())
        assert r.status_code == 302 and ContactMessage.objects.count() == 1
        # the reader has their answer while the mail server has not even said hello yet
        assert silent_smtp.connected.wait(30) and silent_smtp.caller_still_waiting()
        silent_smtp.release.set()
        assert outbox.flush(30)
    logged = _logged(caplog, capfd)
    assert "could not send the e-mail about contact message" in logged
    assert SECRET_TEXT not in logged and ADDRESS not in logged and "team@example.org" not in logged


@pytest.mark.django_db(transaction=True)
def test_a_refusing_mail_server_is_logged_without_content_or_addresses(
    client, in_background, caplog, capfd
):
    in_background.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with caplog.at_level(logging.DEBUG):
        assert client.post("/contact/", data()).status_code == 302
        assert outbox.flush(30)
    logged = _logged(caplog, capfd)
    assert "(SMTPRecipientsRefused)" in logged
    assert SECRET_TEXT not in logged and ADDRESS not in logged
    assert ContactMessage.objects.get().email == ADDRESS  # nothing the reader sent was lost


@pytest.mark.parametrize("name", ["base", "dev", "test", "bench"])
def test_no_settings_print_e_mails_to_the_console(name):
    module = importlib.import_module(f"cdthub.web.settings.{name}")
    assert "console" not in getattr(module, "EMAIL_BACKEND", "smtp")

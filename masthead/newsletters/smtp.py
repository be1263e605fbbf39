"""Never a second copy over SMTP: a message is marked sent between its last line and the final dot.

A message over SMTP is accepted only when the server reads the line holding a
single dot. So the sender writes MAIL, RCPT, DATA and the whole dot-quoted
message except that final ``.\\r\\n``; then commits the delivery as sent in
the database; then writes the dot and reads the reply. Killed before the
commit, the server never saw the dot and discards the message, and the
delivery is still waiting, so it is sent again. Killed after the dot is
written, the kernel delivers it even though the process died.

Two systems cannot change together, so one gap is left: a sender killed in
the moment between the commit and the write of the dot loses that one
message. Nothing can then tell whether it arrived, so it is never sent twice:
the delivery stays without ``confirmed_at`` (set when the server answers 250)
and the edition's figures count it as perhaps not received. That is at most
one message for each connection killed.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from collections.abc import Callable

from django.conf import settings

_LINE_START_DOT = re.compile(rb"(?m)^\.")
_BARE_EOL = re.compile(rb"\r\n|\r|\n")


class Refused(Exception):
    """The server refused this message (sender, recipient or data): not sent, never retried."""


def dot_quoted(message: bytes) -> bytes:
    data = _LINE_START_DOT.sub(b"..", _BARE_EOL.sub(b"\r\n", message))
    return data if data.endswith(b"\r\n") else data + b"\r\n"


class SmtpSession:
    """One connection to Django's configured SMTP server (``EMAIL_HOST``, ``EMAIL_PORT`` …)."""

    def __init__(self):
        self.connection: smtplib.SMTP | None = None

    def open(self) -> None:
        if self.connection is not None:
            return
        timeout = getattr(settings, "EMAIL_TIMEOUT", None) or 60
        cls = smtplib.SMTP_SSL if settings.EMAIL_USE_SSL else smtplib.SMTP
        connection = cls(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=timeout)
        # The final dot is a separate small write: without this, Nagle's algorithm holds it
        # back until the server's delayed ACK (40 ms a message).
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection.ehlo_or_helo_if_needed()
        if settings.EMAIL_USE_TLS:
            connection.starttls(context=ssl.create_default_context())
            connection.ehlo()
        if settings.EMAIL_HOST_USER:
            connection.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
        self.connection = connection

    def close(self) -> None:
        if self.connection is None:
            return
        try:
            self.connection.quit()
        except (smtplib.SMTPException, OSError):
            self.connection.close()
        self.connection = None

    def abandon(self) -> None:
        """Drop the connection mid-message: the server discards what it has not seen end."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def send(
        self, *, sender: str, recipient: str, message: bytes, commit: Callable[[], bool]
    ) -> bool:
        """Send one message (already :func:`dot_quoted`); ``commit`` marks it sent and says
        whether it still may be.

        Returns whether the server accepted it. Raises :class:`Refused` when
        the server refused it before the commit (nothing was marked).
        """
        self.open()
        connection = self.connection
        code, reply = connection.mail(sender)
        if code != 250:
            connection.rset()
            raise Refused(f"MAIL FROM: {code} {reply!r}")
        code, reply = connection.rcpt(recipient)
        if code not in (250, 251):
            connection.rset()
            raise Refused(f"RCPT TO: {code} {reply!r}")
        code, reply = connection.docmd("DATA")
        if code != 354:
            connection.rset()
            raise Refused(f"DATA: {code} {reply!r}")
        connection.send(message)
        try:
            still_ours = commit()
        except BaseException:
            self.abandon()
            raise
        if not still_ours:
            self.abandon()  # another sender took this address over: never a second copy
            return False
        connection.send(b".\r\n")
        code, reply = connection.getreply()
        return code == 250

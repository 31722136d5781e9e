"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), recording what it accepts.

`refuse` maps an address to the answer the server gives when asked to deliver to it (e.g.
"550 5.1.1 <x@example.org>: Recipient address rejected"); `on_rcpt(n)` and `on_data(n)` are
called with the number of the message being received, before the server answers (a test
kills a worker there).
"""

import email
import email.policy
import logging
import socket
import threading
import time

from aiosmtpd.controller import Controller

# aiosmtpd logs every command at INFO; a test of thousands of messages does not need them.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class Recorder:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()
        self.refuse: dict[str, str] = {}
        self.on_rcpt = None
        self.on_data = None
        self.port = 0
        self._rcpts = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        answer = self.refuse.get(address.lower())
        if answer:
            return answer
        with self.lock:
            self._rcpts += 1
            number = self._rcpts
        if self.on_rcpt:
            self.on_rcpt(number)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        with self.lock:
            self.messages.append(message)
            number = len(self.messages)
        if self.on_data:
            self.on_data(number)
        return "250 Message accepted for delivery"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def message_ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for m in self.messages]

    def wait_for(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.count() < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the SMTP server received {self.count()} of {count} messages")
            time.sleep(0.02)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server() -> tuple[Recorder, Controller]:
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    recorder.port = controller.port
    return recorder, controller

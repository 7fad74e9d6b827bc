"""The bound on a request's head (its request line and headers), enforced while it arrives.

uvicorn's HTTP/1.1 protocol over httptools keeps a request's head in memory until the head
ends, however long it is (a 50 MB header was read whole, then answered 200). `BoundedHead`
is that protocol with a bound: a head longer than `MAX_HEAD_BYTES` is answered 431 problem
JSON. A head that ended is measured exactly and answered in place of the app; a head still
arriving past the bound (give or take one read from the socket) is answered at once, and
what the client still sends is read and dropped, up to `MAX_DRAINED_BYTES`, so that it
reads the answer rather than a reset connection. `tsunagari serve` runs uvicorn with it.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from tsunagari.api.errors import TITLES, problem
from tsunagari.api.middleware.security_headers import SECURITY_HEADERS

MAX_HEAD_BYTES = 64 * 1024
"""The longest request line and headers, together, that a request may have."""
MAX_DRAINED_BYTES = 64 * 1024 * 1024
"""How much of a refused head the server reads and drops before it closes the connection."""
STATUS_431 = b"HTTP/1.1 431 Request Header Fields Too Large\r\n"


def head_too_large() -> Response:
    """The answer to a request whose head is longer than MAX_HEAD_BYTES."""
    return problem(431, TITLES[431],
                   f"the request line and headers are larger than {MAX_HEAD_BYTES} bytes",
                   headers=SECURITY_HEADERS)


async def refuse_head(scope: Scope, receive: Receive, send: Send) -> None:
    """An ASGI app that answers every request 431 (a head that ended, but too long)."""
    await head_too_large()(scope, receive, send)


class BoundedHead(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol (httptools) with each request's head bounded.

    Per connection it knows whether the next bytes belong to a head (`_in_head`: one begun,
    or the next request's), how many bytes of the current head it has counted (reads that
    were head from end to end), how many requests have ended (a read that ends one request
    and begins the next is not counted as head), and, once it refused a head, how many
    bytes it has dropped since (`_dropped`, None until then).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True
        self._head_bytes = 0
        self._messages = 0
        self._dropped: int | None = None

    def data_received(self, data: bytes) -> None:
        if self._dropped is not None:
            self._dropped += len(data)
            if self._dropped > MAX_DRAINED_BYTES:
                self.transport.close()
            return
        in_head, messages = self._in_head, self._messages
        super().data_received(data)
        if self.transport.is_closing() or not (in_head and self._in_head):
            return
        if self._messages == messages:
            self._head_bytes += len(data)
        if self._head_bytes > MAX_HEAD_BYTES:
            self._refuse_unfinished_head()

    def on_headers_complete(self) -> None:
        self._in_head = False
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size <= MAX_HEAD_BYTES:
            super().on_headers_complete()
            return
        app, self.app = self.app, refuse_head
        try:
            super().on_headers_complete()
        finally:
            self.app = app

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head, self._head_bytes = True, 0
        self._messages += 1

    def _refuse_unfinished_head(self) -> None:
        """Answer 431 now, end the answer (half-close), and drop what the client still sends."""
        answer = head_too_large()
        headers = [*self.server_state.default_headers, *answer.raw_headers, (b"connection", b"close")]
        head = [STATUS_431] + [name + b": " + value + b"\r\n" for name, value in headers]
        self.transport.write(b"".join([*head, b"\r\n", answer.body]))
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self._dropped = 0

"""Connections that never send a whole request are closed: idle, slow-header and slow-body clients.

uvicorn closes a keep-alive connection that stays idle after a response (``timeout_keep_alive``),
but waits for ever on a connection that was opened and never used, on a request head trickled
in a byte at a time, and on a body that stops arriving after its ``Content-Length`` was
announced; a few hundred of those hold the server's sockets and tasks. Two guards:

- ``HeadTimeoutProtocol``, uvicorn's h11 protocol with one timer more: from the moment a
  connection opens (or a response completes) the whole request head must arrive within
  ``header_timeout_s``, or the connection is closed;
- ``BodyTimeout``, an ASGI wrapper: each part of a request body must arrive within
  ``body_timeout_s``; when one does not, the app sees the client as gone and the
  connection is closed (nothing is answered to a client that stopped sending).

Behind a reverse proxy the proxy's own limits come first (nginx: ``client_header_timeout``,
``client_body_timeout``, ``keepalive_timeout``); these guard a server exposed directly.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("taoguide.web")


class HeadTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request head is not complete in time."""

    header_timeout_s = 10.0  # set by ``protocol_for``

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head is in: the body has its own guard
            self._cancel_head_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_head_timer()  # the next request on this keep-alive connection gets the same limit

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self.header_timeout_s, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        if getattr(self, "_head_timer", None) is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            log.info("closing a connection from %s: no complete request head in %.0f s", self.client,
                     self.header_timeout_s)
            self.transport.close()


def protocol_for(header_timeout_s: float) -> type[HeadTimeoutProtocol]:
    """The protocol class uvicorn runs (``uvicorn.run(..., http=...)``), with this server's head timeout."""
    return type("HeadTimeoutProtocol", (HeadTimeoutProtocol,), {"header_timeout_s": header_timeout_s})


class BodyTimeout:
    """ASGI wrapper: a request body part that does not arrive within ``timeout_s`` ends the request."""

    def __init__(self, app: Any, timeout_s: float) -> None:
        self.app, self.timeout_s = app, timeout_s

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        body_done = False  # after the last body part, receive() waits for a disconnect (streams): no limit then

        async def receive_in_time() -> Any:
            nonlocal body_done
            if body_done:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.timeout_s)
            except TimeoutError:
                log.info("a request body stalled for %.0f s: treating the client as gone", self.timeout_s)
                body_done = True
                return {"type": "http.disconnect"}
            body_done = message.get("type") != "http.request" or not message.get("more_body", False)
            return message

        await self.app(scope, receive_in_time, send)


def guarded(app: Any, settings: Any) -> Any:
    """The app as ``taoguide serve`` runs it: request bodies that stall are dropped."""
    return BodyTimeout(app, settings.body_timeout_s)

"""Clients that never finish a request lose their connection: idle, slow-header and slow-body ones,
on real uvicorn over loopback; whole requests and long responses are untouched."""

import asyncio
import socket
import threading
import time

import pytest
import uvicorn

from bot.web.connections import BodyTimeout, protocol_for

LIMIT_S = 1.0


async def echo(scope, receive, send):
    """A tiny ASGI app: reads the whole body, then answers with its length (or streams for ?stream)."""
    if scope["type"] != "http":
        return
    size, more = 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        size += len(message.get("body", b""))
        more = message.get("more_body", False)
    streaming = scope["query_string"] == b"stream"
    headers = [(b"content-type", b"text/plain")] + ([] if streaming else [(b"content-length", str(len(str(size))).encode())])
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    if streaming:  # a response that outlives the body limit, like a chat stream
        for _ in range(3):
            await send({"type": "http.response.body", "body": b"part\n", "more_body": True})
            await asyncio.sleep(LIMIT_S)
    await send({"type": "http.response.body", "body": str(size).encode()})


@pytest.fixture(scope="module")
def server():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    config = uvicorn.Config(BodyTimeout(echo, LIMIT_S), host="127.0.0.1", port=port, log_level="warning",
                            http=protocol_for(LIMIT_S), timeout_keep_alive=30)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    yield port
    srv.should_exit = True
    thread.join(5)


def closed_within(conn, seconds, trickle=b""):
    """Seconds until the server closes ``conn`` (sending ``trickle`` a byte every 0.2 s), or None if it stays open."""
    started = time.perf_counter()
    conn.settimeout(0.2)
    sent = 0
    while time.perf_counter() - started < seconds:
        try:
            if conn.recv(4096) == b"":
                return time.perf_counter() - started
        except TimeoutError:
            pass
        except OSError:
            return time.perf_counter() - started
        if sent < len(trickle):
            try:
                conn.send(trickle[sent:sent + 1])
            except OSError:
                return time.perf_counter() - started
            sent += 1
    return None


def test_a_connection_that_sends_nothing_is_closed(server):
    with socket.create_connection(("127.0.0.1", server)) as conn:
        assert closed_within(conn, LIMIT_S + 2) is not None


def test_a_request_head_trickled_in_is_closed_although_bytes_keep_coming(server):
    with socket.create_connection(("127.0.0.1", server)) as conn:
        head = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: " + b"a" * 200
        assert closed_within(conn, LIMIT_S + 2, trickle=head) is not None


def test_a_body_that_stops_arriving_is_dropped(server):
    with socket.create_connection(("127.0.0.1", server)) as conn:
        conn.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + b"x" * 10)
        assert closed_within(conn, LIMIT_S + 2) is not None


def test_whole_requests_on_a_keep_alive_connection_are_answered_and_the_next_slow_head_is_closed(server):
    with socket.create_connection(("127.0.0.1", server)) as conn:
        for body in (b"hello", b"hi"):
            conn.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
            reply = b""
            while not reply.endswith(b"\r\n\r\n" + str(len(body)).encode()):
                part = conn.recv(4096)
                assert part, reply
                reply += part
            assert reply.startswith(b"HTTP/1.1 200")
        assert closed_within(conn, LIMIT_S + 2, trickle=b"GET / HTTP/1.1\r\nHost: x\r\n") is not None


def test_a_response_that_streams_longer_than_the_limits_is_not_cut(server):
    with socket.create_connection(("127.0.0.1", server)) as conn:
        conn.sendall(b"GET /?stream HTTP/1.1\r\nHost: x\r\n\r\n")
        conn.settimeout(LIMIT_S * 5)
        received = b""
        while not received.endswith(b"\r\n0\r\n\r\n"):  # the chunked response's end
            part = conn.recv(4096)
            assert part, f"closed mid-stream after {received!r}"
            received += part
        assert received.count(b"part") == 3

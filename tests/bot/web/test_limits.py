"""Request bodies are bounded: too large is refused with 413 in the error shape, before it is read."""

import json
import resource
import socket

import pytest

from tests.bot.web.conftest import assert_error


def test_a_body_over_the_limit_is_refused_with_what_to_send_instead(client):
    body = json.dumps({"question": "what is tao", "history": ["x" * 1000] * 300})  # about 300 KB
    message = assert_error(client.post("/api/ask", content=body, headers={"content-type": "application/json"}),
                           413, "body_too_large")
    assert "262,144 bytes" in message and "history" in message


def test_a_chunked_body_over_the_limit_is_refused_too(client):
    def chunks():
        yield b'{"question": "what is tao", "history": ["'
        for _ in range(400):
            yield b"x" * 1000
        yield b'"]}'

    assert_error(client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"}),
                 413, "body_too_large")


def test_a_body_within_the_limit_is_answered(client):
    body = json.dumps({"question": "How long is the staking cooldown?", "history": ["y" * 1000] * 20})
    response = client.post("/api/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200 and "42 blocks" in response.text


@pytest.fixture(scope="module")
def served(fixture_site, fixture_engine):
    from bot.web import make_app
    from tests.browser.conftest import _serve

    yield from _serve(make_app(fixture_site, engine=fixture_engine, store=None))


def test_a_50_mb_body_is_refused_at_once_without_the_server_holding_it(served):
    host, port = served.removeprefix("http://").split(":")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB; the server runs in this process
    with socket.create_connection((host, int(port))) as conn:
        conn.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 52428800\r\n\r\n")
        conn.settimeout(5)
        reply = conn.recv(4096)
        assert reply.startswith(b"HTTP/1.1 413")
        sent = 0
        try:
            for _ in range(800):  # then try to push the 50 MB anyway
                conn.sendall(b"z" * 65536)
                sent += 65536
        except OSError:
            pass
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 20, f"memory grew {grown_mb:.0f} MB while {sent / 2**20:.0f} MB were pushed"

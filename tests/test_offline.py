"""The suite itself is offline: any non-loopback connection fails, loopback works."""

import socket

import pytest

from tests.conftest import NetworkBlocked


def test_connecting_to_a_public_address_is_refused():
    with pytest.raises(NetworkBlocked), socket.create_connection(("93.184.216.34", 80), timeout=1):
        pass


def test_name_lookups_of_public_hosts_are_refused():
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("huggingface.co", 443)


def test_loopback_connections_are_allowed():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    try:
        with socket.create_connection(server.getsockname(), timeout=1):
            pass
    finally:
        server.close()

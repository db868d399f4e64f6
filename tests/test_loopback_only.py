"""The tests' network guard (tests/helpers/loopback_only): real hosts named in tests are never reached, in the
test process and in the Python children tests start."""

from __future__ import annotations

import errno
import socket
import subprocess
import sys

import pytest


def test_a_real_host_is_neither_resolved_nor_connected() -> None:
    with pytest.raises(socket.gaierror, match="only local names"):  # the guard's refusal, not a DNS failure
        socket.getaddrinfo("www.lindholmen.se", 443)
    with socket.socket() as sock, pytest.raises(OSError) as refused:
        sock.connect(("192.0.2.1", 443))  # TEST-NET-1: would leave the machine
    assert refused.value.errno == errno.ENETUNREACH and "only loopback" in str(refused.value)


def test_loopback_still_works() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
    assert socket.getaddrinfo("localhost", 80)


def test_python_children_are_guarded_too() -> None:
    child = subprocess.run(
        [sys.executable, "-c", "import socket; socket.getaddrinfo('www.umu.se', 443)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode != 0 and "gaierror" in child.stderr and "only local names" in child.stderr

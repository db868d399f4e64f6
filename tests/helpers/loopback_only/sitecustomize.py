"""The tests' network guard: only loopback is reachable, so no test can fetch a real host.

Imported by the test process (``tests/conftest.py``) and, through ``PYTHONPATH``, by every Python child a test
starts (crawls, flows, CLI calls). Connecting to an address that is not loopback fails with ENETUNREACH, and
resolving a name that is not local fails as an unknown name, as on a machine without network; each attempt is
appended to the file named by ``AISCOUT_NET_GUARD_LOG`` so the session can list them."""

from __future__ import annotations

import errno
import ipaddress
import os
import socket

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", socket.gethostname().lower()}


def _is_local(host: object) -> bool:
    if host is None or not isinstance(host, (str, bytes)):
        return True  # AF_UNIX paths, passive lookups
    name = (host.decode() if isinstance(host, bytes) else host).strip("[]").lower()
    if name in _LOCAL_NAMES or name.endswith(".localhost") or name == "":
        return True
    try:
        address = ipaddress.ip_address(name.split("%")[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _record(what: str) -> None:
    log = os.environ.get("AISCOUT_NET_GUARD_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\t{what}\n")


def _guard_address(address: object) -> None:
    if isinstance(address, tuple) and address and not _is_local(address[0]):
        _record(f"connect {address[0]}:{address[1] if len(address) > 1 else ''}")
        raise OSError(errno.ENETUNREACH, f"tests reach only loopback, not {address[0]}")


def _guard_name(host: object) -> None:
    if not _is_local(host):
        _record(f"resolve {host!r}")
        raise socket.gaierror(socket.EAI_NONAME, f"tests resolve only local names, not {host!r}")


def install() -> None:
    """Patch the socket module once (idempotent)."""
    if getattr(socket, "_aiscout_loopback_only", False):
        return
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
    getaddrinfo, gethostbyname, gethostbyname_ex = socket.getaddrinfo, socket.gethostbyname, socket.gethostbyname_ex

    def guarded_connect(self: socket.socket, address: object) -> None:
        _guard_address(address)
        return connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: object) -> int:
        _guard_address(address)
        return connect_ex(self, address)

    def guarded_getaddrinfo(host: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        _guard_name(host)
        return getaddrinfo(host, *args, **kwargs)

    def guarded_gethostbyname(host: str) -> str:
        _guard_name(host)
        return gethostbyname(host)

    def guarded_gethostbyname_ex(host: str):  # type: ignore[no-untyped-def]
        _guard_name(host)
        return gethostbyname_ex(host)

    socket.socket.connect = guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = guarded_getaddrinfo
    socket.gethostbyname = guarded_gethostbyname
    socket.gethostbyname_ex = guarded_gethostbyname_ex
    socket._aiscout_loopback_only = True  # type: ignore[attr-defined]


if os.environ.get("AISCOUT_LOOPBACK_ONLY") == "1":
    install()

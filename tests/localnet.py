"""This machine's ports and addresses, for tests that start a server."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def non_loopback_ip() -> str | None:
    """An address of this machine that is not loopback (None when there is none)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            ip = s.getsockname()[0]
        except OSError:
            return None
    return None if ip.startswith("127.") else ip


def reachable(ip: str, port: int) -> bool:
    """True when a TCP connection to ip:port is accepted within 2 s."""
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex((ip, port)) == 0

"""Run a command under strace and list every attempt it (or any process it starts) makes to reach another machine.

strace -f follows threads and child processes; -yy prints each socket with its protocol and addresses, so a send on
an already connected socket is judged by where it goes. A Unix socket is a file on this machine and stays here;
every IPv4/IPv6 address named by connect, sendto, sendmsg or sendmmsg must be loopback or unspecified (a socket not
yet bound).
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coach.offline import NO_PROXY_VARIABLES, PROXY_VARIABLES

STRACE = shutil.which("strace")
CALLS = "connect,sendto,sendmsg,sendmmsg"
_IPV4 = re.compile(r'inet_addr\("([^"]+)"\)')
_IPV6 = re.compile(r'inet_pton\(AF_INET6, "([^"]+)"')
_FD = re.compile(r"<(?:TCP|UDP|TCPv6|UDPv6|UDPLITE|UDPLITEv6|RAW|RAWv6):\[([^\]]*)\]>")
_HOST_PORT = re.compile(r"\[?([0-9a-fA-F:.]+?)\]?:\d+")


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without any proxy setting (so a traced coach must switch the uploader off by itself)."""
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARIABLES + NO_PROXY_VARIABLES}
    return env | extra


def _addresses(line: str) -> list[str]:
    """Every IP address named in one strace line: in socket addresses and in -yy socket decorations."""
    found = _IPV4.findall(line) + _IPV6.findall(line)
    for endpoints in _FD.findall(line):
        found += _HOST_PORT.findall(endpoints)
    return found


def _stays_here(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_loopback or ip.is_unspecified


def outside_attempts(trace: str) -> list[str]:
    """The strace lines that name an address off this machine."""
    return [
        line
        for line in trace.splitlines()
        if re.search(rf"\b({CALLS.replace(',', '|')})\(", line) and not all(_stays_here(a) for a in _addresses(line))
    ]


def strace_command(log: Path) -> list[str]:
    """The strace prefix that follows every thread and child and writes the trace to `log` (fails the test when
    strace is missing: .ci/run installs Debian's strace)."""
    if STRACE is None:
        pytest.fail("strace is not installed (Debian package strace; .ci/run installs it)")
    return [STRACE, "-f", "-qq", "-yy", "-s", "64", "-e", f"trace={CALLS}", "-o", str(log)]


def traced(
    cmd: list[str], log: Path, env: dict[str, str] | None = None, timeout: float = 900
) -> tuple[subprocess.CompletedProcess, str]:
    """Run cmd under strace in clean_env() (or `env`); returns its result and the trace."""
    r = subprocess.run(
        [*strace_command(log), *cmd],
        capture_output=True,
        text=True,
        env=env if env is not None else clean_env(),
        timeout=timeout,
    )
    return r, log.read_text(errors="replace")

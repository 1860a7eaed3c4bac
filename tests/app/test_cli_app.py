"""`coach app` starts the web app on localhost only."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _non_loopback_ip() -> str | None:
    """An address of this machine that is not loopback (None when there is none)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            ip = s.getsockname()[0]
        except OSError:
            return None
    return None if ip.startswith("127.") else ip


def test_coach_app_serves_on_localhost_only(tmp_path):
    """The server answers on 127.0.0.1 and not on the machine's other address."""
    port = _free_port()
    coach = Path(sys.executable).parent / "coach"  # the installed console script
    proc = subprocess.Popen([str(coach), "app", "--port", str(port), "--db",
                             str(tmp_path / "h.sqlite")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, STREAMLIT_SERVER_HEADLESS="true"), start_new_session=True)
    try:
        deadline, ok = time.time() + 60, False
        while time.time() < deadline and not ok:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    ok = r.read().strip() == b"ok"
            except OSError:
                time.sleep(0.3)
        assert ok, "coach app did not answer on localhost"
        ip = _non_loopback_ip()
        if ip:
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((ip, port)) != 0, f"the app is reachable on {ip}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)

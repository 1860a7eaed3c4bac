"""`coach app` starts the web app on localhost only, with the shipped Streamlit settings, and stops it when it is
told to stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from localnet import free_port, non_loopback_ip, reachable


def _start_app(tmp_path, port: int) -> subprocess.Popen:
    """`coach app` (the installed console script) on `port`, its own process group, waiting until it answers."""
    coach = Path(sys.executable).parent / "coach"
    proc = subprocess.Popen(
        [str(coach), "app", "--port", str(port), "--db", str(tmp_path / "h.sqlite"), "--data-dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        if _answers(port):
            return proc
        time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    raise AssertionError("coach app did not answer on localhost")


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read().strip() == b"ok"
    except OSError:
        return False


def test_coach_app_serves_on_localhost_only(tmp_path):
    """The server answers on 127.0.0.1 and not on the machine's other address."""
    port = free_port()
    proc = _start_app(tmp_path, port)
    try:
        ip = non_loopback_ip()
        if ip:
            assert not reachable(ip, port), f"the app is reachable on {ip}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)


def test_sigterm_to_coach_app_stops_the_server(tmp_path):
    """SIGTERM sent to the `coach app` process alone (as a service manager or `kill PID` sends it) stops the
    Streamlit server it started: the port stops answering and no process of the group is left."""
    port = free_port()
    proc = _start_app(tmp_path, port)
    try:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        assert not _answers(port), "the Streamlit server still answers after coach app was stopped"
        with pytest.raises(ProcessLookupError):
            os.killpg(proc.pid, 0)  # every process of the group has exited
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_coach_app_passes_the_shipped_streamlit_settings():
    """`coach app` gives Streamlit every setting of .streamlit/config.toml (localhost only, no usage statistics,
    minimal toolbar), so it behaves the same from any folder as `streamlit run app.py` in the checkout."""
    import tomllib

    from coach.app.launch import streamlit_command

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] == "minimal"
    assert config["runner"]["postScriptGC"] is False  # no full collection twice a second under the live camera
    cmd = streamlit_command(root / "app.py", 8765, None, [Path("/data")])
    for section, options in config.items():
        for name, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            assert f"--{section}.{name}={text}" in cmd
    assert cmd[-3:] == ["--", "--data-dir", "/data"]

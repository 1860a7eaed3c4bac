"""The native log filter drops MediaPipe's chatter and passes everything else, including a crash's last words."""

import os
import subprocess
import sys

import pytest

NOISE = (
    "I0000 00:00:1796170992.050888     847 calculator_graph.cc:12] chatter\n"
    "INFO: Created TensorFlow Lite XNNPACK delegate for CPU.\n"
    "WARNING: [model_load.cc:402] Sparsity tensors may not yet be fully supported.\n"
)
REAL = (
    "E0000 00:00:1796170992.050888     847 inference.cc:13] a real error\n"
    "W0000 00:00:1796170992.050888     847 other.cc:1] a warning nobody listed\n"
    "F0000 00:00:1796170992.050888     847 graph.cc:9] Check failed: fatal\n"
)


def _run(tail: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """A Python process that installs the filter, writes NOISE and REAL to descriptor 2 as native code does, one
    line to sys.stderr, then runs `tail`."""
    code = (
        "import os, sys\nfrom coach.nativelogs import filter_native_logs\nfilter_native_logs()\n"
        f"os.write(2, {(NOISE + REAL).encode()!r})\nprint('coach: its own message', file=sys.stderr)\n{tail}"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)


def test_noise_dropped_errors_and_unknown_lines_kept():
    r = _run("")
    assert r.returncode == 0
    for line in NOISE.splitlines():
        assert line not in r.stderr
    for line in REAL.splitlines() + ["coach: its own message"]:
        assert line in r.stderr


@pytest.mark.parametrize("crash", ["os.abort()", "os._exit(3)"])
def test_a_crash_keeps_what_it_wrote(crash):
    """The filter is its own process: what native code wrote just before the process died still reaches stderr."""
    r = _run(f"os.write(2, b'E0000 00:00:1.0     847 x.cc:1] last words\\n')\n{crash}")
    assert r.returncode != 0
    assert "last words" in r.stderr and "a real error" in r.stderr


def test_every_line_shown_on_request():
    r = _run("", env={**os.environ, "COACH_NATIVE_LOGS": "1"})
    for line in (NOISE + REAL).splitlines():
        assert line in r.stderr


def test_a_captured_stderr_is_left_alone():
    """Called where sys.stderr is captured in memory (typer's CliRunner in a test, an embedding application), the
    filter installs nothing: the caller's stream stays open and keeps what was written to it."""
    code = (
        "import io, sys\nfrom coach.nativelogs import filter_native_logs\nbuf = io.StringIO()\nsys.stderr = buf\n"
        "filter_native_logs()\nprint('kept', file=sys.stderr)\nassert sys.stderr is buf and not buf.closed\n"
        "sys.__stdout__.write(buf.getvalue())"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "kept\n"

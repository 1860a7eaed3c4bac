"""Nothing leaves the machine: a real `coach analyze` and a real `coach batch` (two worker processes), traced with
strace from start to exit, never try to reach another machine, MediaPipe's telemetry uploader included (it looks up
play.googleapis.com when a landmarker closes unless coach.offline switches it off)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from syscall_trace import clean_env, outside_attempts, traced

SAMPLE = Path(__file__).resolve().parent.parent / "sample_videos" / "pose2sim_balance_cam04.mp4"


def test_the_trace_catches_a_connection_attempt(tmp_path):
    """The probe itself: a process that tries to reach a documentation-only address (RFC 5737, never routed) is
    caught, both its connect and its datagram."""
    code = (
        "import socket\n"
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.sendto(b'x', ('192.0.2.1', 9))\n"
        "t = socket.socket(); t.setblocking(False)\n"
        "try: t.connect(('192.0.2.1', 9))\nexcept OSError: pass\n"
    )
    r, trace = traced([sys.executable, "-c", code], tmp_path / "probe.strace")
    assert r.returncode == 0, r.stderr
    caught = outside_attempts(trace)
    assert any("sendto(" in line for line in caught) and any("connect(" in line for line in caught), trace


def test_coach_analyze_makes_no_connection_attempt(tmp_path):
    """`coach analyze` with every output (annotated video, HTML and PDF report) from start to exit."""
    out = tmp_path / "out"
    r, trace = traced(
        [sys.executable, "-m", "coach", "analyze", str(SAMPLE), "--out", str(out), "--json"],
        tmp_path / "analyze.strace",
    )
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "summary.json").read_text())["video"]["frames_analysed"] > 0
    assert "play.googleapis" not in trace
    assert outside_attempts(trace) == []


def test_coach_batch_makes_no_connection_attempt(tmp_path):
    """`coach batch` with two worker processes, each closing its landmarkers after a clip."""
    folder = tmp_path / "clips"
    folder.mkdir()
    for name in ("a.mp4", "b.mp4"):
        shutil.copy(SAMPLE, folder / name)
    out = tmp_path / "out"
    r, trace = traced(
        [sys.executable, "-m", "coach", "batch", str(folder), "--workers", "2", "--out", str(out)],
        tmp_path / "batch.strace",
        env=clean_env(COLUMNS="120"),
    )
    assert r.returncode == 0, r.stderr
    assert "2 ok, 0 error" in r.stdout
    assert "play.googleapis" not in trace
    assert outside_attempts(trace) == []


def test_library_use_makes_no_connection_attempt(tmp_path):
    """`coach.analysis.analyze_video` from a script (no CLI): loading the pose model switches the uploader off."""
    code = f"from coach.analysis import analyze_video\nprint(analyze_video({str(SAMPLE)!r}).summary['view'])\n"
    r, trace = traced([sys.executable, "-c", code], tmp_path / "library.strace")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() in ("side", "oblique", "front")
    assert outside_attempts(trace) == []

"""The `coach` command end to end, as a user runs it: outputs, messages, exit codes, no tracebacks."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from make_clips import write_audio_only, write_synthetic, write_transformed

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_videos" / "pose2sim_balance_cam04.mp4"


def coach(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m coach ...` and capture its output."""
    return subprocess.run([sys.executable, "-m", "coach", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def assert_clean_failure(r: subprocess.CompletedProcess, fragment: str) -> None:
    """A one-line error naming the problem, exit code 2, no traceback."""
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("coach: error:")]
    assert errors and fragment in " ".join(r.stderr.split()), r.stderr


def test_analyze_writes_frames_and_summary(tmp_path):
    out = tmp_path / "out"
    r = coach("analyze", str(SAMPLE), "--out", str(out), "--json")
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert summary == json.loads((out / "summary.json").read_text())
    assert summary["schema_version"] == 1
    assert summary["video"]["n_frames"] == 100 and summary["video"]["fps"] == pytest.approx(60)
    assert summary["video"]["complete"] is True and summary["video"]["frames_decoded"] == 100
    assert not any("ends early" in w for w in summary["warnings"])
    assert summary["person_found_fraction"] > 0.9
    assert summary["view"] in ("side", "oblique", "front")
    assert "does not diagnose" in summary["disclaimer"]
    with (out / "frames.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 100
    assert {"time_s", "hip_flex_left_deg", "hip_flex_left_conf", "knee_flex_right_deg", "pelvic_obliquity_deg"} <= set(rows[0])
    times = [float(r["time_s"]) for r in rows]
    assert times[0] == 0 and times[-1] == pytest.approx(99 / 60, abs=1e-3)
    assert not list(out.glob(".coach-*")), "staging folder left behind"


def test_two_people_are_reported(tmp_path):
    r = coach("analyze", str(ROOT / "sample_videos" / "two_people_walk_and_jump_sports2d.mp4"), "--out",
              str(tmp_path), "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert s["people"]["max_people"] == 2
    assert any("2 people were in view" in w for w in s["warnings"])


def test_partly_out_of_frame_is_flagged(tmp_path):
    clip = write_transformed(SAMPLE, tmp_path / "cut.mp4", lambda rgb: rgb[: int(rgb.shape[0] * 0.55)].copy())
    r = coach("analyze", str(clip), "--out", str(tmp_path / "o"), "--json")
    if r.returncode == 2:  # legs gone: no person found is also an honest answer
        assert_clean_failure(r, "no person found")
        return
    s = json.loads(r.stdout)
    assert any("outside the picture" in w or "found in only" in w for w in s["warnings"]), s["warnings"]


@pytest.mark.parametrize("make, fragment", [
    (lambda d: d / "missing.mp4", "no such file"),
    (lambda d: (d / "empty.mp4").write_bytes(b"") and None or d / "empty.mp4", "empty (0 bytes)"),
    (lambda d: (d / "text.mp4").write_text("not a video") and None or d / "text.mp4", "not a video file"),
    (lambda d: write_audio_only(d / "audio.mp4"), "audio only"),
    (lambda d: write_synthetic(d / "nobody.mp4", n=20), "no person found"),
])
def test_bad_inputs_fail_cleanly_and_write_nothing(tmp_path, make, fragment):
    clip = make(tmp_path)
    out = tmp_path / "out"
    r = coach("analyze", str(clip), "--out", str(out))
    assert_clean_failure(r, fragment)
    assert not out.exists() or not any(out.iterdir())


def test_unknown_exercise_is_refused(tmp_path):
    r = coach("analyze", str(SAMPLE), "--exercise", "pushups", "--out", str(tmp_path))
    assert_clean_failure(r, "unknown exercise 'pushups'")


def test_version():
    r = coach("--version")
    assert r.returncode == 0 and r.stdout.startswith("coach ")


def test_an_assessment_with_the_persons_age(tmp_path):
    """`--exercise single-leg-stance --age 45` on the 1.7-s sample: the summary has the assessment part, says that
    no stance was seen, and an age out of range or an unknown sex is refused in one line."""
    out = tmp_path / "out"
    r = coach("analyze", str(SAMPLE), "--exercise", "single-leg-stance", "--age", "45", "--out", str(out),
              "--no-video", "--no-pdf", "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert s["assessment"]["test"] == "single-leg-stance" and s["assessment"]["trials"] == []
    assert s["assessment"]["age_years"] == 45
    assert any("no single-leg stance seen" in f for f in s["findings"])
    assert (out / "trials.csv").is_file()
    assert_clean_failure(coach("analyze", str(SAMPLE), "--exercise", "tug", "--age", "300"), "age 300")
    assert_clean_failure(coach("analyze", str(SAMPLE), "--exercise", "tug", "--sex", "x"), "unknown sex")

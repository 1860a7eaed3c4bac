"""The `coach` command end to end, as a user runs it: outputs, messages, exit codes, no tracebacks."""

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from make_clips import write_audio_only, write_synthetic, write_transformed

from coach.config import default_config

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_videos" / "pose2sim_balance_cam04.mp4"


def coach(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m coach ...` and capture its output."""
    return subprocess.run([sys.executable, "-m", "coach", *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def assert_clean_failure(r: subprocess.CompletedProcess, fragment: str) -> None:
    """A one-line error naming the problem in plain words, exit code 2, no traceback and no exception class name."""
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert not re.search(r"\b[A-Z]\w*(Error|Exception)\b", r.stderr), r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("coach: error:")]
    assert errors and fragment in " ".join(r.stderr.split()), r.stderr


def test_analyze_writes_frames_and_summary(tmp_path):
    out = tmp_path / "out"
    r = coach("analyze", str(SAMPLE), "--out", str(out), "--json")
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert summary == json.loads((out / "summary.json").read_text())
    assert summary["schema_version"] == 2
    assert summary["config"] == {"file": "defaults", "sha256": default_config().sha256, "changed": {}}
    assert summary["video"]["n_frames"] == 100 and summary["video"]["fps"] == pytest.approx(60)
    # auto (the default) poses the 60 fps balance clip at 30 a second (coach.analysis.analyze_posed): 50 frames
    assert summary["video"]["complete"] is True and summary["video"]["pose_stride"] == 2
    assert summary["video"]["frames_decoded"] == summary["video"]["frames_analysed"] == 50
    assert not any("ends early" in w for w in summary["warnings"])
    assert summary["person_found_fraction"] > 0.9
    assert summary["view"] in ("side", "oblique", "front")
    assert "does not diagnose" in summary["disclaimer"]
    with (out / "frames.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 50
    assert {"time_s", "hip_flex_left_deg", "hip_flex_left_conf", "knee_flex_right_deg", "pelvic_obliquity_deg"} <= set(
        rows[0]
    )
    times = [float(r["time_s"]) for r in rows]
    assert times[0] == 0 and times[-1] == pytest.approx(98 / 60, abs=1e-3)
    assert not list(out.glob(".coach-*")), "staging folder left behind"


def test_nothing_recognised_is_said_once_in_plain_names(tmp_path):
    """The bundled balance clip is 1.7 s of one movement: `auto` recognises nothing and says why once, with the
    exercises' names (not their keys), and no exercise's movements are said to be 'counted'."""
    r = coach("analyze", str(SAMPLE), "--out", str(tmp_path), "--no-video", "--no-pdf")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.count("too little to go on") == 1 and "straight-leg raise" in out, out
    assert not any(line.startswith("Recognised:") for line in out.splitlines()), out
    assert " counted;" not in out and "slr" not in out, out


def test_demo_reports_two_people_and_says_each_fact_once(tmp_path):
    """`coach demo` (the README's first command ends with it) on the bundled walk with two people in view: the
    summary reports both people, the output says what coach measured (steps, cadence, stance per leg) and that
    symmetry was not judged once, in words, and points to the report."""
    r = coach("demo", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    s = json.loads((tmp_path / "summary.json").read_text())
    assert s["people"]["max_people"] == 2
    assert any("2 people were in view" in w for w in s["warnings"])
    out = r.stdout
    assert "Walking: " in out and "steps/min" in out and "stance left" in out
    assert out.count("not enough strides") + out.count("not judged") <= 1, out
    assert "report.html" in out and (tmp_path / "report.html").is_file()


def test_partly_out_of_frame_is_flagged(tmp_path):
    clip = write_transformed(SAMPLE, tmp_path / "cut.mp4", lambda rgb: rgb[: int(rgb.shape[0] * 0.55)].copy())
    r = coach("analyze", str(clip), "--out", str(tmp_path / "o"), "--json")
    if r.returncode == 2:  # legs gone: no person found is also an honest answer
        assert_clean_failure(r, "no person found")
        return
    s = json.loads(r.stdout)
    assert any("outside the picture" in w or "found in only" in w for w in s["warnings"]), s["warnings"]


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda d: d / "missing.mp4", "no such file"),
        (lambda d: (d / "empty.mp4").write_bytes(b"") and None or d / "empty.mp4", "empty (0 bytes)"),
        (lambda d: (d / "text.mp4").write_text("not a video") and None or d / "text.mp4", "not a video file"),
        (lambda d: write_audio_only(d / "audio.mp4"), "audio only"),
        (lambda d: write_synthetic(d / "nobody.mp4", n=20), "no person found"),
    ],
)
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
    r = coach(
        "analyze",
        str(SAMPLE),
        "--exercise",
        "single-leg-stance",
        "--age",
        "45",
        "--out",
        str(out),
        "--no-video",
        "--no-pdf",
        "--json",
    )
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert s["assessment"]["test"] == "single-leg-stance" and s["assessment"]["trials"] == []
    assert s["assessment"]["age_years"] == 45
    assert any("no single-leg stance seen" in f for f in s["findings"])
    assert (out / "trials.csv").is_file()
    assert_clean_failure(coach("analyze", str(SAMPLE), "--exercise", "tug", "--age", "300"), "age 300")
    assert_clean_failure(coach("analyze", str(SAMPLE), "--exercise", "tug", "--sex", "x"), "unknown sex")


def test_help_shows_flags_as_flags_and_auto_as_the_default():
    """`coach analyze --help`: on/off options take no value (no '<bool>'), the task defaults to auto and automatic
    is listed first, with what 'none' does."""
    r = coach("analyze", "--help")
    assert r.returncode == 0, r.stderr
    text = " ".join(r.stdout.split())
    assert "<bool>" not in text and "--no-pdf skip report.pdf" in text
    assert "[default: auto]" in text and "what the clip shows: auto |" in text
    assert "none measures the joint angles only" in text


def test_patient_details_are_filed_in_the_summary_and_the_report(tmp_path):
    """--patient, --affected-side, --date-filmed and --notes land in summary.json's patient part and the report's
    header; a bad side or date is refused in one line before any work."""
    out = tmp_path / "out"
    r = coach(
        "analyze",
        str(SAMPLE),
        "--out",
        str(out),
        "--no-video",
        "--no-pdf",
        "--patient",
        "P-017",
        "--affected-side",
        "right",
        "--date-filmed",
        "2026-11-30",
        "--notes",
        "6 weeks after surgery",
    )
    assert r.returncode == 0, r.stderr
    s = json.loads((out / "summary.json").read_text())
    assert s["patient"] == {
        "patient": "P-017",
        "affected_side": "right",
        "date_filmed": "2026-11-30",
        "notes": "6 weeks after surgery",
    }
    html = (out / "report.html").read_text(encoding="utf-8")
    for text in (
        '<dt>Patient</dt><dd class="patient">P-017</dd>',
        "<dt>Affected side</dt>",
        "2026-11-30",
        "6 weeks after surgery",
    ):
        assert text in html, text
    assert_clean_failure(coach("analyze", str(SAMPLE), "--affected-side", "middle"), "affected side 'middle'")
    assert_clean_failure(coach("analyze", str(SAMPLE), "--date-filmed", "30/11/2026"), "give it as YYYY-MM-DD")


def test_help_loads_no_heavy_module():
    """`coach --help` answers without importing numpy, scipy, PyAV or MediaPipe (seconds of start-up on a busy
    machine); the commands import them when they run."""
    code = (
        "import runpy, sys\nsys.argv = ['coach', '--help']\ntry:\n    runpy.run_module('coach', run_name='__main__')\n"
        "except SystemExit:\n    pass\nprint('LOADED', sorted(m for m in ('numpy', 'scipy', 'av', 'mediapipe', 'cv2') "
        "if m in sys.modules))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "analyze" in r.stdout
    assert "LOADED []" in r.stdout, r.stdout[-200:]


def test_stderr_holds_no_native_log_lines(tmp_path):
    """MediaPipe/LiteRT/XNNPACK print about 150 lines on stderr per analysis; none reach the user."""
    r = coach("analyze", str(SAMPLE), "--out", str(tmp_path), "--no-video", "--no-pdf")
    assert r.returncode == 0, r.stderr
    for noise in ("Sparsity tensors", "LiteRT", "XNNPACK", "TensorFlow Lite", "InitGoogle", "absl::"):
        assert noise not in r.stderr, r.stderr
    assert len([line for line in r.stderr.splitlines() if line.strip()]) <= 2, r.stderr


def test_the_help_lists_every_analyser():
    """coach.tasks (what the help lists without loading the analysers) names exactly the registered analysers."""
    from coach.analysis import ANALYSERS
    from coach.tasks import TASKS

    assert set(TASKS) == {"none", *ANALYSERS}


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("[exercise.march.rules.knee_low]\nlimt = 3.0\n", "unknown key 'exercise.march.rules.knee_low.limt'"),
        ('[exercise.march.target]\nlow = 80.0\nunit = "rad"\n', "exercise.march.target.unit is 'rad'"),
        ('[exercise.march.target]\nlow = "80"\n', "exercise.march.target.low must be float, not str"),
        ("[exercise.march.target\n", "not valid TOML"),
    ],
)
def test_a_bad_config_file_fails_cleanly_and_writes_nothing(tmp_path, text, fragment):
    config = tmp_path / "rules.toml"
    config.write_text(text)
    out = tmp_path / "out"
    r = coach("analyze", str(SAMPLE), "--out", str(out), "--config", str(config))
    assert_clean_failure(r, f"{config}: {fragment}")
    assert len([line for line in r.stderr.splitlines() if line.strip()]) == 1
    assert not out.exists()
    r = coach("batch", str(SAMPLE.parent), "--out", str(out), "--config", str(tmp_path / "missing.toml"))
    assert_clean_failure(r, "missing.toml: cannot read the settings file")
    assert not out.exists()

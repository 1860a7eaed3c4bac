"""Nothing is lost or mixed up when results are written: a re-used --out folder holds one analysis only, a clip
deleted while its results are written loses only its annotated video, Ctrl-C while the PDF is drawn stops coach
(exit 130, nothing half-written), staging folders of a killed coach are cleaned, an unwritable --out is reported
before the analysis, and `coach report` on damaged saved results gives one line and exit 2."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import coach.analysis
import coach.cli
from coach.analysis import analyze_video
from coach.outputs.analysis import ANALYSIS_FILES, save_analysis
from coach.outputs.commit import OutputsIncomplete, commit_outputs
from coach.outputs.review import ReviewOptions

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_videos" / "pose2sim_balance_cam04.mp4"
runner = CliRunner()


def coach_run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coach", *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def sample_analysis():
    """The bundled sample through the real pipeline once."""
    return analyze_video(SAMPLE)


def test_reused_out_folder_holds_only_the_new_analysis(tmp_path):
    """A gait clip with every output, then another clip into the same --out without video, PDF or gait: nothing of
    the first stays (no annotated.mp4, report.pdf, strides.csv, events.csv beside the new summary.json)."""
    out = tmp_path / "out"
    first, second = tmp_path / "patient_a.mp4", tmp_path / "patient_b.mp4"
    shutil.copy(SAMPLE, first)
    shutil.copy(SAMPLE, second)
    r = coach_run("analyze", str(first), "--exercise", "gait", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert {"annotated.mp4", "report.pdf", "strides.csv", "events.csv"} <= {p.name for p in out.iterdir()}
    r = coach_run("analyze", str(second), "--out", str(out), "--no-video", "--no-pdf")
    assert r.returncode == 0, r.stderr
    names = {p.name for p in out.iterdir()}
    assert names.isdisjoint({"annotated.mp4", "report.pdf", "strides.csv", "events.csv"}), names
    assert json.loads((out / "summary.json").read_text())["video"]["source"].endswith("patient_b.mp4")
    assert "patient_a" not in (out / "report.html").read_text()


def test_every_output_an_analysis_writes_is_replaced_as_a_whole(sample_analysis, tmp_path):
    """Each file the analysis writers make (every review output included) is in ANALYSIS_FILES, and a file the
    user keeps in the folder is never touched."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    written = {p.name for p in save_analysis(sample_analysis, out, ReviewOptions())}
    assert written <= ANALYSIS_FILES, written - ANALYSIS_FILES
    save_analysis(sample_analysis, out, None)
    assert {p.name for p in out.iterdir()} == {"notes.txt", "frames.csv", "landmarks.npz", "summary.json"}


def test_every_table_of_every_task_is_replaced_by_the_next_analysis():
    """The tables each analyser writes (a short synthetic march given to every task) are in ANALYSIS_FILES: an
    exercise's movements.csv or an assessment's trials.csv never stays beside the next clip's summary.json."""
    from coach.kinematics.angles import compute_angles
    from coach.simulate import simulate_march

    poses, _ = simulate_march(n_reps=2)
    angles = compute_angles(poses)
    tables = {task: set(analyse(poses, angles).tables()) for task, analyse in coach.analysis.ANALYSERS.items()}
    assert all(tables.values()), tables
    missing = {task: names - ANALYSIS_FILES for task, names in tables.items() if names - ANALYSIS_FILES}
    assert not missing, missing


def test_clip_deleted_while_results_are_written_keeps_the_rest(sample_analysis, tmp_path):
    """The source clip is gone when the annotated video is drawn: every other output is written, and the error
    says what is missing and why."""
    clip = tmp_path / "clip.mp4"
    shutil.copy(SAMPLE, clip)
    a = analyze_video(clip)
    clip.unlink()
    out = tmp_path / "out"
    with pytest.raises(
        OutputsIncomplete, match="annotated.mp4 was not drawn: the clip .*clip.mp4 was moved or deleted"
    ):
        save_analysis(a, out, ReviewOptions())
    names = {p.name for p in out.iterdir()}
    assert {"summary.json", "frames.csv", "report.html", "report.pdf", "landmarks.npz"} <= names
    assert "annotated.mp4" not in names and not list(out.glob(".coach-*"))


def test_cli_says_which_output_is_missing_when_the_clip_is_deleted(tmp_path, monkeypatch):
    """`coach analyze` where the user deletes the clip right after its analysis: exit 2, one line naming the clip
    and the missing annotated.mp4; summary.json and the report are kept."""
    clip = tmp_path / "clip.mp4"
    shutil.copy(SAMPLE, clip)
    real = coach.analysis.analyze_video

    def analyse_then_delete(*args, **kwargs):
        result = real(*args, **kwargs)
        clip.unlink()  # as the user would, in another window
        return result

    monkeypatch.setattr(coach.analysis, "analyze_video", analyse_then_delete)
    out = tmp_path / "out"
    res = runner.invoke(coach.cli.app, ["analyze", str(clip), "--out", str(out), "--no-pdf"])
    assert res.exit_code == 2, res.output
    text = " ".join(res.output.split())
    assert "annotated.mp4 was not drawn" in text and "clip.mp4 was moved or deleted" in text
    assert (out / "summary.json").is_file() and (out / "report.html").is_file()


def test_ctrl_c_while_the_pdf_is_drawn_stops_coach(tmp_path):
    """SIGINT arrives while WeasyPrint draws a figure (WeasyPrint itself catches every exception there): coach
    exits 130 without 'Results written' and leaves no partial results or staging folder."""
    out = tmp_path / "out"
    code = (
        "import os, signal, sys\n"
        "import weasyprint.svg\n"
        "draw = weasyprint.svg.SVG.draw\n"
        "def interrupted_draw(self, *a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the first figure is drawn\n"
        "    return draw(self, *a, **k)\n"
        "weasyprint.svg.SVG.draw = interrupted_draw\n"
        "from coach.cli import entry\n"
        f"sys.argv = ['coach', 'analyze', {str(SAMPLE)!r}, '--out', {str(out)!r}, '--no-video']\n"
        "entry()\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert r.returncode == 130, (r.returncode, r.stdout, r.stderr[-2000:])
    assert "Results written" not in r.stdout
    assert "interrupted; nothing was written" in r.stderr
    assert not out.exists() or not any(out.iterdir()), list(out.iterdir())


def test_staging_folder_of_a_killed_coach_is_cleaned(tmp_path):
    """`coach analyze` killed with SIGKILL while it writes its results leaves a hidden staging folder; the next
    write into that folder removes it, and never the staging folder of a coach still running."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "coach", "analyze", str(SAMPLE), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while not list(out.glob(".coach-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stale = list(out.glob(".coach-*"))
    assert stale, "the staging folder did not appear before the kill"
    live = out / f".coach-{os.getpid()}@{os.uname().nodename}-alive"
    live.mkdir()

    def note(d: Path) -> None:
        (d / "note.txt").write_text("x")

    commit_outputs(out, [note])
    assert not any(p.exists() for p in stale)
    assert live.is_dir()


def test_unwritable_out_is_reported_before_the_analysis(tmp_path, monkeypatch):
    """--out under a regular file: one line, exit 2, and the clip is never analysed."""
    calls = []
    real = coach.analysis.analyze_video

    def counted(*a, **k):
        calls.append(a)
        return real(*a, **k)

    monkeypatch.setattr(coach.analysis, "analyze_video", counted)
    (tmp_path / "file").write_text("")
    res = runner.invoke(coach.cli.app, ["analyze", str(SAMPLE), "--out", str(tmp_path / "file" / "out")])
    assert res.exit_code == 2 and "cannot write results to" in res.output
    assert calls == []


@pytest.fixture(scope="module")
def saved(tmp_path_factory, sample_analysis) -> Path:
    """A results folder as `coach analyze --no-video --no-pdf` writes it."""
    out = tmp_path_factory.mktemp("saved")
    save_analysis(sample_analysis, out, None)
    return out


@pytest.mark.parametrize(
    "name, damage, reason",
    [
        ("landmarks.npz", lambda b: b[: len(b) // 2], "landmarks.npz cannot be read back"),
        ("landmarks.npz", lambda b: b"", "landmarks.npz cannot be read back"),
        ("summary.json", lambda b: b[: len(b) // 2], "summary.json cannot be read back"),
        ("summary.json", lambda b: b"[1, 2]", "summary.json cannot be read back (it is not a coach summary)"),
        ("frames.csv", lambda b: b"", "frames.csv cannot be read back"),
    ],
)
def test_coach_report_on_damaged_results_says_why_in_one_line(saved, tmp_path, name, damage, reason):
    folder = tmp_path / "results"
    shutil.copytree(saved, folder)
    (folder / name).write_bytes(damage((folder / name).read_bytes()))
    r = coach_run("report", str(folder), "--no-pdf")
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "Aborted" not in r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("coach: error:"), r.stderr
    assert reason in " ".join(r.stderr.split())

"""coach batch on real clips and broken files: statuses, messages, the table, resume, SIGINT, a killed worker, Ray."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from batch_clips import BAD, GOOD

from coach import __version__
from coach.analysis import Settings, analyze_video
from coach.batch import plan_batch, run_batch
from coach.batch.discover import content_hash
from coach.batch.record import RECORD_FILE, ResultKey, read_record
from coach.batch.worker import FileAnalyser, Job

ANALYZE_OUTPUTS = ("summary.json", "frames.csv", "landmarks.npz")


def table(out: Path) -> list[dict]:
    """results.parquet as a list of row dicts."""
    return pq.read_table(out / "results.parquet").to_pylist()


def mtimes(out: Path) -> dict[str, int]:
    """mtime (ns) of every per-file output and record under out (not the table, which is rewritten)."""
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and p.parent != out}


def test_good_files_ok_bad_files_error_with_message(reference_run, clip_folder):
    report, out = reference_run
    rows = {r["file"]: r for r in table(out)}
    assert set(rows) == set(GOOD) | set(BAD)  # README.txt passed over, the clip without an ending found by content
    for name in GOOD:
        r = rows[name]
        assert r["status"] == "ok" and r["error"] == "", r
        assert r["frames_analysed"] == 16 and r["duration_s"] == pytest.approx(16 / 30, abs=0.05)
        assert r["content_hash"] == content_hash(clip_folder / name)
        assert r["coach_version"] == __version__ and r["settings_key"] == Settings().key()
        for f in ANALYZE_OUTPUTS:
            assert (out / name / f).is_file()
        assert json.loads((out / name / "summary.json").read_text())["video"]["frames_analysed"] == 16
    for name, word in BAD.items():
        r = rows[name]
        assert r["status"] == "error" and word in r["error"], r
        assert r["error"].startswith(name), "the message names the file relative to the batch folder"
        assert not re.search(r"\b[A-Z]\w*(Error|Exception)\b", r["error"]), "plain words, no exception class name"
        assert not (out / name / "summary.json").exists()
    assert (report.ok, report.errors, report.ran, report.total) == (
        len(GOOD),
        len(BAD),
        len(GOOD) + len(BAD),
        len(GOOD) + len(BAD),
    )


def test_a_clip_gets_the_result_of_a_fresh_analyze_whatever_came_before(clip_folder, tmp_path):
    """One worker analyses the two-people clip, then a balance clip: the balance clip's landmarks and people must be
    those of `coach analyze` on it alone (a reused MediaPipe VIDEO-mode estimator carried a phantom person over)."""
    first, second = "sub/b_walk.mov", "sub/deeper/c_balance_no_ending"
    key = ResultKey("-", __version__, Settings().key())
    worker = FileAnalyser(Settings())
    try:
        for rel in (first, second):
            job = Job(str(clip_folder / rel), rel, str(tmp_path / rel), key, 0, 0)
            assert worker.analyse(job).row.status == "ok"
    finally:
        worker.close()
    alone = analyze_video(clip_folder / second, Settings())
    batch = json.loads((tmp_path / second / "summary.json").read_text())
    assert batch["people"] == json.loads(json.dumps(alone.summary["people"]))
    np.testing.assert_array_equal(np.load(tmp_path / second / "landmarks.npz")["xy_px"], alone.raw.xy_px)


def test_csv_and_parquet_hold_the_same_table(reference_run):
    _, out = reference_run
    csv_rows = pacsv.read_csv(out / "results.csv").to_pylist()
    pq_rows = table(out)
    assert [r["file"] for r in csv_rows] == [r["file"] for r in pq_rows] == sorted(r["file"] for r in pq_rows)
    for c, p in zip(csv_rows, pq_rows):
        assert c["status"] == p["status"] and c["frames_analysed"] == p["frames_analysed"]


def test_rerun_skips_everything(clip_folder, fresh_run):
    before = mtimes(fresh_run)
    report = run_batch(clip_folder, Settings(), fresh_run, workers=2)
    assert (report.ran, report.kept_ok, report.kept_failed) == (0, len(GOOD), len(BAD))
    assert mtimes(fresh_run) == before


def test_deleted_result_is_the_only_one_recomputed(clip_folder, fresh_run, reference_run):
    gone = "sub/b_walk.mov"
    (fresh_run / gone / "summary.json").unlink()
    before = mtimes(fresh_run)
    report = run_batch(clip_folder, Settings(), fresh_run, workers=2)
    assert (report.ran, report.kept_ok) == (1, len(GOOD) - 1)
    after = mtimes(fresh_run)
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed and all(k.startswith(gone + "/") for k in changed)
    assert table(fresh_run) == table(reference_run[1])


def test_retry_failed_reruns_only_the_failed(clip_folder, fresh_run):
    plan = plan_batch(clip_folder, Settings(), fresh_run, retry_failed=True)
    assert sorted(j.rel for j in plan.jobs) == sorted(BAD)
    report = run_batch(clip_folder, Settings(), fresh_run, workers=1, retry_failed=True)
    assert (report.ran, report.kept_ok, report.errors) == (len(BAD), len(GOOD), len(BAD))


def test_changed_settings_or_content_are_recomputed(clip_folder, fresh_run, tmp_path):
    other = plan_batch(clip_folder, Settings(max_side=480), fresh_run)
    assert len(other.jobs) == len(GOOD) + len(BAD)
    folder = tmp_path / "clips"
    shutil.copytree(clip_folder, folder)
    out = tmp_path / "out"
    shutil.copytree(fresh_run, out)
    assert not plan_batch(folder, Settings(), out).jobs, "same content at the same relative paths: nothing to do"
    (folder / "a_balance.mp4").write_bytes((folder / "sub/deeper/c_balance_no_ending").read_bytes())
    assert [j.rel for j in plan_batch(folder, Settings(), out).jobs] == ["a_balance.mp4"]


def test_changed_clinical_rules_are_recomputed(clip_folder, fresh_run):
    """A settings file that changes a limit re-scores every clip; one that changes nothing keeps them all."""
    from coach.config import parse_config

    stricter = parse_config("[exercise.march.target]\nlow = 80.0\n", "stricter.toml")
    assert len(plan_batch(clip_folder, Settings(config=stricter), fresh_run).jobs) == len(GOOD) + len(BAD)
    same = parse_config("[exercise.march.target]\nlow = 75.0\n", "same.toml")
    assert not plan_batch(clip_folder, Settings(config=same), fresh_run).jobs


#: The batch as a terminal starts it: with Python's own Ctrl-C handler, whatever SIGINT disposition this test process
#: was left with by the tests before it (a process inherits an ignored SIGINT, and Python then installs no handler).
_AS_FROM_A_TERMINAL = "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "


def _coach(*args: str) -> list[str]:
    """`coach batch ...` with the reference run's task ('none'; the command's default is auto), started as a terminal
    starts it (_AS_FROM_A_TERMINAL)."""
    return [
        sys.executable,
        "-c",
        _AS_FROM_A_TERMINAL + "from coach.cli import entry; entry()",
        *args,
        "--exercise",
        "none",
    ]


def _signal_state(pid: int) -> str:
    """The ignored and caught signal masks of a process (Linux /proc), to say why a Ctrl-C was not acted on."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError as e:
        return f"unknown ({e})"
    return " ".join(line for line in lines if line.startswith(("SigIgn", "SigCgt")))


def _interrupt_after_first_ok(clip_folder: Path, out: Path) -> tuple[int, str]:
    """Run `coach batch` with one worker and send it Ctrl-C as soon as the first clip's record says ok; (exit code,
    stderr followed by the batch's signal masks when Ctrl-C was sent)."""
    proc = subprocess.Popen(
        _coach("batch", str(clip_folder), "--out", str(out), "--workers", "1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # stop right after the first clip is analysed
        recs = [read_record(p.parent) for p in out.rglob(RECORD_FILE)]
        if any(r and r.row.status == "ok" for r in recs):
            break
        time.sleep(0.05)
    state = _signal_state(proc.pid)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    return proc.returncode, f"{stderr}\n(signal masks of the batch when Ctrl-C was sent: {state})"


#: Copies of a good clip added to the Ctrl-C test's folder: work left after the first clip (about half a second each)
#: so that Ctrl-C lands mid-way even when the test's own process is slow to see the first record (a full test run).
MORE_CLIPS = 6


def test_sigint_midway_then_rerun_equals_uninterrupted(clip_folder, tmp_path):
    """Ctrl-C after the first clip: exit 130, a table of the finished files only; the rerun finishes the rest and
    equals an uninterrupted run. When this test's own process was too slow to interrupt in time, the batch has simply
    finished, correctly (checked); it is tried again (three times at most)."""
    folder = tmp_path / "clips"
    shutil.copytree(clip_folder, folder)
    first = next(iter(GOOD))
    for i in range(MORE_CLIPS):
        shutil.copy(clip_folder / first, folder / f"more_{i}_{Path(first).name}")
    reference = tmp_path / "reference"
    run_batch(folder, Settings(), reference, workers=2)
    for attempt in range(3):
        out = tmp_path / f"out{attempt}"
        code, stderr = _interrupt_after_first_ok(folder, out)
        if code != 0:
            break
        assert table(out) == table(reference), "a batch that finished before Ctrl-C is complete"
    assert code == 130, stderr
    assert "interrupted" in stderr
    partial = table(out)
    done = {str(p.parent.relative_to(out)) for p in out.rglob(RECORD_FILE)}
    assert {r["file"] for r in partial} == done, "the table matches the finished records"
    assert 0 < sum(r["status"] == "ok" for r in partial) < len(GOOD) + MORE_CLIPS, "interrupted mid-way"
    res = subprocess.run(
        _coach("batch", str(folder), "--out", str(out), "--workers", "2"),
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    assert f"{len(partial)} " in res.stderr and "to analyse" in res.stderr
    assert table(out) == table(reference)


def _children(pid: int) -> list[int]:
    """Processes whose parent is pid (Linux /proc)."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc to find the worker")
def test_killed_worker_fails_only_its_file(clip_folder, reference_run, tmp_path):
    out = tmp_path / "out"
    killed: list[int] = []

    def kill_worker_after_first_ok(record):
        if record.row.status == "ok" and not killed:
            for pid in _children(os.getpid()):
                if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)

    report = run_batch(clip_folder, Settings(), out, workers=1, on_result=kill_worker_after_first_ok)
    assert killed
    rows = {r["file"]: r for r in table(out)}
    died = [f for f, r in rows.items() if "worker analysing it died" in r["error"]]
    assert len(died) == 1, rows  # only the file in flight when the worker was killed
    assert report.ok + report.errors == report.total == len(GOOD) + len(BAD)
    assert report.ok == len(GOOD) - (died[0] in GOOD)
    again = run_batch(clip_folder, Settings(), out, workers=1, retry_failed=True)
    assert again.ok == len(GOOD) and table(out) == table(reference_run[1])


def test_ray_engine_gives_the_same_table(clip_folder, reference_run, tmp_path, monkeypatch):
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")  # nothing leaves the machine
    ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'coach[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        report = run_batch(clip_folder, Settings(), tmp_path / "out", workers=2, engine="ray")
    finally:
        ray.shutdown()
    assert report.ran == len(GOOD) + len(BAD)
    assert table(tmp_path / "out") == table(reference_run[1])


def test_ray_engine_switches_usage_stats_off(monkeypatch):
    """Ray reports usage to its makers by default; the engine turns that off before Ray is imported, whatever the
    environment said (asked of Ray itself, not of the variable coach sets)."""
    pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'coach[ray]'")
    from coach.batch.ray_engine import _import_ray

    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "1")
    _import_ray()
    from ray._common.usage.usage_lib import usage_stats_enabled

    assert not usage_stats_enabled()

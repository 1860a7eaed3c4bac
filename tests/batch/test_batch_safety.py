"""Nothing a batch finished is ever lost, and no bad input stops it: batches sharing an output folder (one after the
other, or at once) keep every row; an unreadable file is an error row; --glob stays inside the folder; an unwritable
output folder is reported before any clip is hashed or analysed; the tables get the same permissions as every other
output."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner
from unreadable import without_read_override

from coach.analysis import Settings
from coach.batch import BatchError, plan_batch, run_batch
from coach.cli import app

runner = CliRunner()


def _two_folders(clip_folder: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two folders of different clips (the balance clips in one, the walk clip in the other)."""
    a, b = tmp_path / "monday", tmp_path / "tuesday"
    a.mkdir()
    (b / "sub").mkdir(parents=True)
    shutil.copy(clip_folder / "a_balance.mp4", a / "p1_balance.mp4")
    shutil.copy(clip_folder / "sub" / "deeper" / "c_balance_no_ending", a / "p2_balance.mp4")
    shutil.copy(clip_folder / "sub" / "b_walk.mov", b / "sub" / "p3_walk.mov")
    return a, b


def _files(out: Path) -> set[str]:
    return {r["file"] for r in pq.read_table(out / "results.parquet").to_pylist()}


def test_two_batches_one_after_the_other_keep_every_row(clip_folder, tmp_path):
    """Monday's folder then Tuesday's into the same --out: the table holds all three files, in CSV and Parquet."""
    a, b = _two_folders(clip_folder, tmp_path)
    out = tmp_path / "out"
    run_batch(a, Settings(), out, workers=1)
    report = run_batch(b, Settings(), out, workers=1)
    assert _files(out) == {"p1_balance.mp4", "p2_balance.mp4", "sub/p3_walk.mov"}
    assert len((out / "results.csv").read_text().strip().splitlines()) == 1 + 3
    assert (report.total, report.ok, report.table_rows) == (1, 1, 3)


def test_two_batches_at_once_keep_every_row(clip_folder, tmp_path):
    """Two `coach batch` processes into the same --out at the same time: when both are done, the table holds the
    rows of both (each rebuilds it from every record on disk, under a lock)."""
    a, b = _two_folders(clip_folder, tmp_path)
    out = tmp_path / "out"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "coach", "batch", str(f), "--workers", "1", "--out", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in (a, b)
    ]
    for p in procs:
        _, stderr = p.communicate(timeout=600)
        assert p.returncode == 0, stderr
    assert _files(out) == {"p1_balance.mp4", "p2_balance.mp4", "sub/p3_walk.mov"}


def test_tables_get_the_permissions_of_every_other_output(reference_run):
    """results.csv and results.parquet are created like summary.json (the user's umask), not private 0600."""
    _, out = reference_run
    summary_mode = stat.S_IMODE((out / "a_balance.mp4" / "summary.json").stat().st_mode)
    for name in ("results.csv", "results.parquet", "a_balance.mp4/batch.json"):
        assert stat.S_IMODE((out / name).stat().st_mode) == summary_mode, name


def test_unreadable_file_is_an_error_row_not_a_stop(clip_folder, tmp_path):
    """A clip without read permission among good ones: the batch analyses the others and lists it as an error that
    says it cannot be read; no traceback."""
    folder, out = tmp_path / "clips", tmp_path / "out"
    folder.mkdir()
    shutil.copy(clip_folder / "a_balance.mp4", folder / "good.mp4")
    shutil.copy(clip_folder / "a_balance.mp4", folder / "locked.mp4")
    (folder / "locked.mp4").chmod(0)
    r = subprocess.run(
        [
            *without_read_override(),
            sys.executable,
            "-m",
            "coach",
            "batch",
            str(folder),
            "--out",
            str(out),
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ, COLUMNS="200"),
    )
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert "1 ok, 1 error" in r.stdout
    rows = {row["file"]: row for row in pq.read_table(out / "results.parquet").to_pylist()}
    assert rows["good.mp4"]["status"] == "ok"
    assert rows["locked.mp4"]["status"] == "error"
    assert "cannot be read (Permission denied)" in rows["locked.mp4"]["error"]


@pytest.mark.parametrize("pattern", ["/etc/*", "../*", "sub/../../*"])
def test_glob_outside_the_folder_is_refused(clip_folder, tmp_path, pattern):
    """An absolute --glob or one climbing out with '..' gets a one-line error, exit 2, nothing written."""
    res = runner.invoke(app, ["batch", str(clip_folder), "--glob", pattern, "--out", str(tmp_path / "out")])
    assert res.exit_code == 2, res.output
    assert "give a pattern inside the folder" in " ".join(res.output.split())
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert not (tmp_path / "out").exists()


def test_unwritable_out_is_reported_before_any_work(clip_folder, tmp_path, monkeypatch):
    """--out under a regular file: the batch stops with a message before hashing a single clip."""
    import coach.batch.run as batch_run

    hashed = []

    def content_hash(p):
        hashed.append(p)
        return "x"

    monkeypatch.setattr(batch_run, "content_hash", content_hash)
    (tmp_path / "file").write_text("")
    with pytest.raises(BatchError, match="cannot write to"):
        plan_batch(clip_folder, Settings(), tmp_path / "file" / "out")
    assert hashed == []
    res = runner.invoke(app, ["batch", str(clip_folder), "--out", str(tmp_path / "file" / "out")])
    assert res.exit_code == 2 and "cannot write to" in res.output
    assert hashed == []

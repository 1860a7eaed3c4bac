"""`coach batch` when it cannot run at all: one-line error, non-zero exit, nothing half-done."""

from __future__ import annotations

from typer.testing import CliRunner

from coach.cli import app

runner = CliRunner()


def test_missing_folder(tmp_path):
    res = runner.invoke(app, ["batch", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert res.exit_code == 2 and "no such folder" in res.output
    assert "Traceback" not in res.output


def test_folder_without_videos(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    res = runner.invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "out")])
    assert res.exit_code == 2 and "no video files found" in res.output and "1 other files" in res.output


def test_unknown_exercise_and_engine(tmp_path):
    (tmp_path / "a.mp4").write_bytes(b"")
    res = runner.invoke(app, ["batch", str(tmp_path), "--exercise", "yoga"])
    assert res.exit_code == 2 and "unknown exercise" in res.output
    res = runner.invoke(app, ["batch", str(tmp_path), "--engine", "spark", "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "unknown engine" in res.output


def test_address_needs_the_ray_engine(tmp_path):
    (tmp_path / "a.mp4").write_bytes(b"")
    res = runner.invoke(app, ["batch", str(tmp_path), "--address", "auto", "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "--address is for the ray engine" in res.output


def test_address_rejected_before_anything_is_written(tmp_path):
    (tmp_path / "a.mp4").write_bytes(b"")
    runner.invoke(app, ["batch", str(tmp_path), "--address", "auto", "--out", str(tmp_path / "o")])
    assert not (tmp_path / "o").exists()

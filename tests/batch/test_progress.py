"""Progress inside a file: the writer keeps to its pace on an injected clock and is read back as fractions; a real
worker analysing the bundled clip reports frames as it goes and removes its progress file when the file is done."""

from __future__ import annotations

from pathlib import Path

from coach.analysis import Settings
from coach.batch import progress as progress_mod
from coach.batch import worker as worker_mod
from coach.batch.progress import PROGRESS_EVERY_S, ProgressWriter, clear_progress, progress_path, running
from coach.batch.record import ResultKey

SAMPLE = Path(__file__).resolve().parents[2] / "sample_videos" / "pose2sim_balance_cam04.mp4"


def test_writer_paces_itself_and_is_read_back(tmp_path):
    now = [0.0]
    w = ProgressWriter(progress_path(tmp_path, "a/b.mp4"), clock=lambda: now[0])
    w(1, 100)
    assert running(tmp_path) == [0.01]
    now[0] += PROGRESS_EVERY_S / 2
    w(50, 100)  # too soon: not written
    assert running(tmp_path) == [0.01]
    now[0] += PROGRESS_EVERY_S
    w(75, 100)
    assert running(tmp_path) == [0.75]
    ProgressWriter(progress_path(tmp_path, "c.mp4"), clock=lambda: 0.0)(10, 0)  # total unknown yet: never above 1
    assert sorted(running(tmp_path)) == [0.75, 1.0]
    w.clear()
    assert running(tmp_path) == [1.0]
    clear_progress(tmp_path)
    assert running(tmp_path) == []


def test_a_worker_reports_frames_while_it_analyses_and_clears_them(tmp_path, monkeypatch):
    seen: list[tuple[int, int]] = []

    class Recording(ProgressWriter):
        def __call__(self, done: int, total: int) -> None:
            seen.append((done, total))
            super().__call__(done, total)

    monkeypatch.setattr(worker_mod, "ProgressWriter", Recording)
    where = progress_path(tmp_path / "out", SAMPLE.name)
    job = worker_mod.Job(
        str(SAMPLE),
        SAMPLE.name,
        str(tmp_path / "out" / SAMPLE.name),
        ResultKey("x", "0", Settings().key()),
        0,
        0,
        str(where),
    )
    analyser = worker_mod.FileAnalyser(Settings())
    try:
        record = analyser.analyse(job)
    finally:
        analyser.close()
    assert record.row.status == "ok"
    assert [d for d, _ in seen] == list(range(1, 101)) and {t for _, t in seen} == {100}  # every frame of 100
    assert not where.exists() and progress_mod.running(tmp_path / "out") == []


def test_the_command_line_bar_moves_inside_a_file_being_analysed(tmp_path):
    import io
    import shutil
    import time

    from rich.console import Console

    from coach.batch import plan_batch
    from coach.batch.console import batch_progress

    clips = tmp_path / "clips"
    clips.mkdir()
    for name in ("a.mp4", "b.mp4"):
        shutil.copy(SAMPLE, clips / name)
    plan = plan_batch(clips, Settings(), tmp_path / "out", file_progress=True)
    assert all(job.progress for job in plan.jobs)
    console = Console(file=io.StringIO(), record=True, width=120, force_terminal=True)
    with batch_progress(console, plan, poll_s=0.01):
        ProgressWriter(plan.jobs[0].progress)(60, 120)  # half of one of two files: a quarter of the batch
        deadline = time.monotonic() + 5
        while "25%" not in console.export_text(clear=False) and time.monotonic() < deadline:
            time.sleep(0.02)
    assert "25%" in console.export_text()

"""Batch throughput: files per minute with 2 local workers vs 1 on the same folder (target ratio >= 1.7 on 2 cores),
and the peak memory of one worker (model + decoding + one clip's landmarks).

Run: python benchmarks/bench_batch.py [--clips 8] [--frames 45]. The clips are cut from sample_videos/ with PyAV so
the benchmark needs nothing else; wall times include starting the workers (spawn, import, model load).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "batch"))

from batch_clips import SAMPLES, cut_clip

from coach.analysis import Settings
from coach.batch import run_batch
from coach.batch.record import RECORD_FILE


def make_clips(folder: Path, n: int, frames: int) -> None:
    """n clips of `frames` frames, alternating the two bundled samples and their start frames."""
    sources = [("pose2sim_balance_cam04.mp4", 0, 480), ("two_people_walk_and_jump_sports2d.mp4", 30, 640)]
    for i in range(n):
        src, start, side = sources[i % 2]
        cut_clip(SAMPLES / src, folder / f"clip_{i:02d}.mp4", start + (i // 2) % 3 * 5, frames, side)


def children_cpu_s() -> float:
    """CPU seconds (user + system) used so far by finished child processes (the workers)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed_run(folder: Path, workers: int) -> tuple[float, float, float]:
    """(wall seconds, max worker peak RSS MB, CPU cores the workers kept busy on average) of one fresh batch."""
    with tempfile.TemporaryDirectory(prefix="coach-bench-out-") as out:
        cpu0, t0 = children_cpu_s(), time.perf_counter()
        report = run_batch(folder, Settings(), out, workers=workers)
        wall = time.perf_counter() - t0
        assert report.ok == report.total, f"{report.errors} files failed"
        rss = max(json.loads(p.read_text())["worker_peak_rss_mb"] for p in Path(out).rglob(RECORD_FILE))
    return wall, rss, (children_cpu_s() - cpu0) / wall


def main() -> None:
    """Print files/min for 1 and 2 workers, their ratio and the memory per worker."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clips", type=int, default=8)
    ap.add_argument("--frames", type=int, default=45)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="coach-bench-clips-") as tmp:
        folder = Path(tmp)
        make_clips(folder, args.clips, args.frames)
        results = {w: timed_run(folder, w) for w in (1, 2)}
    rate = {w: args.clips / wall * 60 for w, (wall, _, _) in results.items()}
    for w, (wall, rss, cores) in results.items():
        print(
            f"{w} worker{'s' if w > 1 else ''}: {args.clips} clips x {args.frames} frames in {wall:.1f} s = "
            f"{rate[w]:.1f} files/min; peak memory per worker {rss:.0f} MB; workers kept {cores:.2f} cores busy"
        )
    print(
        f"throughput ratio 2 workers / 1 worker: {rate[2] / rate[1]:.2f}x (target >= 1.7x on 2 free cores; "
        f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )


if __name__ == "__main__":
    main()

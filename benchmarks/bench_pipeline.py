"""coach's speed against the bare pose model, measured in one run on the same clips.

The reference is MediaPipe's own PoseLandmarker used as its documentation shows (VIDEO mode, the shipped model, one
pose, every frame of the clip pre-decoded by PyAV at its own size, so decoding is not counted): coach is compared with
what a user of the bare library would get, not with its own wrapper. Then `analyze_video` (decoding, pose, tracking,
cleaning, angles, the task's analysis) and the same plus every output, with the seconds of each output. Each run is
its own process (benchmarks/measure.py: peak memory per run); the runs of a clip are interleaved and repeated, and the
median of each is used, so a busy machine slows all of them alike. Ratios are throughputs relative to the bare model:
1.0x = as fast. Goals (issue 18): analysis >= 0.9x, every output >= 0.6x; a 50-60 fps clip, where coach estimates
every second frame (every fourth of a held position), >= 1.5x. coach asks the upright picture for two poses
(MediaPipe's person detector then runs on every frame: more accurate on the labelled corpus, see coach/pose.py), so the
ratio against the bare model asked for two poses is printed too: the rest is coach's own cost.

    python benchmarks/bench_pipeline.py [CLIP ...] [--task TASK] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_long import looped
from measure import MODES, Run, measure

ROOT = Path(__file__).resolve().parent.parent
_BALANCE = ROOT / "sample_videos" / "pose2sim_balance_cam04.mp4"
#: The bundled clips, each with a task it is run as and the seconds it is looped to (None: as it is): a 30 fps walk
#: and jump under `auto` (every frame posed), and a 60 fps balance clip as the single-leg stance test it is (a hold:
#: posed every fourth frame, see coach.analysis.HOLD_POSE_RATE_HZ) and under `auto`, the
#: command's default (posed as the task it finds: the same frames, plus the probes for a person lying down), looped
#: to 10 s (its 1.7 s alone are mostly the models' loading).
SAMPLES: tuple[tuple[Path, str, float | None], ...] = (
    (ROOT / "sample_videos" / "two_people_walk_and_jump_sports2d.mp4", "auto", None),
    (_BALANCE, "single-leg-stance", 10.0),
    (_BALANCE, "auto", 10.0),
)


def median_run(runs: list[Run]) -> Run:
    """The run of median duration."""
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def report(clip: Path, task: str, runs: dict[str, Run]) -> list[str]:
    """Lines for one clip: throughputs, ratios against the bare model with their goals, memory, where time goes."""
    bare, bare_two, analysis, outputs = runs["bare"], runs["bare_two"], runs["analysis"], runs["outputs"]
    fast = analysis.estimated < analysis.frames
    goal = 1.5 if fast else 0.9
    lines = [
        f"{clip.name}, task {task} ({bare.frames} frames, a person found by the bare model in {bare.found}; coach "
        f"estimated {analysis.estimated}, found the followed person in {analysis.found}, {analysis.passes} model "
        f"calls = {analysis.passes / max(analysis.estimated, 1):.2f} per estimated frame)",
        f"  bare model {bare.fps:.1f} fps | coach analysis {analysis.fps:.1f} fps = "
        f"{bare.seconds / analysis.seconds:.2f}x (goal >= {goal}x"
        f"{f', 1 frame in {analysis.frames / analysis.estimated:.0f} posed' if fast else ''}) | with every output "
        f"{outputs.fps:.1f} fps = {bare.seconds / outputs.seconds:.2f}x (goal >= 0.6x)",
        f"  bare model asked for two poses, as coach asks: {bare_two.fps:.1f} fps; coach analysis against it "
        f"{bare_two.seconds / analysis.seconds:.2f}x",
        f"  peak memory: bare {bare.rss_mb:.0f} MB (holds every decoded frame), coach analysis "
        f"{analysis.rss_mb:.0f} MB, with outputs {outputs.rss_mb:.0f} MB",
    ]
    spent = sorted(outputs.writers_s.items(), key=lambda kv: -kv[1])
    lines.append(
        "  outputs: " + ", ".join(f"{name} {s:.1f} s" for name, s in spent) + f" (analysis {analysis.seconds:.1f} s)"
    )
    return lines


def help_seconds() -> float:
    """Wall seconds of `coach --help` in a fresh process (the best of three)."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "coach", "--help"],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("clips", nargs="*", type=Path, help="clips to run [default: the bundled SAMPLES]")
    ap.add_argument("--task", default="auto", help="the task of every clip given [default: auto]")
    ap.add_argument("--repeat", type=int, default=1, help="interleaved runs of each mode; the median is reported")
    args = ap.parse_args()
    print(
        "speed relative to the bare MediaPipe PoseLandmarker on the same frames (1.0x = as fast; "
        f"load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for clip, task, seconds in [(c, args.task, None) for c in args.clips] or SAMPLES:
            played = looped(clip, seconds, Path(tmp) / f"{clip.stem}_{seconds:.0f}s.mp4") if seconds else clip
            runs: dict[str, list[Run]] = {m: [] for m in MODES}
            for _ in range(args.repeat):
                for mode in MODES:
                    runs[mode].append(measure(mode, played, task))
            for line in report(played, task, {m: median_run(r) for m, r in runs.items()}):
                print(line)
    print(f"command line: coach --help in {help_seconds():.2f} s (goal < 1 s)")
    print(f"load average at the end {os.getloadavg()[0]:.1f} (above {os.cpu_count()}: figures taken under load)")


if __name__ == "__main__":
    main()

"""Per-frame cost of the exercise analysers (rep engine + set-up check, and `auto` running all three) relative to
the pose pipeline's time per frame. Run: python benchmarks/bench_exercises.py [CLIP]

Uses a synthetic march when no clip is given (and then times the pose model on rendered-free frames is impossible,
so the pose time is measured on the first 60 frames of CLIP, or of the bundled sample clip)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from coach.exercises import ANALYSERS
from coach.kinematics.angles import compute_angles
from coach.pose import PoseConfig, PoseEstimator
from coach.simulate import simulate_march
from coach.video import VideoSource

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_videos" / "two_people_walk_and_jump_sports2d.mp4"


def pose_ms_per_frame(clip: Path, n: int = 60) -> float:
    """Mean time (ms) of MediaPipe pose on the first n frames of a clip (decoding excluded)."""
    frames = []
    for f in VideoSource(clip).frames():
        frames.append(f)
        if len(frames) >= n:
            break
    with PoseEstimator(PoseConfig()) as est:
        est.detect(frames[0])
        t0 = time.perf_counter()
        for f in frames[1:]:
            est.detect(f)
    return (time.perf_counter() - t0) / max(1, len(frames) - 1) * 1e3


def analyser_ms_per_frame(name: str, repeats: int = 3) -> float:
    """Mean time (ms) per frame of one analyser over a synthetic 10-rep march (angles precomputed)."""
    poses, _ = simulate_march(n_reps=10)
    angles = compute_angles(poses)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        ANALYSERS[name](poses, angles)
        best = min(best, time.perf_counter() - t0)
    return best / len(poses) * 1e3


def main() -> None:
    clip = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    pose = pose_ms_per_frame(clip)
    print(f"pose pipeline: {pose:.2f} ms/frame ({clip.name})")
    for name in ("march", "lunge", "slr", "auto"):
        ms = analyser_ms_per_frame(name)
        print(f"{name:6s} {ms:.3f} ms/frame = {100 * ms / pose:.2f}% of pose")


if __name__ == "__main__":
    main()

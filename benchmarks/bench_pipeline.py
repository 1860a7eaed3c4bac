"""coach's speed against the bare pose model, measured in one run on the same clips.

The reference is MediaPipe's own PoseLandmarker used as its documentation shows (VIDEO mode, the shipped model, one
pose, every frame of the clip pre-decoded by PyAV at its own size, so decoding is not counted): coach is compared with
what a user of the bare library would get, not with its own wrapper. Then `analyze_video` (decoding, pose, tracking,
cleaning, angles, the task's analysis) and the same plus every output (frames.csv, summary, tables, report.html,
report.pdf, TRC/MOT, annotated.mp4). Ratios are throughputs relative to the bare model: 1.0x = as fast.

    python benchmarks/bench_pipeline.py [CLIP ...] [--task auto]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import av

from coach.analysis import Settings, analyze_video
from coach.model import model_path
from coach.report.writers import ReviewOptions
from coach.results import save_analysis

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [
    ROOT / "sample_videos" / "two_people_walk_and_jump_sports2d.mp4",
    ROOT / "sample_videos" / "pose2sim_balance_cam04.mp4",
]


def bare_landmarker_s(clip: Path) -> tuple[float, int]:
    """Seconds the bare PoseLandmarker (VIDEO mode) takes over every pre-decoded frame, and the frame count."""
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    with av.open(str(clip)) as c:
        frames = [(f.time, f.to_ndarray(format="rgb24")) for f in c.decode(video=0)]
    opts = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model_path())), running_mode=vision.RunningMode.VIDEO, num_poses=1
    )
    with vision.PoseLandmarker.create_from_options(opts) as lm:
        t0 = time.perf_counter()
        for t, rgb in frames:
            lm.detect_for_video(mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb), int(round(t * 1000)))
        return time.perf_counter() - t0, len(frames)


def coach_s(clip: Path, task: str, outputs: bool) -> float:
    """Seconds of `analyze_video` on the clip, and with `outputs` also of writing every output."""
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        a = analyze_video(clip, Settings(task=task))
        if outputs:
            save_analysis(a, out, ReviewOptions())
        return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("clips", nargs="*", type=Path, default=SAMPLES)
    ap.add_argument("--task", default="auto")
    args = ap.parse_args()
    print("speed relative to the bare MediaPipe PoseLandmarker on the same frames (one run each; 1.0x = as fast)")
    for clip in args.clips:
        bare, n = bare_landmarker_s(clip)
        analysis = coach_s(clip, args.task, outputs=False)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        everything = coach_s(clip, args.task, outputs=True)
        print(
            f"{clip.name} ({n} frames): bare model {n / bare:.1f} fps; coach analysis {n / analysis:.1f} fps = "
            f"{bare / analysis:.2f}x (goal >= 0.9x); with every output {n / everything:.1f} fps = "
            f"{bare / everything:.2f}x (goal >= 0.6x); peak RSS {rss:.0f} MB"
        )


if __name__ == "__main__":
    main()

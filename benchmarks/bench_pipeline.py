"""Pipeline speed as ratios measured in one run on one clip: decode, raw PoseLandmarker on pre-decoded frames, and
the whole `analyze_video` (decode overlapped with inference, cleaning, angles). Also the peak memory growth.

    python benchmarks/bench_pipeline.py [CLIP] [--frames N]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from coach.analysis import Settings, analyze_video
from coach.pose import PoseEstimator
from coach.video import VideoSource

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("clip", nargs="?", default=str(ROOT / "sample_videos" / "two_people_walk_and_jump_sports2d.mp4"))
    args = ap.parse_args()

    t0 = time.perf_counter()
    frames = list(VideoSource(args.clip).frames())
    decode_s = time.perf_counter() - t0
    n = len(frames)

    with PoseEstimator() as est:
        t0 = time.perf_counter()
        for f in frames:
            est.detect(f)
        model_s = time.perf_counter() - t0
    del frames
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    t0 = time.perf_counter()
    analyze_video(args.clip, Settings())
    pipeline_s = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    print(f"clip: {Path(args.clip).name}, {n} frames")
    print(f"decode only:          {n / decode_s:7.1f} fps")
    print(f"raw pose model:       {n / model_s:7.1f} fps (pre-decoded frames, same PoseEstimator settings)")
    print(f"coach analyze:        {n / pipeline_s:7.1f} fps (decode + pose + tracking + cleaning + angles)")
    print(f"ratio pipeline / raw model: {model_s / pipeline_s:.2f}x (target >= 0.9x)")
    print(f"peak RSS growth during analyze: {(rss1 - rss0) / 1024:.0f} MB (frames are streamed, never all held)")


if __name__ == "__main__":
    main()

"""Live pipeline latency: a clip fed at 30 fps (looped) into coach.live.session.LiveSession with the real model, frame
dropping on; prints end-to-end latency (frame handed over -> annotated result ready) median and p95, fps processed,
frames dropped, and the first-minute vs last-minute median (latency must not grow over a session).

    python benchmarks/bench_live.py [--seconds 20] [--fps 30] [--clip PATH] [--exercise march]

Issue 8 target: median < 100 ms at 30 fps input on a 2-core machine, not growing over a 5-minute session
(--seconds 300).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from coach.live.session import LiveConfig, LiveSession
from coach.video import VideoSource

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CLIP = ROOT / "sample_videos" / "two_people_walk_and_jump_sports2d.mp4"


def load_frames(clip: Path, max_side: int, n_max: int = 240) -> list[np.ndarray]:
    """Up to n_max decoded RGB frames of the clip (a webcam-sized picture), kept in memory to feed at a steady rate."""
    frames = []
    for f in VideoSource(clip, max_side).frames():
        frames.append(f.rgb)
        if len(frames) >= n_max:
            break
    return frames


def run(frames: list[np.ndarray], seconds: float, fps: float, exercise: str) -> dict:
    """Feed frames at `fps` for `seconds`; returns every latency (s) with its finish time (s from the start), counts."""
    records: list[tuple[float, float]] = []
    t0 = [float("inf")]
    session = LiveSession(
        LiveConfig(exercise=exercise, target_reps=0),
        on_latency=lambda t, lat: records.append((t - t0[0], lat)) if t >= t0[0] else None,
    )
    period = 1.0 / fps
    try:
        session.on_frame(frames[0])  # the first inference (model warm-up) is kept outside the measurement
        while session.snapshot().stats.processed < 1:
            time.sleep(0.01)
        base = session.snapshot().stats
        t0[0] = start = time.monotonic()
        i = 0
        while time.monotonic() - start < seconds:
            session.on_frame(frames[i % len(frames)])
            i += 1
            time.sleep(max(0.0, start + i * period - time.monotonic()))
        s = session.snapshot().stats
        return {
            "records": list(records),
            "frames_in": s.frames_in - base.frames_in,
            "processed": s.processed - base.processed,
            "dropped": s.dropped - base.dropped,
            "seconds": time.monotonic() - start,
        }
    finally:
        session.close()


def main() -> None:
    """Parse options, run, print the numbers."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=20.0, help="how long to feed frames (default 20; 300 = 5 min)")
    ap.add_argument("--fps", type=float, default=30.0, help="input frame rate (default 30)")
    ap.add_argument("--clip", type=Path, default=DEFAULT_CLIP, help="clip to feed (looped)")
    ap.add_argument("--max-side", type=int, default=640, help="camera picture long side in px (default 640)")
    ap.add_argument("--exercise", default="march", help="exercise analysed (default march)")
    args = ap.parse_args()
    frames = load_frames(args.clip, args.max_side)
    h, w = frames[0].shape[:2]
    r = run(frames, args.seconds, args.fps, args.exercise)
    t = np.array([a for a, _ in r["records"]])
    lat = np.array([b for _, b in r["records"]]) * 1000
    print(f"clip {args.clip.name} {w}x{h}, {args.fps:.0f} fps input for {r['seconds']:.1f} s, exercise {args.exercise}")
    print(
        f"frames in {r['frames_in']}, processed {r['processed']} ({r['processed'] / r['seconds']:.1f} fps), "
        f"dropped {r['dropped']} ({r['dropped'] / max(1, r['frames_in']):.0%})"
    )
    print(
        f"end-to-end latency: median {np.median(lat):.1f} ms, p95 {np.percentile(lat, 95):.1f} ms, "
        f"max {lat.max():.1f} ms"
    )
    span = min(60.0, r["seconds"] / 3)
    first, last = lat[t < span], lat[t > r["seconds"] - span]
    print(
        f"median latency first {span:.0f} s: {np.median(first):.1f} ms; last {span:.0f} s: {np.median(last):.1f} ms "
        f"(growth {np.median(last) - np.median(first):+.1f} ms)"
    )


if __name__ == "__main__":
    main()

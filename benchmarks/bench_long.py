"""Cost linear in clip length, memory flat: coach analysis of a clip and of the same clip ten times as long.

The long clips are made here with ffmpeg by looping a bundled sample (stream copy, timestamps continuing), so the
benchmark needs nothing else; each run is its own process (benchmarks/measure.py) and the two lengths alternate.
Prints the time ratio (goal: about 10x for 10x the frames) and the peak memory of each (goal: the same, but for the
landmarks a clip keeps: about 2 kB a frame).

    python benchmarks/bench_long.py [--seconds 6] [--times 10] [--clip PATH] [--repeat 1]
    (issue 18 measured --seconds 60: a 1-minute against a 10-minute clip)
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import tempfile
from pathlib import Path

from measure import Run, measure

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CLIP = ROOT / "sample_videos" / "pose2sim_balance_cam04.mp4"


def looped(clip: Path, seconds: float, out: Path) -> Path:
    """The clip played back to back until it lasts `seconds` (whole loops, stream copy), written to `out`."""
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(clip)],
        capture_output=True,
        text=True,
        check=True,
    )
    loops = max(1, math.ceil(seconds / float(probe.stdout.strip())))
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-stream_loop", str(loops - 1), "-i", str(clip), "-an", "-c", "copy", str(out)],
        check=True,
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=6.0, help="length of the short clip")
    ap.add_argument("--times", type=int, default=10, help="how many times longer the long clip is")
    ap.add_argument("--clip", type=Path, default=DEFAULT_CLIP)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="coach-bench-long-") as tmp:
        short = looped(args.clip, args.seconds, Path(tmp) / "short.mp4")
        long = looped(args.clip, args.seconds * args.times, Path(tmp) / "long.mp4")
        runs: dict[str, list[Run]] = {"short": [], "long": []}
        for _ in range(args.repeat):
            for name, clip in (("short", short), ("long", long)):
                runs[name].append(measure("analysis", clip, "auto"))
    s, lg = (min(runs[k], key=lambda r: r.seconds) for k in ("short", "long"))
    print(
        f"clip length: {args.clip.name} looped to {s.frames} and {lg.frames} frames ({lg.frames / s.frames:.1f}x; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    print(
        f"  time {s.seconds:.1f} s and {lg.seconds:.1f} s = {lg.seconds / s.seconds:.1f}x (goal: about "
        f"{lg.frames / s.frames:.0f}x); {s.fps:.1f} and {lg.fps:.1f} frames a second"
    )
    grown = (lg.rss_mb - s.rss_mb) * 1024 / max(lg.estimated - s.estimated, 1)
    print(
        f"  peak memory {s.rss_mb:.0f} MB and {lg.rss_mb:.0f} MB = {lg.rss_mb / s.rss_mb:.2f}x (goal: the same but for "
        f"the landmarks; {grown:.1f} kB more per estimated frame)"
    )


if __name__ == "__main__":
    main()

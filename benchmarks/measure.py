"""Measure one pose run in a fresh process: its own timing of the work (imports excluded, as they are paid once per
process: MediaPipe's alone takes 2 s, matplotlib with it; building the landmarkers included, for both) and the
process's peak memory, so runs do not pollute each other's RSS (a bare run holds every decoded frame).

Modes (what the child process times):
- bare: MediaPipe's PoseLandmarker as its documentation shows it (VIDEO mode, the shipped model, one pose) on every
  frame of the clip, the frames decoded by PyAV at the clip's own size beforehand and packed (decoding not counted;
  mp.Image ignores numpy strides, and PyAV pads rows: the Sports2D sample's 1768 px rows are 5328 bytes, not 5304,
  and given as decoded the model sees a sheared picture with nobody in it, which is faster and wrong);
- analysis: coach.analysis.analyze_video (decoding, pose, tracking, cleaning, angles, the task's analysis);
- outputs: the same, then every output (frames.csv, summary, tables, report.html, report.pdf, TRC/MOT,
  annotated.mp4), each writer timed on its own.

    python benchmarks/measure.py MODE CLIP [--task auto]    (prints one JSON line; used by the other benchmarks)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Poses the bare landmarker is asked for, by mode.
BARE_POSES = {"bare": 1, "bare_two": 2}
MODES = (*BARE_POSES, "analysis", "outputs")


@dataclass(frozen=True)
class Run:
    """One measured run: seconds of work, frames in the clip, frames the model was given by coach (the bare run: all
    of them), model calls, frames with a person found, peak RSS (MB) of the process, and seconds per output writer."""

    seconds: float
    frames: int
    estimated: int
    passes: int
    found: int
    rss_mb: float
    writers_s: dict[str, float] = field(default_factory=dict)

    @property
    def fps(self) -> float:
        """Clip frames handled per second of work."""
        return self.frames / self.seconds


def measure(mode: str, clip: Path, task: str = "auto") -> Run:
    """Run `mode` on `clip` in a child process (same interpreter, this checkout first on the path)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    with tempfile.TemporaryFile() as out, open(os.devnull, "wb") as devnull:
        p = subprocess.Popen(
            [sys.executable, __file__, mode, str(clip), "--task", task], stdout=out, stderr=devnull, env=env
        )
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode:
            raise RuntimeError(f"{mode} run on {clip.name} failed with exit code {p.returncode}")
        out.seek(0)
        result = json.loads(out.read().decode().strip().splitlines()[-1])
    return Run(**result, rss_mb=usage.ru_maxrss / 1024)


def _bare(clip: Path, num_poses: int) -> dict:
    """The bare landmarker asked for `num_poses` over every pre-decoded frame."""
    import av
    import mediapipe as mp
    import numpy as np
    from mediapipe.tasks.python import BaseOptions, vision

    from coach.model import model_path

    with av.open(str(clip)) as c:
        frames = [(f.time, np.ascontiguousarray(f.to_ndarray(format="rgb24"))) for f in c.decode(video=0)]
    opts = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(model_path())),
        running_mode=vision.RunningMode.VIDEO,
        num_poses=num_poses,
    )
    found = 0
    t0 = time.perf_counter()
    with vision.PoseLandmarker.create_from_options(opts) as lm:
        for t, rgb in frames:
            result = lm.detect_for_video(mp.Image(image_format=mp.ImageFormat.SRGB, data=rgb), int(round(t * 1000)))
            found += bool(result.pose_landmarks)
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "frames": len(frames), "estimated": len(frames), "passes": len(frames), "found": found}


def _count_model_calls() -> list[int]:
    """Count every PoseLandmarker call of this process, whichever pose stage makes them (MediaPipe's own method is
    wrapped: the count does not rest on coach's bookkeeping); the count is the list's one item."""
    from mediapipe.tasks.python import vision

    calls = [0]
    original = vision.PoseLandmarker.detect_for_video
    lock = threading.Lock()  # the turned pictures are posed on other threads

    def counted(self, *args, **kwargs):
        with lock:
            calls[0] += 1
        return original(self, *args, **kwargs)

    vision.PoseLandmarker.detect_for_video = counted
    return calls


def _coach(clip: Path, task: str, outputs: bool) -> dict:
    """analyze_video, and with `outputs` every writer of save_analysis, timed."""
    import mediapipe  # noqa: F401  imported before the clock starts, as in the bare run (coach imports it lazily)
    from mediapipe.tasks.python import vision  # noqa: F401

    from coach.analysis import Settings, analyze_video
    from coach.outputs.analysis import analysis_writers
    from coach.outputs.commit import commit_outputs
    from coach.outputs.review import ReviewOptions
    from coach.pose import PoseEstimator

    calls = _count_model_calls()
    settings = Settings(task=task)
    t0 = time.perf_counter()
    with PoseEstimator(settings.pose_config) as est:
        a = analyze_video(clip, settings, estimator=est)
    passes = calls[0]
    writers_s: dict[str, float] = {}
    if outputs:

        def timed(w):
            def run(folder: Path) -> None:
                t = time.perf_counter()
                w(folder)
                writers_s[w.__name__] = writers_s.get(w.__name__, 0.0) + time.perf_counter() - t

            return run

        with tempfile.TemporaryDirectory() as out:
            commit_outputs(out, [timed(w) for w in analysis_writers(a, ReviewOptions())])
    return {
        "seconds": time.perf_counter() - t0,
        "frames": a.info.n_frames,
        "estimated": len(a.raw),
        "passes": passes,
        "found": int(a.raw.found.sum()),
        "writers_s": writers_s,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=MODES)
    ap.add_argument("clip", type=Path)
    ap.add_argument("--task", default="auto")
    args = ap.parse_args()
    if args.mode in BARE_POSES:
        result = _bare(args.clip, BARE_POSES[args.mode])
    else:
        result = _coach(args.clip, args.task, args.mode == "outputs")
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Batch test folders: short real clips cut from the redistributable sample_videos/ with PyAV, plus broken files
made here (0-byte, text named .mp4, truncated copy, audio-only)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"
#: name in the test folder -> (sample clip, first frame, frames, long side px). Short, so the suite stays fast.
GOOD = {
    "a_balance.mp4": ("pose2sim_balance_cam04.mp4", 0, 16, 480),
    "sub/b_walk.mov": ("two_people_walk_and_jump_sports2d.mp4", 30, 16, 640),
    "sub/deeper/c_balance_no_ending": ("pose2sim_balance_cam04.mp4", 50, 16, 480),
}
#: broken files -> a word their error message must contain
BAD = {
    "empty.mp4": "empty",
    "notes_named.mp4": "not a video",
    "truncated.mp4": "incomplete",
    "sub/audio_only.mp4": "audio only",
}


def cut_clip(src: Path, dst: Path, start: int, n_frames: int, max_side: int, fps: int = 30) -> None:
    """Re-encode frames [start, start + n_frames) of src as H.264 (long side max_side) with clean timestamps."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(src)) as inp, av.open(str(dst), "w", format="mp4") as out:
        s = inp.streams.video[0]
        f = max_side / max(s.width, s.height)
        w, h = int(s.width * f) // 2 * 2, int(s.height * f) // 2 * 2
        o = out.add_stream("libx264", rate=fps)
        o.width, o.height, o.pix_fmt = w, h, "yuv420p"
        o.time_base = Fraction(1, fps)
        for i, frame in enumerate(inp.decode(s)):
            if i >= start + n_frames:
                break
            if i >= start:
                vf = frame.reformat(width=w, height=h, format="yuv420p")
                vf.pts, vf.time_base = i - start, Fraction(1, fps)
                out.mux(o.encode(vf))
        out.mux(o.encode())


def write_audio_only(dst: Path, seconds: float = 0.5, rate: int = 44100) -> None:
    """An MP4 holding only an AAC audio track of silence (a phone voice memo saved as .mp4)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(dst), "w", format="mp4") as out:
        s = out.add_stream("aac", rate=rate)
        for i in range(int(seconds * rate / 1024)):
            frame = av.AudioFrame.from_ndarray(np.zeros((1, 1024), np.float32), format="fltp", layout="mono")
            frame.sample_rate, frame.pts = rate, i * 1024
            out.mux(s.encode(frame))
        out.mux(s.encode())


def make_folder(root: Path) -> Path:
    """The batch test folder: GOOD clips, BAD files and a note that is not a video (passed over)."""
    for name, (src, start, n, side) in GOOD.items():
        cut_clip(SAMPLES / src, root / name, start, n, side)
    (root / "empty.mp4").write_bytes(b"")
    (root / "notes_named.mp4").write_text("this is a text file with a video name\n")
    data = (root / "a_balance.mp4").read_bytes()
    (root / "truncated.mp4").write_bytes(data[: len(data) // 2])
    write_audio_only(root / "sub" / "audio_only.mp4")
    (root / "README.txt").write_text("clips of the week\n")
    return root

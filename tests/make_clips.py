"""Make small test videos with PyAV: synthetic pictures, re-encoded crops, audio-only and
damaged files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import av
import numpy as np

from coach.video import VideoSink, VideoSource


def write_synthetic(path: Path, n: int = 30, size: tuple[int, int] = (320, 240), fps: float = 30.0) -> Path:
    """A clip of moving colour gradients (no person)."""
    w, h = size
    x = np.linspace(0, 255, w, dtype=np.float32)[None, :]
    y = np.linspace(0, 255, h, dtype=np.float32)[:, None]
    with VideoSink(path, w, h, fps) as sink:
        for i in range(n):
            rgb = np.stack([(x + 5 * i) % 256 + 0 * y, (y + 3 * i) % 256 + 0 * x, np.full((h, w), 128.0)], -1)
            sink.write(rgb.astype(np.uint8), i / fps)
    return path


def write_transformed(
    src: Path, dst: Path, fn: Callable[[np.ndarray], np.ndarray], max_frames: int | None = None
) -> Path:
    """Re-encode a clip with each upright frame passed through fn (crop, pad, resize...), keeping timestamps."""
    source = VideoSource(src, max_side=None)
    frames = source.frames()
    first = next(frames)
    img = fn(first.rgb)
    with VideoSink(dst, img.shape[1], img.shape[0], source.info.fps) as sink:
        sink.write(img, first.t_s)
        for k, f in enumerate(frames, start=1):
            if max_frames and k >= max_frames:
                break
            sink.write(fn(f.rgb), f.t_s)
    return dst


def write_audio_only(path: Path, seconds: float = 1.0) -> Path:
    """An MP4 holding only an AAC tone."""
    rate = 44100
    with av.open(str(path), "w") as c:
        s = c.add_stream("aac", rate=rate)
        t = np.arange(int(rate * seconds)) / rate
        tone = (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
        for k in range(0, len(tone), 1024):
            chunk = tone[k : k + 1024]
            frame = av.AudioFrame.from_ndarray(chunk[None, :], format="fltp", layout="mono")
            frame.sample_rate = rate
            frame.pts = k
            for p in s.encode(frame):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    return path


def truncate(src: Path, dst: Path, fraction: float) -> Path:
    """Copy the first `fraction` of a file's bytes (an interrupted download)."""
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * fraction)])
    return dst


def remux(src: Path, dst: Path, index_first: bool) -> Path:
    """Copy a clip's video packets into a new MP4 without re-encoding, its index (`moov`) before the pictures
    (`+faststart`, as web exports do) or after them (as cameras write)."""
    with (
        av.open(str(src)) as inp,
        av.open(str(dst), "w", format="mp4", options={"movflags": "+faststart"} if index_first else {}) as out,
    ):
        stream = out.add_stream_from_template(inp.streams.video[0])
        for packet in inp.demux(inp.streams.video[0]):
            if packet.dts is not None:  # the demuxer's final empty packet
                packet.stream = stream
                out.mux(packet)
    return dst

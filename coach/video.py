"""Video in and out with PyAV: upright RGB frames with container timestamps (s), downscaled once for inference.

`open_video(path)` checks a file and returns a `VideoSource` (facts + frame iterator); `iter_frames(source)` accepts a
path, a webcam index or any iterable of frames, so the live and offline paths share everything downstream.
"""

from __future__ import annotations

import logging
import queue
import struct
import threading
from collections.abc import Iterable, Iterator
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from coach.types import Frame, VideoInfo

log = logging.getLogger(__name__)

#: Frames are downscaled so the long side is at most this many pixels before inference (BlazePose works at 256 px).
DEFAULT_MAX_SIDE = 960
#: Boxes an MP4/MOV file starts with (ISO/IEC 14496-12 `ftyp`; QuickTime files may open with `wide`, `free`, `skip`,
#: `pnot` or straight with `mdat`): only such files are checked for a missing index.
MP4_FIRST_BOXES = frozenset({b"ftyp", b"wide", b"free", b"skip", b"pnot", b"mdat"})


class VideoError(ValueError):
    """A video cannot be read; the message says what is wrong and what to do."""


def _scaled_size(width: int, height: int, max_side: int | None) -> tuple[int, int]:
    """Even-sized (w, h) whose long side is at most max_side, keeping the aspect ratio."""
    if not max_side or max(width, height) <= max_side:
        return width - width % 2, height - height % 2
    s = max_side / max(width, height)
    return max(2, round(width * s / 2) * 2), max(2, round(height * s / 2) * 2)


def pose_stride(fps: float, max_rate_hz: float | None) -> int:
    """Every how many decoded frames one is kept so frames come at about `max_rate_hz` a second or more (1: every
    frame; also when the rate is not capped or the frame rate unknown): 60 fps -> 2, 50 -> 2 (25 a second), 40 -> 1."""
    if not max_rate_hz or fps <= 0:
        return 1
    return max(1, round(fps / max_rate_hz))


class VideoSource:
    """A video file opened for reading: `info` (upright size, fps, duration) and `frames()` (upright RGB, seconds).

    With `max_rate_hz` a clip filmed faster keeps every `stride`-th decoded frame (pose_stride; the others are decoded,
    as the codec needs, but not converted or yielded); a kept frame's index counts kept frames and its time is still
    its own timestamp. After iteration, `decoded` counts the frames read and `error` holds the reason decoding stopped
    early (if it did).
    """

    def __init__(
        self, path: str | Path, max_side: int | None = DEFAULT_MAX_SIDE, max_rate_hz: float | None = None
    ) -> None:
        self.path = Path(path)
        self.max_side = max_side
        self.decoded = 0
        self.error: str | None = None
        self.info = probe(self.path)
        self.stride = pose_stride(self.info.fps, max_rate_hz)
        w, h = (
            (self.info.height, self.info.width) if self.info.rotation_deg % 180 else (self.info.width, self.info.height)
        )
        # size of the stored (pre-rotation) picture after downscaling
        self.stored_size = _scaled_size(w, h, max_side)

    @property
    def scale(self) -> float:
        """Pixels of the inference frame per pixel of the upright source frame."""
        long_stored = max(self.stored_size)
        return long_stored / max(self.info.width, self.info.height)

    def frames(self) -> Iterator[Frame]:
        """Decode frames in order; timestamps are container seconds from the first frame."""
        t0: float | None = None
        last_t = -np.inf
        try:
            with av.open(str(self.path)) as container:
                stream = container.streams.video[0]
                stream.thread_type = "AUTO"
                fps = float(stream.average_rate or stream.guessed_rate or 30)
                w, h = self.stored_size
                for i, vf in enumerate(container.decode(stream)):
                    t = vf.time if vf.time is not None else i / fps
                    if t0 is None:
                        t0 = t
                    t -= t0
                    if t <= last_t:  # duplicate or out-of-order timestamps: keep time strictly increasing
                        t = last_t + 1e-3
                    last_t = t
                    self.decoded += 1
                    if i % self.stride:
                        continue
                    rgb = upright(vf.reformat(width=w, height=h, format="rgb24").to_ndarray(), self.info)
                    yield Frame(i // self.stride, float(t), rgb)
        except (av.error.FFmpegError, OSError) as e:  # truncated or damaged stream: keep what decoded
            self.error = f"decoding stopped after {self.decoded} frames: {e}"
            log.warning("%s: %s", self.path, self.error)


def probe(path: str | Path) -> VideoInfo:
    """Read a file's video facts, or raise VideoError with a one-line reason and what to do."""
    p = Path(path)
    if not p.exists():
        raise VideoError(f"{p}: no such file; check the path")
    if p.is_dir():
        raise VideoError(f"{p}: is a folder, not a video; use `coach batch` for folders")
    if p.stat().st_size == 0:
        raise VideoError(f"{p}: the file is empty (0 bytes); copy or export the video again")
    try:
        container = av.open(str(p))
    except (av.error.FFmpegError, OSError, UnicodeDecodeError) as e:
        if mp4_index_missing(p):
            raise VideoError(
                f"{p}: the file is incomplete (cut off while copying?): it stops before its index, the "
                "part of an MP4 written last that says where each frame is; copy or export the clip "
                "again"
            ) from e
        raise VideoError(f"{p}: not a video file coach can read; use an MP4, MOV, AVI, MKV or WebM video") from e
    with container:
        if not container.streams.video:
            kind = "audio only" if container.streams.audio else "no video stream"
            raise VideoError(f"{p}: the file has {kind}; choose a file with a picture")
        s = container.streams.video[0]
        if not s.width or not s.height:
            raise VideoError(f"{p}: the video stream has no picture size; the file is damaged, export it again")
        rotation, mirrored = _display_transform(container, s)
        fps = float(s.average_rate or s.guessed_rate or 0)
        if s.duration and s.time_base:
            duration, n = float(s.duration * s.time_base), s.frames
        elif container.duration:
            duration, n = container.duration / av.time_base, s.frames
        else:  # a WebM a browser recorded (MediaRecorder) says neither its length nor its frame count
            duration, n = packet_extent(container, s)
            fps = fps or (n / duration if duration > 0 else 0.0)
        fps = fps or 30.0
        n = n or round(duration * fps)
        w, h = (s.height, s.width) if rotation % 180 else (s.width, s.height)
        return VideoInfo(str(p), int(w), int(h), fps, float(duration), int(n), rotation, s.codec_context.name, mirrored)


def packet_extent(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> tuple[float, int]:
    """(seconds, frames) of a video stream read from its packets' times without decoding them: first frame's start to
    last frame's end (the last frame lasting as long as the mean frame when the file gives no packet durations), and
    the packet count. (0.0, frames seen) when the packets carry no times or the file breaks off unreadably."""
    first, last, gaps, n = None, None, 0, 0
    try:
        for pkt in container.demux(stream):
            if pkt.pts is None:  # the empty packet that ends the stream
                continue
            n += 1
            end = pkt.pts + (pkt.duration or 0)
            gaps += not pkt.duration
            first = pkt.pts if first is None else min(first, pkt.pts)
            last = end if last is None else max(last, end)
    except av.error.FFmpegError:
        pass
    if first is None or last is None or not stream.time_base or n < 2:
        return 0.0, n
    span = float((last - first) * stream.time_base)
    return (span * n / (n - 1) if gaps == n else span), n


def mp4_index_missing(path: Path) -> bool:
    """True for an MP4/MOV (ISO BMFF boxes from the start) whose top-level boxes hold no index (`moov`): a copy or
    download cut off before the index that a camera writes after the pictures."""
    size = path.stat().st_size
    pos, boxes = 0, 0
    with path.open("rb") as f:
        while pos + 8 <= size:
            f.seek(pos)
            head = f.read(16)
            box_size, kind = struct.unpack(">I4s", head[:8])
            if kind == b"moov" or (boxes == 0 and kind not in MP4_FIRST_BOXES):
                return False
            if box_size == 1 and len(head) == 16:  # 64-bit size follows the type
                box_size = struct.unpack(">Q", head[8:])[0]
            elif box_size == 0:  # the box runs to the end of the file
                box_size = size - pos
            if box_size < 8:
                return False  # not a box structure
            pos, boxes = pos + box_size, boxes + 1
    return boxes > 0


def _display_transform(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> tuple[int, bool]:
    """How players show the stored picture, read from the first frame's display matrix as ffmpeg's auto-rotation
    reads it: (rotation_deg, mirrored). rotation_deg is the matrix's counter-clockwise turn as libavutil's
    av_display_rotation_get computes it (ffprobe's `rotation`, PyAV's frame.rotation) modulo 360: an iPhone
    portrait clip says -90, i.e. 270 deg counter-clockwise (90 clockwise). mirrored: the matrix also flips the
    picture (negative determinant, as front cameras and editors may write), which ffmpeg >= 6 applies and a turn
    alone cannot express."""
    try:
        frame = next(container.decode(stream))
    except (StopIteration, av.error.FFmpegError):
        raise VideoError(
            f"{container.name}: no frame could be decoded; the file is damaged or empty, export it again"
        ) from None
    container.seek(0)
    matrix = frame.side_data.get("DISPLAYMATRIX")
    if matrix is None:
        return 0, False
    # 3x3 row-major, 16.16 fixed point. PyAV's stubs type side_data as holding motion vectors only (a TypedDict, so
    # `matrix` reads as object); at run time it maps each kind to its SideData, a buffer.
    a, b, _, c, d = np.frombuffer(bytes(matrix), np.int32)[:5].astype(float)  # type: ignore[call-overload]
    turn = -np.degrees(np.arctan2(b / (np.hypot(b, d) or 1.0), a / (np.hypot(a, c) or 1.0)))
    return int(round(turn / 90) * 90) % 360, bool(a * d - b * c < 0)


def upright(rgb: np.ndarray, info: VideoInfo) -> np.ndarray:
    """A stored picture (H, W, 3) as players show it: flipped top to bottom first when the display matrix mirrors
    it, then turned rotation_deg counter-clockwise. For every mirrored matrix this is ffmpeg's choice of transpose,
    hflip and vflip (fftools: a matrix reading 180 deg that flips x is shown with hflip alone)."""
    if info.mirrored:
        rgb = rgb[::-1]
    k = info.rotation_deg // 90 % 4
    if k:
        rgb = np.rot90(rgb, k=k)
    return np.ascontiguousarray(rgb) if k or info.mirrored else rgb


def iter_frames(
    source: str | Path | int | Iterable, max_side: int | None = DEFAULT_MAX_SIDE, fps: float = 30.0
) -> Iterator[Frame]:
    """Frames from a file path, a webcam index (OpenCV) or an iterable of Frame / RGB arrays / (t_s, rgb) pairs."""
    if isinstance(source, (str, Path)):
        yield from VideoSource(source, max_side).frames()
    elif isinstance(source, int):
        yield from _webcam_frames(source)
    else:
        for i, item in enumerate(source):
            if isinstance(item, Frame):
                yield item
            elif isinstance(item, tuple):
                yield Frame(i, float(item[0]), np.asarray(item[1]))
            else:
                yield Frame(i, i / fps, np.asarray(item))


def _webcam_frames(index: int) -> Iterator[Frame]:
    """Frames from a local camera with wall-clock timestamps; stops with VideoError if the camera disappears."""
    import time

    import cv2  # mediapipe's OpenCV; imported here so nothing happens at import time

    cap = cv2.VideoCapture(index)
    if not cap.isOpened():
        raise VideoError(f"camera {index} could not be opened; check it is connected and not used by another program")
    t0 = time.monotonic()
    i = 0
    try:
        while True:
            ok, bgr = cap.read()
            if not ok:
                raise VideoError(
                    f"camera {index} stopped sending pictures after {i} frames; reconnect it and start again"
                )
            yield Frame(i, time.monotonic() - t0, bgr[:, :, ::-1].copy())
            i += 1
    finally:
        cap.release()


def prefetch(frames: Iterator[Frame], depth: int = 4) -> Iterator[Frame]:
    """Decode in a background thread (bounded queue) so decoding overlaps inference; re-raises the decoder's errors."""
    q: queue.Queue = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def work() -> None:
        try:
            for f in frames:
                while not stop.is_set():
                    try:
                        q.put(f, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            q.put(done)
        except BaseException as e:  # handed to the consumer, raised there
            q.put(e)

    t = threading.Thread(target=work, daemon=True, name="coach-decode")
    t.start()
    try:
        while True:
            item = q.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        t.join(timeout=2)


class VideoSink:
    """Write RGB frames to an H.264 MP4 (yuv420p, faststart) that browsers play inline; timestamps kept in seconds."""

    def __init__(self, path: str | Path, width: int, height: int, fps: float = 30.0, crf: int = 23) -> None:
        self.path = Path(path)
        self.width, self.height = width - width % 2, height - height % 2
        self._container = av.open(str(self.path), mode="w", options={"movflags": "+faststart"})
        self._tb = Fraction(1, 90000)
        rate = Fraction(fps).limit_denominator(1001) if fps > 0 else Fraction(30)
        self._stream = self._container.add_stream("libx264", rate=rate, options={"crf": str(crf), "preset": "veryfast"})
        self._stream.width, self._stream.height = self.width, self.height
        self._stream.pix_fmt = "yuv420p"
        self._stream.time_base = self._tb
        self._stream.codec_context.time_base = self._tb  # keep real (variable) frame times, not 1/fps slots
        self._last_pts = -1

    def write(self, rgb: np.ndarray, t_s: float) -> None:
        """Encode one RGB frame shown at t_s seconds."""
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb[: self.height, : self.width]), format="rgb24")
        pts = max(int(round(t_s / self._tb)), self._last_pts + 1)
        frame.pts, frame.time_base = pts, self._tb
        self._last_pts = pts
        for packet in self._stream.encode(frame):
            self._container.mux(packet)

    def close(self) -> None:
        """Flush the encoder and close the file."""
        for packet in self._stream.encode():
            self._container.mux(packet)
        self._container.close()

    def __enter__(self) -> VideoSink:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

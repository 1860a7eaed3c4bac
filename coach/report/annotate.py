"""The annotated video: decode the clip a second time, map each frame to the analysis by time, draw, encode H.264.

The overlay state of a frame (angles, rep and step counts, event marks, cue) is computed here from a ReportData;
coach.draw only draws it. The video has the frames the analysis posed, with their own timestamps: every frame of the
clip, or every second frame of a 60 fps clip posed at 30 a second (summary.json's video.pose_stride), so every
skeleton is drawn on the picture it was measured on and no frame shows a skeleton from its neighbour. Audio is dropped.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from coach.draw import OverlayState, annotate, default_annotators
from coach.landmarks import N_LANDMARKS, SIDES
from coach.report.data import HEEL_STRIKE, TOE_OFF, ReportData, or_nan
from coach.video import VideoSink, VideoSource, prefetch

#: How long (s) an event mark stays on screen, and a fault cue after its rep ends.
MARK_S = 0.25
CUE_S = 3.0
_KIND_LABEL = {HEEL_STRIKE: "heel strike", TOE_OFF: "toe off"}


class OverlayTimeline:
    """Overlay states of a clip by time: counts, marks and cues looked up with sorted arrays (bounded per frame)."""

    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.names = data.angles.names()
        reps = sorted(data.reps(), key=lambda r: or_nan(r.end_s))
        self._rep_end = {s: np.array([or_nan(r.end_s) for r in reps if r.side == s]) for s in SIDES}
        cues = [(or_nan(r.end_s), next((f.cue for f in r.faults if f.cue), "")) for r in reps]
        self._cues = [(end, cue) for end, cue in cues if cue]
        events = data.events()
        self._hs = {s: np.array([e.t_s for e in events if e.side == s and e.kind == HEEL_STRIKE]) for s in SIDES}
        self._events = events
        self._counting = "reps" if reps else "steps" if events else ""
        seq = data.drawn
        self._t = seq.t_s if seq is not None else data.angles.t_s

    def index(self, t_s: float) -> int | None:
        """The analysis frame shown at t_s (nearest in time, within half a frame), or None."""
        if not len(self._t):
            return None
        i = int(np.clip(np.searchsorted(self._t, t_s), 1, len(self._t) - 1)) if len(self._t) > 1 else 0
        if i > 0 and abs(self._t[i - 1] - t_s) <= abs(self._t[i] - t_s):
            i -= 1
        half = 0.5 * float(np.median(np.diff(self._t))) if len(self._t) > 1 else np.inf
        return i if abs(self._t[i] - t_s) <= half + 1e-6 else None

    def state(self, t_s: float, scale: float = 1.0) -> OverlayState:
        """The overlay at clip time t_s; landmark pixels multiplied by `scale` (video size / analysis size)."""
        i = self.index(t_s)
        xy, vis = _landmarks(self.data, i)
        angles = {n: float(self.data.angles.values[n][i]) for n in self.names} if i is not None else {}
        conf = {n: float(self.data.angles.conf[n][i]) for n in self.names} if i is not None else {}
        reps = {s: int(np.sum(self._rep_end[s] <= t_s)) for s in SIDES} if self._counting == "reps" else {}
        steps = {s: int(np.sum(self._hs[s] <= t_s)) for s in SIDES} if self._counting == "steps" else {}
        marks = tuple(
            f"{_KIND_LABEL.get(e.kind, e.kind)} {e.side[0].upper()}" for e in self._events if 0 <= t_s - e.t_s < MARK_S
        )
        cue = next((c for end, c in reversed(self._cues) if 0 <= t_s - end < CUE_S), "")
        return OverlayState(t_s, xy * scale, vis, angles, conf, reps, steps, marks, cue)


def _landmarks(data: ReportData, i: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Landmarks (33, 2) and visibility (33,) of analysis frame i: the cleaned positions, the raw ones where
    cleaning dropped a point, and MediaPipe's own visibility (so unsure points are drawn faint)."""
    nan = np.full((N_LANDMARKS, 2), np.nan), np.zeros(N_LANDMARKS)
    clean = data.drawn
    if i is None or clean is None:
        return nan
    raw = data.raw if data.raw is not None else clean
    xy = np.where(np.isfinite(clean.xy_px[i]), clean.xy_px[i], raw.xy_px[i])
    return xy, np.nan_to_num(raw.visibility[i])


def analysed_frames(source: str | Path, data: ReportData) -> VideoSource:
    """The clip opened as the analysis read it: at its picture size and with the frames it posed (every frame, or
    every pose_stride-th), so what is drawn on a frame was measured on that frame."""
    seq = data.drawn
    max_side = max(seq.width, seq.height) if seq is not None and seq.width else None
    video = data.summary.video
    stride = video.pose_stride or 1
    # the rate that gives the analysis's stride again (coach.video.pose_stride(fps, fps / n) == n)
    return VideoSource(source, max_side, max_rate_hz=video.fps / stride if stride > 1 else None)


def write_annotated_video(
    source: str | Path,
    data: ReportData,
    out_path: str | Path,
    blur_face: bool = False,
) -> int:
    """Draw the analysis on the frames it posed and write an H.264 MP4 at the analysis resolution; returns frames
    written."""
    seq = data.drawn
    src = analysed_frames(source, data)
    annotators = default_annotators(blur_face)
    timeline = OverlayTimeline(data)
    w, h = src.stored_size if src.info.rotation_deg % 180 == 0 else src.stored_size[::-1]
    scale = w / seq.width if seq is not None and seq.width else 1.0
    n = 0
    with VideoSink(out_path, w, h, fps=src.info.fps / src.stride) as sink:
        for frame in prefetch(src.frames()):  # decoding overlaps drawing and encoding
            sink.write(annotate(frame.rgb, timeline.state(frame.t_s, scale), annotators), frame.t_s)
            n += 1
    return n

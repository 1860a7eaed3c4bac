"""Annotators that draw an overlay on one RGB frame, for the annotated video and the live webcam page alike.

Annotators draw, never compute: every number they show arrives in an `OverlayState` built elsewhere (offline from an
analysis, live from the running analysers). They are small classes with `annotate(frame_rgb, state) -> frame_rgb`,
composed as a list (`annotate(frame, state, annotators)`), drawing in place with OpenCV (mediapipe's build) so a
frame costs a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from coach.landmarks import EDGES, LEG, NAMES, SIDES

#: Colours (RGB) per side, shared with the plots so a curve and its limb match.
SIDE_RGB: dict[str, tuple[int, int, int]] = {"left": (0, 160, 255), "right": (255, 110, 40)}
CENTRE_RGB = (235, 235, 235)
#: A landmark at or above this visibility is drawn solid; below it faint; below FAINT_MIN not at all.
SURE_MIN = 0.8
FAINT_MIN = 0.3
#: Opacity of the faint layer (landmarks MediaPipe is unsure of).
FAINT_ALPHA = 0.35
#: Landmarks 0-10 are the face (nose, eyes, ears, mouth).
FACE = tuple(range(11))


@dataclass(frozen=True)
class OverlayState:
    """What one frame's overlay shows. xy_px (33, 2) in the frame's pixels and visibility (33,) (NaN/0 = unseen);
    angles/conf by name (deg, [0, 1]) as in kinematics.ANGLES; reps per side ({} when not counting);
    `steps` per side for gait; `marks` short event labels shown now (e.g. 'heel strike L'); `cue` one coaching line."""

    t_s: float
    xy_px: np.ndarray
    visibility: np.ndarray
    angles: dict[str, float] = field(default_factory=dict)
    conf: dict[str, float] = field(default_factory=dict)
    reps: dict[str, int] = field(default_factory=dict)
    steps: dict[str, int] = field(default_factory=dict)
    marks: tuple[str, ...] = ()
    cue: str = ""


def _scale(frame: np.ndarray) -> float:
    """Drawing scale: 1.0 when the short side of the frame is 720 px."""
    return max(0.4, min(frame.shape[0], frame.shape[1]) / 720.0)


def _pt(xy: np.ndarray) -> tuple[int, int]:
    """A point as integer pixel coordinates for OpenCV."""
    return int(round(float(xy[0]))), int(round(float(xy[1])))


def _ok(xy: np.ndarray, vis: np.ndarray, i: int, min_vis: float) -> bool:
    """True when landmark i has a position and at least min_vis visibility."""
    return bool(np.isfinite(xy[i]).all() and vis[i] >= min_vis)


def _text_box(size: float) -> tuple[int, int, int]:
    """(text height above the baseline, depth below it, box padding) in px of overlay text at OpenCV font scale
    `size`; the padding grows with the text, so boxes one line apart never overlap at any picture size."""
    import cv2

    (_, h), base = cv2.getTextSize("Lg", cv2.FONT_HERSHEY_SIMPLEX, size, max(1, int(round(2 * size))))
    return h, base, max(1, int(round(3 * size)))


def _text(
    frame: np.ndarray, text: str, org: tuple[int, int], size: float, rgb: tuple[int, int, int], box: bool = True
) -> None:
    """Text with a dark box behind it so it reads on any background."""
    import cv2

    font, th = cv2.FONT_HERSHEY_SIMPLEX, max(1, int(round(2 * size)))
    (w, h), base = cv2.getTextSize(text, font, size, th)
    pad = _text_box(size)[2]
    x, y = org
    if box:
        cv2.rectangle(frame, (x - pad, y - h - pad), (x + w + pad, y + base + pad), (20, 20, 20), -1)
    cv2.putText(frame, text, (x, y), font, size, rgb, th, cv2.LINE_AA)


class FaceBlurAnnotator:
    """Blurs the face (box around landmarks 0-10, enlarged) for privacy when a clip is shared; draws first."""

    def __init__(self, margin: float = 0.8) -> None:
        self.margin = margin

    def annotate(self, frame: np.ndarray, state: OverlayState) -> np.ndarray:
        import cv2

        face = state.xy_px[list(FACE)]
        face = face[np.isfinite(face).all(axis=1)]
        if len(face) < 2:
            return frame
        lo, hi = face.min(axis=0), face.max(axis=0)
        half = max(float((hi - lo).max()) * (0.5 + self.margin), 12.0)
        cx, cy = (lo + hi) / 2
        h, w = frame.shape[:2]
        x0, x1 = max(0, int(cx - half)), min(w, int(cx + half))
        y0, y1 = max(0, int(cy - half)), min(h, int(cy + half))
        if x1 - x0 < 2 or y1 - y0 < 2:
            return frame
        roi = frame[y0:y1, x0:x1]
        small = cv2.resize(roi, (max(1, (x1 - x0) // 12), max(1, (y1 - y0) // 12)), interpolation=cv2.INTER_AREA)
        frame[y0:y1, x0:x1] = cv2.GaussianBlur(
            cv2.resize(small, (x1 - x0, y1 - y0), interpolation=cv2.INTER_LINEAR), (0, 0), 3
        )
        return frame


def _limb_rgb(a: int, b: int) -> tuple[int, int, int]:
    """Colour of an edge: its side's colour when both ends are on one side, else neutral."""
    for side in SIDES:
        if NAMES[a].startswith(side) and NAMES[b].startswith(side):
            return SIDE_RGB[side]
    return CENTRE_RGB


class SkeletonAnnotator:
    """Skeleton edges and joints; solid where MediaPipe is sure (visibility >= SURE_MIN), faint where unsure."""

    def __init__(self, thickness: float = 3.0) -> None:
        self.thickness = thickness
        self._rgb = [_limb_rgb(a, b) for a, b in EDGES]

    def annotate(self, frame: np.ndarray, state: OverlayState) -> np.ndarray:
        import cv2

        xy, vis = state.xy_px, np.nan_to_num(state.visibility)
        s = _scale(frame)
        t, r = max(1, int(self.thickness * s)), max(2, int(4 * s))
        faint = None
        for (a, b), rgb in zip(EDGES, self._rgb):
            if not (_ok(xy, vis, a, FAINT_MIN) and _ok(xy, vis, b, FAINT_MIN)):
                continue
            sure = min(vis[a], vis[b]) >= SURE_MIN
            if not sure and faint is None:
                faint = frame.copy()
            cv2.line(frame if sure or faint is None else faint, _pt(xy[a]), _pt(xy[b]), rgb, t, cv2.LINE_AA)
        for i in {i for e in EDGES for i in e}:
            if not _ok(xy, vis, i, FAINT_MIN):
                continue
            if vis[i] < SURE_MIN and faint is None:
                faint = frame.copy()
            cv2.circle(
                frame if vis[i] >= SURE_MIN or faint is None else faint, _pt(xy[i]), r, (255, 255, 255), -1, cv2.LINE_AA
            )
        if faint is not None:
            cv2.addWeighted(faint, FAINT_ALPHA, frame, 1 - FAINT_ALPHA, 0, dst=frame)
        return frame


def _direction_deg(v: np.ndarray) -> float:
    """Image-frame direction (deg, OpenCV's convention: clockwise from +x because y points down)."""
    return float(np.degrees(np.arctan2(v[1], v[0])))


class AngleArcAnnotator:
    """Arcs with values at the hips (trunk line to thigh) and knees (thigh line to shank), per side.

    The arc spans the geometric angle in the picture; the number is the analysis value (which may come from the
    3D landmarks in a front view). Angles whose confidence is below `min_conf` are not drawn.
    """

    def __init__(self, min_conf: float = 0.3, joints: tuple[str, ...] = ("hip", "knee")) -> None:
        self.min_conf = min_conf
        self.joints = joints

    def annotate(self, frame: np.ndarray, state: OverlayState) -> np.ndarray:
        import cv2

        xy, vis = state.xy_px, np.nan_to_num(state.visibility)
        s = _scale(frame)
        radius = max(10, int(32 * s))
        for side in SIDES:
            j = LEG[side]
            for joint, (a, b, c) in (
                ("hip", (j["shoulder"], j["hip"], j["knee"])),
                ("knee", (j["hip"], j["knee"], j["ankle"])),
            ):
                name = f"{joint}_flex_{side}"
                value, conf = state.angles.get(name, np.nan), state.conf.get(name, 0.0)
                if joint not in self.joints or not np.isfinite(value) or conf < self.min_conf:
                    continue
                if not all(_ok(xy, vis, i, FAINT_MIN) for i in (a, b, c)):
                    continue
                start = _direction_deg(xy[b] - xy[a])  # the proximal segment continued through the joint
                end = _direction_deg(xy[c] - xy[b])
                sweep = (end - start + 180.0) % 360.0 - 180.0
                centre = _pt(xy[b])
                cv2.ellipse(
                    frame,
                    centre,
                    (radius, radius),
                    0.0,
                    start,
                    start + sweep,
                    SIDE_RGB[side],
                    max(1, int(3 * s)),
                    cv2.LINE_AA,
                )
                offset = np.array([radius + 6 * s, 0.0]) * (1 if xy[c][0] >= xy[a][0] else -1)
                org = _pt(xy[b] + offset + np.array([0.0, 8 * s]))
                _text(frame, f"{value:.0f}", org, 0.6 * s, SIDE_RGB[side])
        return frame


#: Text lines the top-left corner holds: a counter per side and two event marks; the cue goes on the line after.
TOP_LINES = 4
#: Font scale of the counters at drawing scale 1, the largest text of the top-left block (marks 0.8, cue 0.9).
COUNTER_SIZE = 1.0
#: Gap (px) between the text boxes of two lines, and between the first box and the picture's top edge.
LINE_GAP_PX = 2


def _line_y(frame: np.ndarray, line: int) -> int:
    """Baseline (px) of text line `line` (0 first) of the top-left block: lines a counter's text box apart, the first
    box inside the picture, so no line covers another or is cut by the top edge at any picture size."""
    h, base, pad = _text_box(COUNTER_SIZE * _scale(frame))
    return LINE_GAP_PX + pad + h + line * (h + base + 2 * pad + LINE_GAP_PX)


class RepCounterAnnotator:
    """Rep counts per side (exercises) or step counts per side (gait) top-left, with event marks below them."""

    def annotate(self, frame: np.ndarray, state: OverlayState) -> np.ndarray:
        s = _scale(frame)
        x, line = int(12 * s), 0
        for label, counts in (("reps", state.reps), ("steps", state.steps)):
            for side in SIDES:
                if side in counts:
                    text = f"{side[0].upper()} {label}: {counts[side]}"
                    _text(frame, text, (x, _line_y(frame, line)), COUNTER_SIZE * s, SIDE_RGB[side])
                    line += 1
        for mark in state.marks:
            rgb = SIDE_RGB["left" if mark.endswith(" L") else "right" if mark.endswith(" R") else "left"]
            _text(frame, mark, (x, _line_y(frame, line)), 0.8 * s, rgb)
            line += 1
        return frame


class CueAnnotator:
    """The current coaching cue in a banner under the counters, in the upper part of the picture: a video player
    lays its controls over the bottom."""

    def annotate(self, frame: np.ndarray, state: OverlayState) -> np.ndarray:
        if state.cue:
            s = _scale(frame)
            _text(frame, state.cue, (int(12 * s), _line_y(frame, TOP_LINES)), 0.9 * s, (255, 230, 90))
        return frame


class TimeAnnotator:
    """The clip time (s) in the top-right corner."""

    def annotate(self, frame: np.ndarray, state: OverlayState) -> np.ndarray:
        import cv2

        s = _scale(frame)
        text = f"{state.t_s:6.2f} s"
        (w, _), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, 0.8 * s, max(1, int(round(1.6 * s))))
        _text(frame, text, (frame.shape[1] - w - int(14 * s), int(36 * s)), 0.8 * s, (255, 255, 255))
        return frame


def default_annotators(blur_face: bool = False) -> list:
    """The standard overlay: optional face blur first, then skeleton, angle arcs, counters, cue and time."""
    base = [SkeletonAnnotator(), AngleArcAnnotator(), RepCounterAnnotator(), CueAnnotator(), TimeAnnotator()]
    return ([FaceBlurAnnotator()] if blur_face else []) + base


def annotate(frame_rgb: np.ndarray, state: OverlayState, annotators: list) -> np.ndarray:
    """Run the annotators in order on a writable copy of the frame and return it."""
    out = np.array(frame_rgb, dtype=np.uint8, copy=True, order="C")
    for a in annotators:
        out = a.annotate(out, state)
    return out

"""Edits of the video (a cut, a zoom) and switches to another person, seen as a jump of the hips in the picture between
two frames: what was learned of the body before the jump (its resting levels, which way it faces, the view) says
nothing about the picture after it."""

from __future__ import annotations

import math

import numpy as np

from coach.config import landmark_trust
from coach.landmarks import LEFT_HIP, LEFT_SHOULDER, RIGHT_HIP, RIGHT_SHOULDER

#: The hips moving further than this (trunk lengths) from one frame to the next is a jump of the picture, not of the
#: person: an edit of the video (a cut, a zoom) or another person followed. Exercises are done in place; even a lunge
#: step or a brisk walk moves the hips ~0.2-0.4 trunk lengths between frames at 8 fps.
CUT_JUMP_TRUNKS = 0.75
#: Landmarks below this visibility are unseen ([landmarks] of coach/config/defaults.toml).
MIN_VISIBILITY = landmark_trust().min_visibility

Trunk = tuple[float, float, float]


def hips_and_trunk_px(xy_px: np.ndarray, visibility: np.ndarray) -> Trunk | None:
    """Mid-hip position (x, y px) and trunk length (mid-hip to mid-shoulder, px) of one frame's (33, 2) landmarks, None
    when a shoulder or hip is unseen: where the body is in the picture and how big."""
    idx = (LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_HIP, RIGHT_HIP)
    pts = [(float(xy_px[i, 0]), float(xy_px[i, 1])) for i in idx]
    if any(visibility[i] < MIN_VISIBILITY for i in idx) or not all(map(math.isfinite, sum(pts, ()))):
        return None
    hx, hy = 0.5 * (pts[2][0] + pts[3][0]), 0.5 * (pts[2][1] + pts[3][1])
    size = math.hypot(0.5 * (pts[0][0] + pts[1][0]) - hx, 0.5 * (pts[0][1] + pts[1][1]) - hy)
    return (hx, hy, size) if size > 0 else None


def picture_jumped(before: Trunk, after: Trunk) -> bool:
    """True when the hips moved more than CUT_JUMP_TRUNKS trunk lengths between two frames (hips_and_trunk_px of
    each)."""
    size = min(before[2], after[2])
    return math.hypot(after[0] - before[0], after[1] - before[1]) > CUT_JUMP_TRUNKS * size


class CutDetector:
    """Frame by frame: is this frame's body a jump away from where it was last seen (bounded state)?"""

    def __init__(self) -> None:
        self._last: Trunk | None = None

    def update(self, trunk: Trunk | None) -> bool:
        """True when `trunk` (hips_and_trunk_px; None: unseen, which changes nothing) jumped from the last one seen."""
        if trunk is None:
            return False
        jumped = self._last is not None and picture_jumped(self._last, trunk)
        self._last = trunk
        return jumped


def picture_cuts(xy_px: np.ndarray, visibility: np.ndarray) -> np.ndarray:
    """(T,) True on the frames of a sequence ((T, 33, 2) landmarks) whose body jumped from where it was last seen."""
    detector = CutDetector()
    return np.array([detector.update(hips_and_trunk_px(xy, vis)) for xy, vis in zip(xy_px, visibility)], bool)

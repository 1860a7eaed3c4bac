"""Edits of the video (a cut, a zoom) and switches to another person, seen as a jump of the hips in the picture between
two frames: what was learned of the body before the jump (its resting levels, which way it faces, the view) says
nothing about the picture after it."""

from __future__ import annotations

import math

import numpy as np

from coach.kinematics.trunk import TrunkPx, trunk_px

#: The hips moving further than this (trunk lengths) from one frame to the next is a jump of the picture, not of the
#: person: an edit of the video (a cut, a zoom) or another person followed. Exercises are done in place; even a lunge
#: step or a brisk walk moves the hips ~0.2-0.4 trunk lengths between frames at 8 fps.
CUT_JUMP_TRUNKS = 0.75


def picture_jumped(before: TrunkPx, after: TrunkPx) -> bool:
    """True when the hips moved more than CUT_JUMP_TRUNKS trunk lengths between two frames."""
    size = min(before.length, after.length)
    return math.hypot(after.hip_x - before.hip_x, after.hip_y - before.hip_y) > CUT_JUMP_TRUNKS * size


class CutDetector:
    """Frame by frame: is this frame's body a jump away from where it was last seen (bounded state)?"""

    def __init__(self) -> None:
        self._last: TrunkPx | None = None

    def update(self, trunk: TrunkPx | None) -> bool:
        """True when `trunk` (trunk_px; None: unseen, which changes nothing) jumped from the last one seen."""
        if trunk is None:
            return False
        jumped = self._last is not None and picture_jumped(self._last, trunk)
        self._last = trunk
        return jumped


def picture_cuts(xy_px: np.ndarray, visibility: np.ndarray) -> np.ndarray:
    """(T,) True on the frames of a sequence ((T, 33, 2) landmarks) whose body jumped from where it was last seen."""
    detector = CutDetector()
    return np.array([detector.update(trunk_px(xy, vis)) for xy, vis in zip(xy_px, visibility)], bool)

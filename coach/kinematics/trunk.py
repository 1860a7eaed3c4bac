"""The trunk in the picture, one frame at a time: where the hips are, how long the trunk is and how far it leans from
the picture's vertical. The cut detector, the exercise rules and the assessments read the same four landmarks."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from coach.config import landmark_trust
from coach.landmarks import LEFT_HIP, LEFT_SHOULDER, RIGHT_HIP, RIGHT_SHOULDER

#: Both shoulders then both hips (a list: it indexes landmark arrays).
TRUNK = [LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_HIP, RIGHT_HIP]
#: Landmarks below this visibility are unseen ([landmarks] of coach/config/defaults.toml).
MIN_VISIBILITY = landmark_trust().min_visibility


@dataclass(frozen=True, slots=True)
class TrunkPx:
    """One frame's trunk in the picture (px, y down): the mid-hip and the mid-hip -> mid-shoulder vector."""

    hip_x: float
    hip_y: float
    dx: float
    dy: float

    @property
    def length(self) -> float:
        """Mid-hip to mid-shoulder (px): the body's size in the picture."""
        return math.hypot(self.dx, self.dy)

    @property
    def tilt_deg(self) -> float:
        """Unsigned lean (deg) from the picture's vertical: ~0 upright, ~90 lying."""
        return math.degrees(math.atan2(abs(self.dx), -self.dy))


def trunk_px(xy_px: np.ndarray, visibility: np.ndarray) -> TrunkPx | None:
    """The trunk of one frame's (33, 2) landmarks, None when a shoulder or hip is unseen (or both coincide)."""
    if any(visibility[i] < MIN_VISIBILITY for i in TRUNK):
        return None
    ls, rs, lh, rh = ((float(xy_px[i, 0]), float(xy_px[i, 1])) for i in TRUNK)
    hx, hy = 0.5 * (lh[0] + rh[0]), 0.5 * (lh[1] + rh[1])
    dx, dy = 0.5 * (ls[0] + rs[0]) - hx, 0.5 * (ls[1] + rs[1]) - hy
    if not all(map(math.isfinite, (hx, hy, dx, dy))) or not (dx or dy):
        return None
    return TrunkPx(hx, hy, dx, dy)


def tilt_image_deg(xy_px: np.ndarray, visibility: np.ndarray) -> np.ndarray:
    """(T,) TrunkPx.tilt_deg of a sequence's (T, 33, 2) landmarks, NaN where the trunk is unseen."""
    trunks = (trunk_px(xy, vis) for xy, vis in zip(xy_px, visibility))
    return np.array([t.tilt_deg if t is not None else math.nan for t in trunks], float)

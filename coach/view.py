"""Camera view (side / front / oblique) and body orientation from landmarks, per frame and smoothed causally.

View: the shoulder and hip widths relative to the torso length are small when the person is seen edge-on (side view)
and large when seen face-on (DESIGN.md section 3). Orientation: the nose (relative to the ears) and the toes (relative
to the heels) point to the person's front; its side relative to the trunk line gives the sign of sagittal angles,
for a person standing (facing image-left or image-right) or lying on the back alike.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from coach.geometry import y_up
from coach.landmarks import (LEFT_EAR, LEFT_FOOT, LEFT_HEEL, LEFT_HIP, LEFT_SHOULDER, NOSE, RIGHT_EAR, RIGHT_FOOT,
                             RIGHT_HEEL, RIGHT_HIP, RIGHT_SHOULDER)

VIEWS = ("side", "oblique", "front")
#: width/torso ratio below which the view is side-on, and above which it is face-on (checked on the labelled clips)
SIDE_MAX_RATIO = 0.45
FRONT_MIN_RATIO = 0.75


def width_ratio(xy_px: np.ndarray) -> np.ndarray:
    """(T,) mean of shoulder width and hip width over torso length, from image landmarks (T, 33, 2)."""
    sh = np.linalg.norm(xy_px[:, LEFT_SHOULDER] - xy_px[:, RIGHT_SHOULDER], axis=-1)
    hp = np.linalg.norm(xy_px[:, LEFT_HIP] - xy_px[:, RIGHT_HIP], axis=-1)
    torso = np.linalg.norm(xy_px[:, [LEFT_SHOULDER, RIGHT_SHOULDER]].mean(1) - xy_px[:, [LEFT_HIP, RIGHT_HIP]].mean(1),
                           axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return 0.5 * (sh + hp) / torso


def classify_view(ratio: np.ndarray) -> np.ndarray:
    """(T,) view codes from width ratios: 'side', 'oblique', 'front', or '' where unknown."""
    out = np.full(ratio.shape, "", dtype="<U8")
    ok = np.isfinite(ratio)
    out[ok & (ratio < SIDE_MAX_RATIO)] = "side"
    out[ok & (ratio >= SIDE_MAX_RATIO) & (ratio <= FRONT_MIN_RATIO)] = "oblique"
    out[ok & (ratio > FRONT_MIN_RATIO)] = "front"
    return out


def anterior_px(xy_px: np.ndarray, vis: np.ndarray) -> np.ndarray:
    """(T, 2) unit y-up vector toward the person's front: nose minus mid-ear plus toes minus heels, visibility-weighted."""
    p = y_up(xy_px)
    head = p[:, NOSE] - p[:, [LEFT_EAR, RIGHT_EAR]].mean(1)
    head /= np.linalg.norm(head, axis=-1, keepdims=True) + 1e-9
    w_head = np.minimum(vis[:, NOSE], vis[:, [LEFT_EAR, RIGHT_EAR]].max(1))[:, None]
    vec = np.nan_to_num(head) * w_head
    for heel, toe in ((LEFT_HEEL, LEFT_FOOT), (RIGHT_HEEL, RIGHT_FOOT)):
        foot = p[:, toe] - p[:, heel]
        foot /= np.linalg.norm(foot, axis=-1, keepdims=True) + 1e-9
        vec += np.nan_to_num(foot) * np.minimum(vis[:, heel], vis[:, toe])[:, None]
    return vec


def orientation_raw(xy_px: np.ndarray, vis: np.ndarray) -> np.ndarray:
    """(T,) evidence in [-1, 1] that the front is counter-clockwise (+) from the downward trunk line in a y-up frame.

    +1 for a person standing and facing image-right, or lying on the back with the head to the image-left.
    """
    p = y_up(xy_px)
    down = p[:, [LEFT_HIP, RIGHT_HIP]].mean(1) - p[:, [LEFT_SHOULDER, RIGHT_SHOULDER]].mean(1)
    down /= np.linalg.norm(down, axis=-1, keepdims=True) + 1e-9
    a = anterior_px(xy_px, vis)
    cross = down[:, 0] * a[:, 1] - down[:, 1] * a[:, 0]
    return np.clip(np.nan_to_num(cross), -1.0, 1.0)


class BodyFrameTracker:
    """Causal smoothing of orientation sign and view over the last `window_s` seconds (bounded state).

    The same object serves the live path frame by frame and the offline path over a whole sequence.
    """

    def __init__(self, window_s: float = 1.0) -> None:
        self.window_s = window_s
        self._orient: deque[tuple[float, float]] = deque()
        self._ratio: deque[tuple[float, float]] = deque()
        self.orientation = 0.0

    def update(self, t_s: float, orient_evidence: float, ratio: float) -> tuple[float, str]:
        """Add one frame's evidence; returns (orientation sign +1/-1/0, view code)."""
        for q, v in ((self._orient, orient_evidence), (self._ratio, ratio)):
            if np.isfinite(v) and (q is self._ratio or v != 0):
                q.append((t_s, v))
            while q and t_s - q[0][0] > self.window_s:
                q.popleft()
        total = sum(v for _, v in self._orient)
        if abs(total) > 0.2 or not self._orient:  # keep the previous sign while the evidence is weak
            self.orientation = float(np.sign(total)) if self._orient else self.orientation
        ratios = [v for _, v in self._ratio]
        view = classify_view(np.array([np.median(ratios)]))[0] if ratios else ""
        return self.orientation, str(view)


def smooth_orientation_and_view(t_s: np.ndarray, xy_px: np.ndarray, vis: np.ndarray,
                                window_s: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Run BodyFrameTracker over a whole sequence: (T,) orientation signs and (T,) view codes."""
    ev, ratio = orientation_raw(xy_px, vis), width_ratio(xy_px)
    tracker = BodyFrameTracker(window_s)
    out = [tracker.update(float(t), float(e), float(r)) for t, e, r in zip(t_s, ev, ratio)]
    return np.array([o for o, _ in out]), np.array([v for _, v in out], dtype="<U8")


def facing_image_direction(xy_px: np.ndarray, vis: np.ndarray) -> np.ndarray:
    """(T,) +1 when the person's front points to image-right, -1 to image-left (0 when unknown)."""
    return np.sign(anterior_px(xy_px, vis)[:, 0])

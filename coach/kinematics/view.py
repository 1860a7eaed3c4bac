"""Camera view (side / front / oblique) and body orientation from landmarks, per frame and smoothed causally.

View: how far the hip and shoulder lines turn out of the picture plane (their yaw, from MediaPipe's world landmarks):
near 90 deg when the person is seen edge-on (side view), near 0 when face-on. On the labelled clips the yaw separates
the views far better than DESIGN.md's 2D width/torso ratio (front clips 2-11 deg, side clips 66-89 deg, a three-quarter
"side" lunge 41-58 deg; the 2D ratio of that lunge, 0.33-0.44, overlaps front clips, 0.49-0.70). Orientation: the nose
(relative to the ears) and the toes (relative to the heels) point to the person's front; its side relative to the trunk
line gives the sign of sagittal angles, for a person standing (facing image-left or image-right) or lying on the back
alike.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from coach.kinematics.geometry import y_up
from coach.kinematics.picture_cuts import picture_cuts
from coach.landmarks import (
    LEFT_EAR,
    LEFT_FOOT,
    LEFT_HEEL,
    LEFT_HIP,
    LEFT_SHOULDER,
    NOSE,
    RIGHT_EAR,
    RIGHT_FOOT,
    RIGHT_HEEL,
    RIGHT_HIP,
    RIGHT_SHOULDER,
)

VIEWS = ("side", "oblique", "front")
#: yaw (deg) of the body out of the picture plane at or above which the view is side-on, and at or below which face-on
SIDE_MIN_YAW_DEG = 40.0
FRONT_MAX_YAW_DEG = 25.0
#: Once a view is given it is kept until the smoothed yaw is this far past the threshold (deg): the yaw of a person
#: exercising in place wanders a few degrees as the trunk turns with each rep, and a view flipping at each pass of a
#: threshold switches the angles between the 2D picture and the 3D landmarks mid-movement (knee flexion read ~20 deg
#: apart on the same frame).
VIEW_HYSTERESIS_DEG = 5.0


def body_yaw_deg(world_m: np.ndarray) -> np.ndarray:
    """(T,) mean yaw (deg, 0 = face-on, 90 = edge-on) of the hip and shoulder lines from world landmarks (T, 33, 3)."""
    yaws = []
    for a, b in ((LEFT_HIP, RIGHT_HIP), (LEFT_SHOULDER, RIGHT_SHOULDER)):
        d = world_m[:, a] - world_m[:, b]
        yaws.append(np.degrees(np.arctan2(np.abs(d[:, 2]), np.abs(d[:, 0]))))
    return 0.5 * (yaws[0] + yaws[1])


def classify_view(yaw_deg: np.ndarray) -> np.ndarray:
    """(T,) view codes from body yaw: 'side', 'oblique', 'front', or '' where unknown."""
    out = np.full(yaw_deg.shape, "", dtype="<U8")
    ok = np.isfinite(yaw_deg)
    out[ok & (yaw_deg >= SIDE_MIN_YAW_DEG)] = "side"
    out[ok & (yaw_deg < SIDE_MIN_YAW_DEG) & (yaw_deg > FRONT_MAX_YAW_DEG)] = "oblique"
    out[ok & (yaw_deg <= FRONT_MAX_YAW_DEG)] = "front"
    return out


def anterior_px(xy_px: np.ndarray, vis: np.ndarray) -> np.ndarray:
    """(T, 2) unit y-up vector to the person's front: nose minus mid-ear plus toes minus heels, visibility-weighted."""
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
    """Causal smoothing of orientation sign and view over the last `window_s` seconds (bounded state), started afresh
    at a picture cut (coach.kinematics.picture_cuts): after an edit of the video the person may face the other way, and
    a second of evidence from before it read the next half second's angles backwards (on a march clip with a hard
    cut, after which the person faced the other way: two knee lifts read as 100 deg of hip extension, and not seen).

    The same object serves the live path frame by frame and the offline path over a whole sequence.
    """

    def __init__(self, window_s: float = 1.0) -> None:
        self.window_s = window_s
        self._orient: deque[tuple[float, float]] = deque()
        self._yaw: deque[tuple[float, float]] = deque()
        self.orientation = 0.0
        self.view = ""

    def update(self, t_s: float, orient_evidence: float, yaw_deg: float, cut: bool = False) -> tuple[float, str]:
        """Add one frame's evidence (`cut`: the picture jumped just before it); returns (orientation sign +1/-1/0,
        view code)."""
        if cut:
            self._orient.clear()
            self._yaw.clear()
        for q, v in ((self._orient, orient_evidence), (self._yaw, yaw_deg)):
            if np.isfinite(v) and (q is self._yaw or v != 0):
                q.append((t_s, v))
            while q and t_s - q[0][0] > self.window_s:
                q.popleft()
        total = sum(v for _, v in self._orient)
        if abs(total) > 0.2 or not self._orient:  # keep the previous sign while the evidence is weak
            self.orientation = float(np.sign(total)) if self._orient else self.orientation
        if not self._yaw:
            self.view = ""
            return self.orientation, ""
        yaw = float(np.median([v for _, v in self._yaw]))
        band = classify_view(np.array([yaw - VIEW_HYSTERESIS_DEG, yaw, yaw + VIEW_HYSTERESIS_DEG]))
        if self.view not in band:  # keep the view while the yaw is within the band around a threshold
            self.view = str(band[1])
        return self.orientation, self.view


def smooth_orientation_and_view(
    t_s: np.ndarray, xy_px: np.ndarray, world_m: np.ndarray, vis: np.ndarray, window_s: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Run BodyFrameTracker over a whole sequence: (T,) orientation signs and (T,) view codes."""
    ev, yaw, cuts = orientation_raw(xy_px, vis), body_yaw_deg(world_m), picture_cuts(xy_px, vis)
    tracker = BodyFrameTracker(window_s)
    out = [tracker.update(float(t), float(e), float(y), bool(c)) for t, e, y, c in zip(t_s, ev, yaw, cuts)]
    return np.array([o for o, _ in out]), np.array([v for _, v in out], dtype="<U8")


def faces_camera(xy_px: np.ndarray) -> np.ndarray:
    """(T,) True where the person faces the camera, False where they face away from it (or are not seen): facing the
    camera their left hip is on the image's right. Meaningful in a front view (seen from the front or from behind);
    on the labelled clips MediaPipe's estimated depth agrees (nose 9-12 cm nearer the camera than the ears facing it,
    13-16 cm further away from behind)."""
    return xy_px[:, LEFT_HIP, 0] > xy_px[:, RIGHT_HIP, 0]


def facing_image_direction(xy_px: np.ndarray, vis: np.ndarray) -> np.ndarray:
    """(T,) +1 when the person's front points to image-right, -1 to image-left (0 when unknown)."""
    return np.sign(anterior_px(xy_px, vis)[:, 0])

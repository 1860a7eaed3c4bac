"""How the camera moved: where the background sits in each posed frame, so that gait tells a foot at rest on the floor
from a picture that pans to follow a walker or shakes in a hand.

A therapist filming a hallway walk with a phone turns it to keep the patient in view; the floor then moves through
the picture at the walking speed, and a foot standing on it moves as fast as a swinging one. The background is
followed from one posed frame to the next by sparse optical flow (Shi-Tomasi corners tracked by pyramidal
Lucas-Kanade, the recipe of video stabilisation) on a small grey copy of the picture, with every person found masked
out; the median shift of the corners is the camera's when most of them agree with it (on a bare wall or across a cut,
corners "tracked" onto nothing scatter).

A phone turned about its own axis (a pan or a shake) moves near and far background alike; a camera carried alongside
the walker moves the far background less than the floor, which this does not correct. A zoom or a roll of the phone is
not measured (a shift only).
"""

from __future__ import annotations

import numpy as np

#: Long side (px, at most) of the grey copy the background is followed on: 320 px keeps a 1080p pan of a walker
#: (10-20 px a frame at 30 fps) within the tracker's pyramid and costs about a millisecond a frame.
WORK_LONG_SIDE = 320
#: Corners followed per frame, and the fewest whose shift is trusted: fewer are found on a bare wall, in the dark or
#: across a cut, and the camera's motion is then not known for that frame.
MAX_CORNERS = 150
MIN_CORNERS = 12
#: The shift is the camera's when at least AGREE_SHARE of the corners followed moved within AGREE_PX (px of the grey
#: copy) of their median shift: the background moves as one, while corners tracked onto nothing scatter.
AGREE_PX = 0.5
AGREE_SHARE = 0.5
#: Share of a person's landmark box (width and height) added on each side of the mask: hair, clothes and a swinging
#: hand reach past the landmarks.
PERSON_MARGIN = 0.25


class CameraTracker:
    """Follows the background through the posed frames of one clip, one frame at a time (`update`)."""

    def __init__(self) -> None:
        self._grey: np.ndarray | None = None
        self._corners: np.ndarray | None = None
        self._at = np.zeros(2)

    def update(self, rgb: np.ndarray, people_px: list[np.ndarray]) -> np.ndarray:
        """Where the background is in this frame (x, y px) relative to the first frame, from its shift since the last
        one; NaN when that shift could not be measured (too few background corners followed, or they disagree).
        `people_px` are the landmarks (33, 2) of everyone found in this frame or the one before, masked out of the
        background."""
        import cv2  # mediapipe's OpenCV; imported here so nothing happens at import time

        step = max(1, -(-max(rgb.shape[:2]) // WORK_LONG_SIDE))  # every step-th pixel: no filtering, a tenth of a ms
        k = 1.0 / step
        grey = cv2.cvtColor(np.ascontiguousarray(rgb[::step, ::step]), cv2.COLOR_RGB2GRAY)
        shift = np.full(2, np.nan)
        if self._grey is not None and self._corners is not None and len(self._corners) >= MIN_CORNERS:
            moved, status, _ = cv2.calcOpticalFlowPyrLK(
                self._grey, grey, self._corners, None, winSize=(15, 15), maxLevel=2
            )
            d = (moved - self._corners)[status[:, 0] == 1, 0]
            mid = np.median(d, axis=0) if len(d) >= MIN_CORNERS else np.full(2, np.nan)
            agree = np.linalg.norm(d - mid, axis=1) < AGREE_PX
            if agree.sum() >= max(MIN_CORNERS, AGREE_SHARE * len(d)):
                shift = mid / k
        first = self._grey is None
        self._grey = grey
        self._corners = cv2.goodFeaturesToTrack(grey, MAX_CORNERS, 0.01, 5, mask=_background(grey.shape, people_px, k))
        if first:
            return self._at.copy()
        if np.isfinite(shift).all():
            self._at = self._at + shift
            return self._at.copy()
        return np.full(2, np.nan)


def _background(shape: tuple[int, ...], people_px: list[np.ndarray], k: float) -> np.ndarray:
    """uint8 mask of the grey copy: 255 on the background, 0 on every person's landmark box and its margin."""
    mask = np.full(shape[:2], 255, np.uint8)
    for xy in people_px:
        seen = xy[np.isfinite(xy).all(1)] * k
        if not len(seen):
            continue
        lo, hi = seen.min(0), seen.max(0)
        pad = (hi - lo) * PERSON_MARGIN
        x0, y0 = np.floor(np.maximum(lo - pad, 0)).astype(int)
        x1, y1 = np.ceil(hi + pad).astype(int)
        mask[y0 : max(y1, 0) + 1, x0 : max(x1, 0) + 1] = 0
    return mask

"""The walk as a camera held still would have seen it: the landmarks moved back by the camera's measured motion
(coach.camera_motion), so that a foot at rest on the floor is at rest in the picture even when the phone panned to
follow the walker or shook in a hand."""

from __future__ import annotations

import numpy as np

from coach.types import PoseSequence


def steadied(poses: PoseSequence) -> PoseSequence:
    """The poses as a camera held still would have seen them: each frame's landmarks moved by the background's
    offset from the first frame (over a frame whose shift was not measured the camera is taken to have held still).
    Unchanged when the camera's motion was not measured at all (live, synthetic)."""
    cam = poses.camera_px
    ok = np.zeros(0, bool) if cam is None else np.isfinite(cam).all(axis=1)
    if cam is None or not ok.any():
        return poses
    last = np.maximum.accumulate(np.where(ok, np.arange(len(ok)), -1))
    held = cam[np.where(last < 0, int(np.argmax(ok)), last)]
    return poses.replace(xy_px=poses.xy_px - held[:, None, :])

"""Pure vector helpers for joint angles: image points to a y-up frame, signed and unsigned angles in degrees."""

from __future__ import annotations

import numpy as np


def y_up(xy_px: np.ndarray) -> np.ndarray:
    """Image pixels (x right, y down) -> a y-up frame (x right, y up); works on any (..., 2) array."""
    return xy_px * np.array([1.0, -1.0])


def angle_between_deg(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Unsigned angle (deg) between vectors u and v (..., 2 or 3); NaN where either is NaN or zero."""
    nu, nv = np.linalg.norm(u, axis=-1), np.linalg.norm(v, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        c = np.sum(u * v, axis=-1) / (nu * nv)
    return np.degrees(np.arccos(np.clip(c, -1.0, 1.0)))


def signed_angle_deg(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Signed angle (deg) from 2D vector u to v (..., 2), counter-clockwise positive in a y-up frame."""
    cross = u[..., 0] * v[..., 1] - u[..., 1] * v[..., 0]
    dot = np.sum(u * v, axis=-1)
    return np.degrees(np.arctan2(cross, dot))


def joint_angle_deg(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Angle ABC at vertex b (deg, 0..180) for points (..., 2 or 3)."""
    return angle_between_deg(a - b, c - b)


def tilt_from_vertical_deg(v: np.ndarray, forward: np.ndarray | float, up: bool = True) -> np.ndarray:
    """Tilt (deg) of y-up 2D vector v from the vertical (pointing up, or down if up=False), positive toward
    image x = sign(forward) (the direction the person faces)."""
    ref = np.array([0.0, 1.0 if up else -1.0])
    s = signed_angle_deg(np.broadcast_to(ref, v.shape), v)
    # counter-clockwise from up points to -x, from down points to +x
    return np.where(up, -s, s) * np.sign(forward)

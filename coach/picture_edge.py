"""Where the picture ends: a landmark at or past its edge is the pose model's guess at a body part it cannot see (it
extrapolates a cut-off foot below the picture, with visibility scores of 0.5-0.7), not a measurement."""

from __future__ import annotations

import numpy as np

#: Landmarks closer than this share of the picture's long side to its edge count as cut off.
EDGE_MARGIN = 0.01


def margin_px(width: int, height: int) -> float:
    """The edge band of a picture (px) in which a landmark counts as cut off."""
    return EDGE_MARGIN * max(width, height)


def outside_picture(xy_px: np.ndarray, width: int, height: int) -> np.ndarray:
    """(...) True where a known landmark (..., 2) lies at the picture's edge (within margin_px) or past it; False
    where it is inside or unknown."""
    m = margin_px(width, height)
    x, y = xy_px[..., 0], xy_px[..., 1]
    with np.errstate(invalid="ignore"):
        return (x < m) | (x > width - m) | (y < m) | (y > height - m)

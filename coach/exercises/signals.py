"""Per-frame quantities the exercise rules read from one BodySample: angles gated by confidence and a few positions
(knee ahead of the toes, foot height, trunk tilt), each normalised by body size so camera distance does not matter."""

from __future__ import annotations

import math

from coach.config import landmark_trust
from coach.kinematics.trunk import trunk_px
from coach.landmarks import LEG
from coach.types import BodySample

NAN = float("nan")


def angle(sample: BodySample, name: str, min_conf: float = 0.3) -> float:
    """An angle (deg) of the sample, NaN when missing or less trusted than min_conf."""
    v = sample.angles.get(name, NAN)
    return v if sample.conf.get(name, 0.0) >= min_conf and math.isfinite(v) else NAN


#: Landmarks below this visibility are unseen ([landmarks] of coach/config/defaults.toml).
MIN_VISIBILITY = landmark_trust().min_visibility


def _point(sample: BodySample, i: int) -> tuple[float, float] | None:
    """A landmark in a y-up frame (px) as plain floats (cheap per frame), None when unseen (under MIN_VISIBILITY)."""
    x, y = float(sample.xy_px[i, 0]), float(sample.xy_px[i, 1])
    if sample.visibility[i] < MIN_VISIBILITY or not (math.isfinite(x) and math.isfinite(y)):
        return None
    return x, -y


def thigh_px(sample: BodySample, side: str) -> float:
    """Image length (px) of a thigh, NaN when unseen: the unit for position rules."""
    hip, knee = _point(sample, LEG[side]["hip"]), _point(sample, LEG[side]["knee"])
    return math.hypot(knee[0] - hip[0], knee[1] - hip[1]) if hip is not None and knee is not None else NAN


def trunk_tilt_deg(sample: BodySample) -> float:
    """Unsigned tilt (deg) of the mid-hip -> mid-shoulder line from the image vertical: ~0 standing, ~90 lying."""
    trunk = trunk_px(sample.xy_px, sample.visibility)
    return trunk.tilt_deg if trunk is not None else NAN


def knee_ahead_of_toes(sample: BodySample, side: str) -> float:
    """How far (in thigh lengths) the knee is ahead of the toes along the facing direction, side view only.

    Positive = knee past the toes. NaN unless the view is side-on and the facing direction is known."""
    if sample.view != "side" or sample.facing == 0:
        return NAN
    knee, toe = _point(sample, LEG[side]["knee"]), _point(sample, LEG[side]["foot"])
    size = thigh_px(sample, side)
    if knee is None or toe is None or not size > 0:
        return NAN
    return (knee[0] - toe[0]) * sample.facing / size


def foot_height(sample: BodySample, side: str) -> float:
    """Height (thigh lengths) of this leg's ankle above the other leg's ankle in the image: > 0 when the foot is lifted.

    Side view only (NaN otherwise): seen from the front or behind, a foot further from the camera is higher in the
    picture while flat on the floor (the front foot of a lunge filmed from behind)."""
    if sample.view != "side":
        return NAN
    other = "right" if side == "left" else "left"
    a, b = _point(sample, LEG[side]["ankle"]), _point(sample, LEG[other]["ankle"])
    size = max((x for x in (thigh_px(sample, side), thigh_px(sample, other)) if x > 0), default=NAN)
    if a is None or b is None or not size > 0:
        return NAN
    return (a[1] - b[1]) / size


def foot_x_px(sample: BodySample, side: str) -> float:
    """Horizontal image position (px) of a leg's ankle, side view only (NaN otherwise): how far the foot travels along
    the floor; seen from the front or behind, a step goes toward the camera and hardly moves it in the picture."""
    ankle = _point(sample, LEG[side]["ankle"]) if sample.view == "side" else None
    return ankle[0] if ankle is not None else NAN

"""Pieces the exercise specs share: a key angle read per side, and posture checks that reject movements done
standing when the exercise is done lying (and the reverse)."""

from __future__ import annotations

import math
from collections.abc import Callable

from coach.exercises.spec import Reject, RepTrace
from coach.types import BodySample

#: Trunk tilt from the vertical (deg) above which a person counts as lying, below which as standing.
LYING_MIN_TILT_DEG = 55.0
STANDING_MAX_TILT_DEG = 35.0


def side_key(fmt: str) -> Callable[[BodySample, str], tuple[float, float]]:
    """A key function reading angle `fmt.format(side=...)` (e.g. 'hip_flex_{side}') and its confidence."""

    def key(sample: BodySample, side: str) -> tuple[float, float]:
        name = fmt.format(side=side)
        return sample.angles.get(name, math.nan), sample.conf.get(name, 0.0)

    key.__doc__ = f"Key angle {fmt} of one side with its confidence."
    return key


def _tilt_at_peak(trace: RepTrace) -> float:
    return trace.at_peak("tilt_deg")


NOT_STANDING = Reject(
    "lying",
    "were done lying down, and this exercise is done standing",
    lambda tr: _tilt_at_peak(tr) > LYING_MIN_TILT_DEG,
)
NOT_LYING = Reject(
    "upright",
    "were done upright, and a straight-leg raise is done lying on the back",
    lambda tr: _tilt_at_peak(tr) < STANDING_MAX_TILT_DEG,
)

"""Pieces the exercise specs share: a key angle read per side, and posture checks that reject movements done
standing when the exercise is done lying (and the reverse)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

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


#: The other leg rising by this share of the moving leg's rise (and by at least BOTH_MIN_DEG) means both legs moved...
BOTH_SHARE = 0.5
BOTH_MIN_DEG = 15.0
#: ... for at least this share of the time the moving leg was in the upper half of its rise (longer than a frame or
#: two of landmark jitter at the top; a leg moved together with the other is up the whole time).
BOTH_TIME_SHARE = 0.1


def both_legs(trace: RepTrace, other: str) -> bool:
    """True when the other leg (its key angle: the measure named `other`) was up with the moving one while it was near
    its top (a double-leg raise lying, a jump or straddle standing): risen above its start for at least BOTH_TIME_SHARE
    of the rep's upper half. The other leg starting its own movement while this one comes down (alternating legs, as
    in knee-to-chest) is not both legs together."""
    a = trace.measures[other]
    known = a[np.isfinite(a)]
    if not len(known):
        return False
    rise = trace.upper(other, quantile=1.0 - BOTH_TIME_SHARE) - float(known[0])
    return math.isfinite(rise) and rise >= max(BOTH_MIN_DEG, BOTH_SHARE * trace.rom_deg)


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

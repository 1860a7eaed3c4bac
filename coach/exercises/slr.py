"""Straight-leg raise lying on the back (side view): hip flexion of the lifted leg relative to the trunk line makes
the rep. Good form: lifted knee straight all the way (knee flexion < ~10 deg), lift to ~30-45 deg (about the height of
the other, bent knee), lowering at least as slow as lifting, the other knee bent with the foot flat (DESIGN.md
section 5; SLR is one of the iliopsoas-rehabilitation exercises of seed 003).

Both legs lifting together is a double-leg raise, and is not counted as straight-leg raises."""

from __future__ import annotations

import math
from functools import partial

import numpy as np

from coach.exercises.common import NOT_LYING, both_legs, side_key
from coach.exercises.signals import angle, trunk_tilt_deg
from coach.exercises.spec import Check, ExerciseSpec, Reject, RepTrace, peak_deg
from coach.landmarks import OTHER
from coach.types import BodySample

#: A lifting leg with the knee bent more than this (deg) is a bent-knee movement, e.g. setting the support leg.
BENT_LEG_DEG = 60.0
#: A straight leg raised and lowered lying on the back, the longest lever of the body moved against gravity, takes
#: longer than this (s) even when rushed: the fastest leg movement coach counts, a high-knee lift with the knee bent
#: and the body upright, takes ~0.3 s. Anything quicker is landmarks jumping (a picture cut or a split screen).
SLR_GLITCH_S = 0.3


def measure(sample: BodySample, side: str) -> dict[str, float]:
    """Per-frame quantities of the straight-leg-raise rules for the lifted leg `side`."""
    other = OTHER[side]
    return {
        "knee_deg": angle(sample, f"knee_flex_{side}"),
        "other_hip_deg": angle(sample, f"hip_flex_{other}"),
        "other_knee_deg": angle(sample, f"knee_flex_{other}"),
        "tilt_deg": trunk_tilt_deg(sample),
    }


def _median(trace: RepTrace, name: str) -> float:
    a = trace.measures[name]
    a = a[np.isfinite(a)]
    return float(np.median(a)) if len(a) else math.nan


SPEC = ExerciseSpec(
    name="slr",
    key=side_key("hip_flex_{side}"),
    measure=measure,
    enter_rise_deg=12.0,
    min_rom_deg=15.0,
    glitch_s=SLR_GLITCH_S,
    fastest_rise_s=SLR_GLITCH_S / 2,  # up and down take about as long: a rushed raise rises in half of it
    checks=(  # cues and limits: [exercise.slr] in coach/config/defaults.toml
        Check("knee_bent", lambda tr: tr.extreme("knee_deg")),
        Check("too_low", peak_deg, needs_peak=True),
        Check("too_high", peak_deg),
        Check("fast_lowering", lambda tr: tr.down_s / tr.up_s if tr.up_s > 0 else math.nan),
        Check("other_knee_straight", lambda tr: _median(tr, "other_knee_deg")),
    ),
    rejects=(
        NOT_LYING,
        Reject(
            "both_legs",
            "looked like a double-leg raise: both legs lifted together",
            partial(both_legs, other="other_hip_deg"),
            bilateral=True,
        ),
        Reject(
            "bent_knee",
            "looked like a bent-knee movement of the leg, not a straight-leg raise",
            lambda tr: tr.at_peak("knee_deg") > BENT_LEG_DEG,
        ),
    ),
    views=("side",),
    posture="lying",
    noun="leg raise",
    tempo_words="a controlled leg raise",
    report=("knee_deg", "other_knee_deg"),
)

"""Supine hip flexion (knee to chest) seen from the side, counted by the shared rep engine on the hip flexion of each
leg (the thigh against the trunk line). Lying on the back with the knees bent rests the hips near 45 deg; a knee
brought to the chest passes well beyond the vertical. Typical adult hip flexion is 110-120 deg with the pelvis held
(Wilson & Furukawa 2014); the trunk-thigh angle adds any curl of the trunk and tilt of the pelvis, so a hug can read
130-150 deg.
"""

from __future__ import annotations

from functools import partial

from coach.config import default_config
from coach.exercises import ExerciseSpec
from coach.exercises.common import STANDING_MAX_TILT_DEG, both_legs, side_key
from coach.exercises.signals import angle, trunk_tilt_deg
from coach.exercises.spec import Check, Reject, peak_deg
from coach.landmarks import OTHER
from coach.types import BodySample

#: A rep counts once the thigh went past the vertical (90 deg of hip flexion): resting supine with bent knees is
#: ~45 deg. (Where a rep starts and ends is relative to the person's own resting posture, as for every exercise.)
ENTER_DEG = 90.0
#: More than this (deg) is beyond the hip's flexion plus a curled trunk: a landmark glitch (the exercises' default
#: 150 deg would cut real hugs, which read up to ~150 deg).
MAX_FLEXION_DEG = 175.0
#: A knee bent less than this (deg) at the top kept the leg straight: a leg raise, not a knee brought to the chest.
KNEE_BENT_MIN_DEG = 60.0

NOT_LYING = Reject(
    "upright",
    "were done upright, and knee-to-chest is done lying on the back",
    lambda tr: tr.at_peak("tilt_deg") < STANDING_MAX_TILT_DEG,
)
STRAIGHT_LEG = Reject(
    "straight_leg",
    "looked like a leg raise: the knee stayed straight, not brought to the chest",
    lambda tr: tr.at_peak("knee_deg") < KNEE_BENT_MIN_DEG,
)
BOTH_LEGS = Reject(
    "both_legs",
    "looked like a double-leg raise: both legs lifted together, not one knee to the chest",
    partial(both_legs, other="other_hip_deg"),
    bilateral=True,
)


def measure(sample: BodySample, side: str) -> dict[str, float]:
    """Per-frame quantities for the leg brought to the chest: its knee, the other hip, the trunk's tilt."""
    return {
        "knee_deg": angle(sample, f"knee_flex_{side}"),
        "other_hip_deg": angle(sample, f"hip_flex_{OTHER[side]}"),
        "tilt_deg": trunk_tilt_deg(sample),
    }


MOVEMENT = ExerciseSpec(
    name="knee-to-chest",
    key=side_key("hip_flex_{side}"),
    measure=measure,
    min_peak_deg=ENTER_DEG,
    enter_rise_deg=30.0,
    min_rom_deg=30.0,
    max_deg=MAX_FLEXION_DEG,
    checks=(Check("knee_low", peak_deg, needs_peak=True),),  # [exercise.knee-to-chest] in defaults.toml
    rejects=(NOT_LYING, STRAIGHT_LEG, BOTH_LEGS),
    views=("side",),
    posture="lying",
    noun="knee-to-chest",
    tempo_words="a controlled knee-to-chest",
    verb="bends",
    key_label="hip flexion",
    report=("knee_deg", "other_hip_deg"),
)
#: The movement with the default clinical limits (MOVEMENT.configured(config) for a user's).
SPEC = MOVEMENT.configured(default_config())

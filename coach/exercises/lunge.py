"""Lunge (side view; forward, reverse or static split squat): front-knee flexion makes the rep; the front leg is the
one whose thigh is ahead (hip flexion larger than the other's), decided per rep. Good form: front knee ~90 deg at the
bottom (80-110 acceptable), knee not ahead of the toes, trunk upright (< ~15 deg lean), back knee lowering toward the
floor, back hip extended (the hip-flexor stretch of the runner's lunge, seed 003) - DESIGN.md section 5.

Both knees bending with the thighs side by side (no split stance) is a squat, and is not counted."""

from __future__ import annotations

from coach.exercises.common import NOT_STANDING, side_key
from coach.exercises.signals import angle, foot_height, knee_ahead_of_toes, trunk_tilt_deg
from coach.exercises.spec import OTHER, Check, ExerciseSpec, Reject, RepTrace, peak_deg
from coach.types import BodySample

#: Thighs this far apart at the bottom (hip flexion front minus back, deg) make a split stance...
SPLIT_MIN_DEG = 30.0
#: ... for at least a quarter of the rep's upper half (a reverse lunge bends the front knee while the back leg is
#: still stepping back; a squat never splits the thighs, bar a landmark jump).
SPLIT_QUANTILE = 0.75
#: The bending leg's foot this high above the other (thigh lengths) is off the floor: a knee lift, not a lunge.
FOOT_UP_MIN = 0.3
#: In a lunge both knees bend (the back knee lowers toward the floor, ~90 deg at full depth); the other knee bent less
#: than this (deg) at the bottom means the person stood on a straight leg: a knee lift, not a lunge.
STANDING_KNEE_MAX_DEG = 20.0


def measure(sample: BodySample, side: str) -> dict[str, float]:
    """Per-frame quantities of the lunge rules, `side` being the leg whose knee bends (front leg if a lunge)."""
    other = OTHER[side]
    split = angle(sample, f"hip_flex_{side}") - angle(sample, f"hip_flex_{other}")
    return {
        "split_deg": split,
        "split_apart_deg": abs(split),
        "back_knee_deg": angle(sample, f"knee_flex_{other}"),
        "back_hip_deg": angle(sample, f"hip_flex_{other}"),
        "trunk_lean_deg": angle(sample, "trunk_lean", 0.75),
        "knee_past_toes": knee_ahead_of_toes(sample, side),
        "foot_up": foot_height(sample, side),
        "tilt_deg": trunk_tilt_deg(sample),
    }


def back_knee_still(trace: RepTrace) -> bool:
    """True when the other knee stood straight, or did not bend any further than it was at the start: in a lunge it
    bends with the front knee (a front knee that reads straight for a moment mid-lunge, then 'bends' again while the
    back knee straightens, is the landmarks, not a new lunge)."""
    back = trace.upper("back_knee_deg")
    return back < max(STANDING_KNEE_MAX_DEG, float(trace.measures["back_knee_deg"][0]))


SPEC = ExerciseSpec(
    name="lunge",
    key=side_key("knee_flex_{side}"),
    measure=measure,
    min_rom_deg=30.0,
    max_deg=160.0,  # knee flexion reaches ~140-150 deg at most (heel to buttock); the hip's 150 would be too tight
    checks=(  # cues and limits: [exercise.lunge] in coach/config/defaults.toml
        Check("shallow", peak_deg, needs_peak=True),
        Check("knee_past_toes", lambda tr: tr.at_peak("knee_past_toes")),
        Check("trunk_lean", lambda tr: abs(tr.at_peak("trunk_lean_deg"))),
        Check("back_knee_high", lambda tr: tr.at_peak("back_knee_deg"), needs_peak=True),
        Check("back_hip_flexed", lambda tr: tr.at_peak("back_hip_deg")),
    ),
    rejects=(
        Reject("back_leg", "back leg of a lunge", lambda tr: tr.upper("split_deg") <= -SPLIT_MIN_DEG, silent=True),
        NOT_STANDING,
        Reject(
            "foot_left_floor",
            "looked like a step or a knee lift (march): the foot left the floor",
            lambda tr: tr.upper("foot_up") > FOOT_UP_MIN,
        ),
        Reject(
            "standing_leg_straight",
            "looked like a step or a knee lift (march): the other leg stood straight or did not bend with it",
            back_knee_still,
        ),
        Reject(
            "squat",
            "looked like a squat: both knees bent together with the feet side by side",
            lambda tr: tr.upper("split_apart_deg", quantile=SPLIT_QUANTILE) < SPLIT_MIN_DEG,
            bilateral=True,
        ),
    ),
    views=("side", "oblique", "front"),  # counted from any view (knee flexion from 3D landmarks off the side); the
    # position rules (knee past the toes, foot off the floor) need the side view and stay silent otherwise
    noun="knee bend",
    tempo_words="a controlled lunge",
    verb="bends",
    key_label="front-knee flexion",
    report=("back_knee_deg", "back_hip_deg", "trunk_lean_deg", "knee_past_toes"),
)

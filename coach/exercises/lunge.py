"""Lunge (side view; forward, reverse or static split squat): front-knee flexion makes the rep; the front leg is the
one whose thigh is ahead (hip flexion larger than the other's), decided per rep. Good form: front knee ~90 deg at the
bottom (80-110 acceptable), knee not ahead of the toes, trunk upright (< ~15 deg lean), back knee lowering toward the
floor, back hip extended (the hip-flexor stretch of the runner's lunge, seed 003) - DESIGN.md section 5.

Both knees bending with the thighs side by side (no split stance) is a squat, and is not counted. The hips' height in
the picture, which reads alike from every side, backs the knees' angles, which do not (a knee bending toward the camera
is the pose model's guess of depth): a lunge takes the hips down, a step or a knee lift does not, and the front knee
of a lunge cannot straighten while they stay down."""

from __future__ import annotations

import math

import numpy as np

from coach.exercises.common import NOT_STANDING, side_key
from coach.exercises.signals import NAN, angle, foot_height, foot_x_px, knee_ahead_of_toes, thigh_px
from coach.exercises.spec import Check, ExerciseSpec, Reject, RepTrace, peak_deg
from coach.kinematics.trunk import trunk_px
from coach.landmarks import OTHER
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
#: ... unless the hips lowered this far (trunk lengths, mid-hip to mid-shoulder in the picture) meanwhile: on a straight
#: standing leg the hips stay a leg length above the floor, lowered only by its tilt (a leg of ~1.8 trunk lengths tilted
#: 30 deg: 1.8 x (1 - cos 30 deg) = 0.24) and a dropping pelvis (a few cm), while a lunge takes them down about half a
#: trunk length (0.41-0.73 on the corpus' lunges; its knee lifts 0.16 at most). The hips' height reads alike from any
#: side; the back knee's bend does not: seen from behind or in front it bends toward the camera, and its angle is the
#: pose model's guess of depth (a mirrored rear-view split squat read that knee straight in 5 of 6 lunges).
HIPS_LOWERED_MIN = 0.3
#: A leg (thigh plus shank) in trunk lengths: ~0.9 m against ~0.5 m (Winter 2009, segment lengths as shares of height:
#: 0.53 and 0.29).
LEG_TRUNKS = 1.8
#: A knee that bends with its foot planted takes the hips down: by at least 2 legs' halves x (1 - cos(bend / 2)) (thigh
#: and shank each turning half the bend: 0.16 trunk lengths for a 50 deg bend, 0.53 for 90). A bend that took the hips
#: down less than this share of that was done with the foot in the air: a step or a swing, not a lunge (seen from any
#: side, unlike the foot's travel).
PLANTED_LOWERING_SHARE = 0.5
#: A front knee that reads straightened back (RepCounter's return level) while the hips, lowered HIPS_LOWERED_MIN or
#: more, have risen back less than this share of their lowering is a knee landmark flickering (a dumbbell across it, a
#: tilted camera), not the end of the lunge: the hips of a lunge rise with its front knee, and by the return level
#: they had risen 0.49-1.0 of the way on the corpus' lunges (a knee read 66-70 deg for 0.1 s at the bottom of a
#: tilted split squat, the hips still going down: -0.04).
HIPS_RISEN_MIN_SHARE = 0.25
#: The front foot of a lunge is planted while its knee bends (that is what loads the knee); a knee that bends while its
#: foot travels and the other foot stands is a leg swinging through a step (a swing bends the knee ~40-60 deg in mid
#: swing, with the foot in the air or skimming the floor as it steps into the next lunge, and straightens before the
#: foot lands). In the middle of the bend a swinging foot moves at its fastest, ~0.5 thigh lengths in the middle half
#: of the time the knee is above half its bend (0.46-0.61 on the corpus' steps into a lunge); a planted one moves only
#: by landmark jitter and the heel rising (<= 0.2 on the corpus' lunges). Between the two: this many thigh lengths.
#: Both feet travelling is not a step (the camera panned, the person jumped, or the landmarks swapped legs). Side view
#: only: seen from the front or behind, a step goes toward the camera and barely moves the foot in the picture.
FOOT_TRAVEL_MIN = 0.3
#: ... read over the middle half of the time the knee is above half its bend: where a swinging foot moves fastest (the
#: knee bends most in mid swing) and a lunging one stands still (the bottom of the lunge), away from the ends of the
#: movement, where the landmarks of a back foot stepping past the front one may swap legs.
TRAVEL_MIDDLE = 0.5


def measure(sample: BodySample, side: str) -> dict[str, float]:
    """Per-frame quantities of the lunge rules, `side` being the leg whose knee bends (front leg if a lunge)."""
    other = OTHER[side]
    trunk = trunk_px(sample.xy_px, sample.visibility)
    split = angle(sample, f"hip_flex_{side}") - angle(sample, f"hip_flex_{other}")
    return {
        "split_deg": split,
        "split_apart_deg": abs(split),
        "back_knee_deg": angle(sample, f"knee_flex_{other}"),
        "back_hip_deg": angle(sample, f"hip_flex_{other}"),
        "trunk_lean_deg": angle(sample, "trunk_lean", 0.75),
        "knee_past_toes": knee_ahead_of_toes(sample, side),
        "foot_up": foot_height(sample, side),
        "foot_x_px": foot_x_px(sample, side),
        "other_foot_x_px": foot_x_px(sample, other),
        "thigh_px": thigh_px(sample, side),
        "tilt_deg": trunk.tilt_deg if trunk else NAN,
        "hip_y_px": trunk.hip_y if trunk else NAN,  # the mid-hip's height in the picture (y down): the body lowering
        "trunk_px": trunk.length if trunk else NAN,  # the unit of the body's vertical moves, alike in every view
    }


def thighs_apart_deg(trace: RepTrace) -> float:
    """How far apart the thighs stood during the rep (deg; the SPLIT_QUANTILE quantile over its upper part, NaN when
    unknown): SPLIT_MIN_DEG or more is a split stance."""
    return trace.upper("split_apart_deg", quantile=SPLIT_QUANTILE)


def back_leg(trace: RepTrace) -> bool:
    """True when the bending knee is the back leg's: a split stance with this leg's thigh behind the other's
    (split_deg below 0, median over the rep's upper part). In a lunge both knees bend together; of two thighs split
    apart one is ahead and the other behind, so the sign names the back leg, whatever the size of the split reads
    from a view that foreshortens it (from behind, a real split of a split squat reads 28-30 deg at its bottom). A
    bend with the thighs side by side is not a back leg (the squat rule names it)."""
    return thighs_apart_deg(trace) >= SPLIT_MIN_DEG and trace.upper("split_deg") < 0


def hips_lowered_trunks(trace: RepTrace) -> float:
    """How far the hips lowered (trunk lengths) from the rep's start to its upper part (median there), NaN when
    unknown."""
    trunk = trace.upper("trunk_px")
    return trace.from_start("hip_y_px") / trunk if trunk > 0 else math.nan


def hips_still_down(measures: list[dict[str, float]]) -> bool:
    """True when the hips lowered HIPS_LOWERED_MIN or more in the movement so far (per-frame measures, the sample at
    hand last) and have risen back less than HIPS_RISEN_MIN_SHARE of it: the lunge is still at its bottom. False when
    the hips are unseen."""
    hip = np.array([m.get("hip_y_px", math.nan) for m in measures])
    known = np.isfinite(hip[:-1])
    trunk = np.nanmedian([m.get("trunk_px", math.nan) for m in measures])
    if not known.any() or not math.isfinite(hip[-1]) or not trunk > 0:
        return False
    start, low = hip[:-1][known][0], hip[:-1][known].max()
    return (low - start) / trunk >= HIPS_LOWERED_MIN and low - hip[-1] < HIPS_RISEN_MIN_SHARE * (low - start)


def back_knee_still(trace: RepTrace) -> bool:
    """True when the other knee stood straight, or did not bend any further than it was at the start, and the hips
    did not lower HIPS_LOWERED_MIN (which a straight standing leg cannot let them do): in a lunge it bends with the
    front knee (a front knee that reads straight for a moment mid-lunge, then 'bends' again while the back knee
    straightens, is the landmarks, not a new lunge)."""
    back = trace.upper("back_knee_deg")
    still = back < max(STANDING_KNEE_MAX_DEG, float(trace.measures["back_knee_deg"][0]))
    return still and not hips_lowered_trunks(trace) >= HIPS_LOWERED_MIN


def foot_in_the_air(trace: RepTrace) -> bool:
    """True when the hips lowered less than PLANTED_LOWERING_SHARE of what the knee's bend (median over the rep's upper
    part, from its start) takes them down with the foot planted; False when unknown."""
    bend = trace.upper_rise()
    planted = LEG_TRUNKS * (1 - math.cos(math.radians(bend / 2)))
    return hips_lowered_trunks(trace) < PLANTED_LOWERING_SHARE * planted


def travel_thighs(trace: RepTrace, name: str) -> float:
    """How far (thigh lengths) a foot position `name` moved in the middle of the knee's bend (NaN when unknown, or
    when the thigh points at the camera and has no length in the picture)."""
    thigh = trace.upper("thigh_px")
    return abs(trace.change(name, TRAVEL_MIDDLE)) / thigh if thigh > 0 else math.nan


def stepped(trace: RepTrace) -> bool:
    """True when the bending leg's foot travelled FOOT_TRAVEL_MIN thigh lengths or more in the middle of the knee's
    bend and the other foot stood (moved less): a swing through a step, not a lunge. False when unknown."""
    return travel_thighs(trace, "foot_x_px") >= FOOT_TRAVEL_MIN > travel_thighs(trace, "other_foot_x_px")


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
        Reject("back_leg", "back leg of a lunge", back_leg, silent=True),
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
            "stepped", "looked like a step: the foot travelled while the knee bent and the other foot stood", stepped
        ),
        Reject(
            "not_lowered",
            "looked like a step: the knee bent but the hips did not lower, so the foot was off the floor",
            foot_in_the_air,
        ),
        Reject(
            "squat",
            "looked like a squat: both knees bent together with the feet side by side",
            lambda tr: thighs_apart_deg(tr) < SPLIT_MIN_DEG,
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
    held=hips_still_down,
)

"""Standing hip abduction seen from the front, counted by the shared rep engine: the key angle is the thigh's angle
out to the side from the pelvis's own vertical (the perpendicular to the line through both hips, in the picture),
so that the pelvis tilting with the lift (hip hiking) is not counted as abduction. Typical adult active abduction is
30-50 deg (Wilson & Furukawa 2014); a home exercise usually lifts 20-35 deg.
"""

from __future__ import annotations

import math
from functools import partial

from coach.config import default_config
from coach.exercises import ExerciseSpec
from coach.exercises.common import NOT_STANDING, both_legs
from coach.exercises.signals import angle, trunk_tilt_deg
from coach.exercises.spec import Check, Reject, RepTrace
from coach.kinematics.angles import VIEW_TRUST_FRONTAL
from coach.landmarks import LEG, OTHER
from coach.types import BodySample

#: A lift counts once the thigh went out to the side by this much (deg): above the few degrees a standing leg sways
#: and the 2D angle's error, below the 20-35 deg of a home exercise. (Where a lift starts and ends is relative to the
#: person's own resting stance, as for every exercise: coach.exercises.spec.ExerciseSpec.)
ENTER_DEG = 15.0
#: More than this (deg) is beyond the hip's abduction range (~45-50 deg): a landmark glitch, not a lift.
MAX_ABDUCTION_DEG = 60.0
#: A lift with the hip flexed more than this (deg) at the top went forward (a knee lift or march seen at an angle),
#: not out to the side.
KNEE_LIFT_DEG = 60.0
#: A knee bent more than this (deg) at the top is a lunge or squat seen from an angle: abduction keeps it straight.
KNEE_BENT_DEG = 45.0
#: A leg lifted out to the side by ENTER_DEG takes its foot out by sin(ENTER_DEG) leg lengths from under its hip
#: (0.26); the pelvis shifting over the standing foot may take back a few centimetres of it. A foot that moved out from
#: the other by less than this share of that stayed on its spot: the thigh's angle changed because the weight shifted
#: from foot to foot, both feet on the floor (0.02 leg lengths on the labelled clip, its lifts 0.39-0.71).
FOOT_OUT_SHARE = 0.5
#: A lift starts from standing, the thigh within this many degrees of the pelvis's vertical; a leg already resting
#: further out is a wide or split stance seen at an angle.
REST_MAX_DEG = 10.0


def abduction_deg(sample: BodySample, side: str) -> tuple[float, float]:
    """The thigh's angle out to the side from the pelvis's perpendicular (deg, + = away from the body) in the
    picture, with its confidence (landmark visibility times how well the view suits a frontal angle)."""
    hip, other, knee = (sample.xy_px[i] for i in (LEG[side]["hip"], LEG[OTHER[side]]["hip"], LEG[side]["knee"]))
    vis = min(float(sample.visibility[i]) for i in (LEG[side]["hip"], LEG[OTHER[side]]["hip"], LEG[side]["knee"]))
    out_x, out_y = float(hip[0] - other[0]), -float(hip[1] - other[1])  # y-up: toward this side, along the hips
    norm = math.hypot(out_x, out_y)
    th_x, th_y = float(knee[0] - hip[0]), -float(knee[1] - hip[1])
    if not (norm > 0 and math.isfinite(th_x + th_y + norm)):
        return math.nan, 0.0
    out_x, out_y = out_x / norm, out_y / norm
    down_x, down_y = out_y, -out_x  # the hip line turned by -90 deg ...
    if down_y > 0:  # ... pointing down
        down_x, down_y = -down_x, -down_y
    deg = math.degrees(math.atan2(th_x * out_x + th_y * out_y, th_x * down_x + th_y * down_y))
    return deg, vis * VIEW_TRUST_FRONTAL.get(sample.view, 0.0)


def feet_apart_leg(sample: BodySample, side: str) -> float:
    """How far the foot of `side` is out to the side of the other foot (image x, in the picture's length of its leg,
    hip to ankle), NaN when a foot or the leg is unseen."""
    hip, ankle, other = (sample.xy_px[i] for i in (LEG[side]["hip"], LEG[side]["ankle"], LEG[OTHER[side]]["ankle"]))
    leg = math.hypot(float(ankle[0] - hip[0]), float(ankle[1] - hip[1]))
    return abs(float(ankle[0] - other[0])) / leg if leg > 0 else math.nan


def feet_stayed(trace: RepTrace) -> bool:
    """True when the lifting foot moved out from the other by less than FOOT_OUT_SHARE of what a lift of ENTER_DEG
    takes it: a shift of weight, both feet on the floor. False when unknown."""
    return trace.from_start("feet_apart_leg") < FOOT_OUT_SHARE * math.sin(math.radians(ENTER_DEG))


def measure(sample: BodySample, side: str) -> dict[str, float]:
    """Per-frame quantities of the form rules for the lifting leg `side`."""
    return {
        "feet_apart_leg": feet_apart_leg(sample, side),
        "other_abduction_deg": abduction_deg(sample, OTHER[side])[0],
        "trunk_sideways_deg": angle(sample, "trunk_lateral", 0.5),
        "hip_flex_deg": angle(sample, f"hip_flex_{side}"),
        "knees_deg": max(angle(sample, f"knee_flex_{s}") for s in (side, OTHER[side])),
        "tilt_deg": trunk_tilt_deg(sample),
    }


MOVEMENT = ExerciseSpec(
    name="hip-abduction",
    key=abduction_deg,
    measure=measure,
    min_peak_deg=ENTER_DEG,
    enter_rise_deg=10.0,
    min_rom_deg=10.0,
    max_deg=MAX_ABDUCTION_DEG,
    checks=(  # cues and limits: [exercise.hip-abduction] in coach/config/defaults.toml
        Check("trunk_sideways", lambda tr: abs(tr.at_peak("trunk_sideways_deg"))),
        Check("leg_forward", lambda tr: tr.at_peak("hip_flex_deg")),
    ),
    rejects=(
        NOT_STANDING,
        Reject(
            "knee_lift",
            "looked like a knee lift: the leg went forward, not out to the side",
            lambda tr: tr.at_peak("hip_flex_deg") > KNEE_LIFT_DEG,
        ),
        Reject(
            "knees_bent",
            "looked like a lunge or squat seen at an angle: the knees bent, not a straight leg lifted to the side",
            lambda tr: tr.at_peak("knees_deg") > KNEE_BENT_DEG,
        ),
        # Standing, one leg lifts out while the other bears the weight (the pelvis hiking with the lift moves the
        # standing thigh a few degrees against it); both legs out together is a jump or a straddle, or the landmarks.
        Reject(
            "both_legs",
            "looked like a jump or a straddle: both legs went out to the side together",
            partial(both_legs, other="other_abduction_deg"),
            bilateral=True,
        ),
        Reject(
            "weight_shift",
            "looked like a shift of weight: the foot stayed on its spot (a side lift takes it out to the side)",
            feet_stayed,
        ),
        Reject(
            "wide_stance",
            "looked like a wide or split stance seen at an angle: the leg rested out to the "
            "side already, not a lift from standing",
            lambda tr: float(tr.key[0]) > REST_MAX_DEG,
        ),
    ),
    views=("front", "oblique"),
    noun="side leg lift",
    tempo_words="a controlled side lift",
    key_label="hip abduction",
    report=("trunk_sideways_deg", "hip_flex_deg"),
)
#: The movement with the default clinical limits (MOVEMENT.configured(config) for a user's).
SPEC = MOVEMENT.configured(default_config())

"""Standing march (side or front view): hip flexion of the lifting leg, thigh to about horizontal, trunk upright,
standing knee straight, pelvis level, controlled tempo (DESIGN.md section 5; marches and straight-leg raises are the
iliopsoas-rehabilitation exercises of seed 003; thigh-to-horizontal and 1-2 s a lift are common physiotherapy cues).

The key angle is `hip_flex_<side>`, which kinematics takes from the 2D image side-on and from MediaPipe's world
landmarks otherwise: seen from the front the 2D shoulder-hip-knee angle barely moves during a lift (DESIGN.md)."""

from __future__ import annotations

from coach.exercises.common import NOT_STANDING, side_key
from coach.exercises.signals import angle, trunk_tilt_deg
from coach.exercises.spec import Check, ExerciseSpec, Reject, peak_deg
from coach.landmarks import OTHER
from coach.types import BodySample

#: Trust needed for a rule that only a suited view measures (kinematics.VIEW_TRUST_*: 2D side-on 1.0, 3D 0.7).
VIEW_SUITED = 0.75
#: Standing knee bent this much at the top of a lift (deg): the movement is a lunge or squat, not a march.
DEEP_STANDING_KNEE_DEG = 60.0
#: A knee lift raises the thigh at least this far (deg of hip flexion from standing): halfway to horizontal, above the
#: ~25-30 deg a walking step reaches (DESIGN.md section 6), so steps are named as such rather than counted.
MIN_LIFT_DEG = 45.0
#: In a knee lift the shin hangs about vertical, so the knee bends about as much as the hip (thigh horizontal: both
#: ~90 deg). A knee bent less than this share of the hip flexion at the top leaves the foot out in front: a leg swing,
#: kick or reach, not a march.
SWING_KNEE_SHARE = 0.5
#: "At the top": the samples within the last fifth of the rise (a swinging leg's knee bends on the way up, then
#: straightens as the leg reaches forward). The knee counts as straight there when it was for a quarter of those
#: samples: a marching knee never straightens at the top, while a kicking shin blurs and its landmark jumps about.
TOP_SHARE = 0.8
STRAIGHT_QUANTILE = 0.25


def measure(sample: BodySample, side: str) -> dict[str, float]:
    """Per-frame quantities of the march rules for the lifting leg `side`."""
    return {
        "knee_deg": angle(sample, f"knee_flex_{side}"),
        "thigh_vert_deg": angle(sample, f"thigh_vert_{side}", VIEW_SUITED),
        "standing_knee_deg": angle(sample, f"knee_flex_{OTHER[side]}", VIEW_SUITED),
        "standing_knee_any_deg": angle(sample, f"knee_flex_{OTHER[side]}"),
        "trunk_lean_deg": angle(sample, "trunk_lean", VIEW_SUITED),
        "pelvic_obliquity_deg": angle(sample, "pelvic_obliquity", VIEW_SUITED),
        "tilt_deg": trunk_tilt_deg(sample),
    }


SPEC = ExerciseSpec(
    name="march",
    key=side_key("hip_flex_{side}"),
    measure=measure,
    min_rom_deg=30.0,
    min_peak_deg=MIN_LIFT_DEG,
    checks=(  # cues and limits: [exercise.march] in coach/config/defaults.toml
        Check("knee_low", peak_deg, needs_peak=True),
        Check("lean_back", lambda tr: tr.extreme("trunk_lean_deg", False)),
        Check("standing_knee_bent", lambda tr: tr.extreme("standing_knee_deg")),
        Check(
            "hips_not_level",
            lambda tr: max(abs(tr.extreme("pelvic_obliquity_deg")), abs(tr.extreme("pelvic_obliquity_deg", False))),
        ),
    ),
    rejects=(
        NOT_STANDING,
        Reject(
            "lunge_or_squat",
            "looked like a lunge or squat: both knees bent deeply together",
            lambda tr: tr.upper("standing_knee_any_deg") > DEEP_STANDING_KNEE_DEG,
        ),
        Reject(
            "leg_swing",
            "looked like a leg swing, kick or reach: the knee stayed nearly straight",
            lambda tr: tr.upper("knee_deg", TOP_SHARE, STRAIGHT_QUANTILE) < SWING_KNEE_SHARE * tr.key[tr.peak],
        ),
    ),
    views=("side", "front", "oblique"),
    noun="knee lift",
    tempo_words="a rehab march",
    report=("thigh_vert_deg", "standing_knee_deg", "trunk_lean_deg"),
)

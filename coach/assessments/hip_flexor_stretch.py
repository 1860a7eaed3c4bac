"""Half-kneeling hip-flexor stretch (the runner's lunge of seed 003) seen from the side: which hip is stretched (the
back leg's, kneeling), the time held in position, and the hip extension reached (the back thigh behind the trunk
line). The same HoldTimer counts a live hold and a clip's.

In position, per frame: a split stance (the front thigh at least SPLIT_MIN_DEG ahead of the back one), both knees
bent (the back one kneeling, the front foot planted ahead), the trunk upright enough to be kneeling rather than
lying, and the front foot still (a foot stepping forward or back is setting up or leaving the stretch).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coach.assessments.hold import Hold, HoldTimer, Position
from coach.assessments.norms import Comparison, compare_all
from coach.assessments.result import dominant_view, envelope, view_warning
from coach.assessments.signals import rounded
from coach.config import ClinicalConfig
from coach.exercises.signals import angle, thigh_px, trunk_tilt_deg
from coach.landmarks import LEG, OTHER, SIDES
from coach.numbers import count_text
from coach.picture_edge import outside_picture
from coach.types import AngleSeries, BodySample, PoseSequence, iter_samples

TEST = "hip-flexor-stretch"
#: The front thigh this far (deg) ahead of the back one makes a split stance: a half-kneeling stretch has ~80-110.
SPLIT_MIN_DEG = 60.0
#: Both knees bent at least this much (deg): kneeling on the back knee, the front foot planted ahead.
KNEE_BENT_MIN_DEG = 45.0
#: The trunk tilted more than this from the vertical (deg) is no longer kneeling upright.
UPRIGHT_MAX_TILT_DEG = 45.0
#: The front foot moving faster than this (thigh lengths per second) is stepping: a swinging foot moves several.
FOOT_STILL_THIGH_PER_S = 1.0
#: A hold survives this long (s) out of position (hidden landmarks, a brief shift) and must last MIN_HOLD_S.
GRACE_S = 0.5
MIN_HOLD_S = 2.0


#: A hold whose kneeling knee was outside the picture in more than this share of its frames is not measured: the pose
#: model places a cut-off knee by guesswork, and the hip extension (the back thigh against the trunk) and the kneeling
#: position are both read from it.
MAX_KNEE_CUT_SHARE = 0.5


def knee_cut_share(poses: PoseSequence, hold: Hold) -> float:
    """The share of a hold's frames in which its kneeling knee (the stretched side's) lay at or past the picture's
    edge (coach.picture_edge)."""
    sel = (poses.t_s >= hold.start_s) & (poses.t_s <= hold.end_s)
    knee = poses.xy_px[sel, LEG[hold.side]["knee"]]
    return float(outside_picture(knee, poses.width, poses.height).mean()) if sel.any() else 0.0


def stretch_position(sample: BodySample, previous: BodySample | None) -> Position:
    """Whether a frame shows the half-kneeling stretch; its side is the back (stretched) hip, its angle that hip's
    extension (deg, + = thigh behind the trunk line)."""
    hips = {s: angle(sample, f"hip_flex_{s}") for s in SIDES}
    if not all(math.isfinite(v) for v in hips.values()):
        return Position(False)
    front = max(SIDES, key=lambda s: hips[s])
    back = OTHER[front]
    knees = [angle(sample, f"knee_flex_{s}") for s in SIDES]
    held = (
        hips[front] - hips[back] >= SPLIT_MIN_DEG
        and all(k >= KNEE_BENT_MIN_DEG for k in knees)
        and trunk_tilt_deg(sample) <= UPRIGHT_MAX_TILT_DEG
        and _foot_still(sample, previous, front)
    )
    return Position(held, back, -hips[back])


def _foot_still(sample: BodySample, previous: BodySample | None, side: str) -> bool:
    """The foot of `side` moved slower than FOOT_STILL_THIGH_PER_S since the previous sample (True without one)."""
    if previous is None or sample.t_s <= previous.t_s:
        return True
    i = LEG[side]["foot"]
    size = thigh_px(sample, side)
    dx, dy = (float(sample.xy_px[i, k] - previous.xy_px[i, k]) for k in (0, 1))
    speed = math.hypot(dx, dy) / (sample.t_s - previous.t_s)
    return not (math.isfinite(speed) and size > 0) or speed / size < FOOT_STILL_THIGH_PER_S


def stretch_timer() -> HoldTimer:
    """A fresh hold timer for the stretch (live page or clip)."""
    return HoldTimer(stretch_position, GRACE_S, MIN_HOLD_S)


@dataclass(frozen=True)
class HipFlexorStretchResult:
    """The holds of a clip (side = stretched hip, hold time, hip extension reached), the view, norm comparisons,
    findings and warnings. The longest hold gives the summary's `side` and `hold_s`."""

    holds: tuple[Hold, ...]
    view: str
    norms: tuple[Comparison, ...]
    findings: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def longest(self) -> Hold | None:
        return max(self.holds, key=lambda h: h.hold_s) if self.holds else None

    def summary(self) -> dict:
        """The assessment part of summary.json."""
        best = self.longest
        part = {
            "side": best.side if best else None,
            "hold_s": rounded(best.hold_s) if best else None,
            "hip_extension_deg": rounded(best.angle_deg, 1) if best else None,
            "holds": [
                {
                    "side": h.side,
                    "start_s": rounded(h.start_s),
                    "end_s": rounded(h.end_s),
                    "hold_s": rounded(h.hold_s),
                    "hip_extension_deg": rounded(h.angle_deg, 1),
                }
                for h in self.holds
            ],
            "view": self.view,
        }
        return envelope(TEST, part, self.norms, self.findings, self.warnings)

    def tables(self) -> dict[str, tuple[list[str], list[list]]]:
        """holds.csv: one row a hold."""
        rows = [
            [i, h.side, rounded(h.start_s), rounded(h.end_s), rounded(h.hold_s), rounded(h.angle_deg, 1)]
            for i, h in enumerate(self.holds, 1)
        ]
        return {"holds.csv": (["hold", "side", "start_s", "end_s", "hold_s", "hip_extension_deg"], rows)}


def analyze_hip_flexor_stretch(
    poses: PoseSequence, angles: AngleSeries, config: ClinicalConfig | None = None
) -> HipFlexorStretchResult:
    """The stretch holds of a cleaned clip and its angles (compared with the references of `config`, the defaults
    when None)."""
    timer = stretch_timer()
    for sample in iter_samples(poses, angles):
        timer.update(sample)
    timer.finish()
    unseen = [h for h in timer.holds if knee_cut_share(poses, h) > MAX_KNEE_CUT_SHARE]
    holds = tuple(h for h in timer.holds if h not in unseen)
    view = dominant_view(angles)
    warnings = view_warning(view, ("side",), "kneel side-on to the camera")
    if unseen:
        warnings.append(
            f"the kneeling knee was outside the picture (cut off at its edge) through {count_text(len(unseen), 'hold')}"
            f" ({', '.join(f'{h.start_s:.1f}-{h.end_s:.1f} s' for h in unseen)}): the pose model guesses it there, so "
            "neither the position nor the hip extension can be read; film with the whole body in view, the knee on "
            "the floor included"
        )
    if holds and holds[-1].end_s >= float(poses.t_s[-1]) - GRACE_S:
        warnings.append("the clip ended during the stretch: its hold is a lower bound")
    findings = [
        f"{h.side} hip stretched for {h.hold_s:.1f} s ({h.start_s:.2f}-{h.end_s:.2f} s), hip extension up to "
        f"{h.angle_deg:.0f} deg"
        for h in holds
    ] or [
        "no stretch measured: the kneeling knee was outside the picture"
        if unseen
        else f"no half-kneeling stretch held for {MIN_HOLD_S:.0f} s: a split stance with the back knee down and the "
        "front foot planted was not seen"
    ]
    best = max(holds, key=lambda h: h.hold_s) if holds else None
    extension = best.angle_deg if best and math.isfinite(best.angle_deg) else None
    norms = tuple(compare_all(TEST, {"hip_extension_deg": extension}, config=config))
    return HipFlexorStretchResult(holds, view, norms, tuple(findings), tuple(warnings))

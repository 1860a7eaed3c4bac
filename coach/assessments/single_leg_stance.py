"""Single-leg stance from one clip: per trial the standing leg, when the other foot leaves the floor and touches down
again (or the clip ends), the hold time, and the sway of the pelvis during the hold; both legs compared. Best filmed
from the front, the whole body and the floor in view.

A foot is off the floor when its lowest point (ankle, heel, toe) is LIFT_MIN_LEG leg lengths above that foot's own
floor level (its resting height in the picture: with perspective each foot rests at its own image height).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from coach.assessments.hold import Position
from coach.assessments.norms import Comparison, compare_all
from coach.assessments.result import dominant_view, envelope, view_warning
from coach.assessments.signals import (
    MIN_VISIBILITY,
    crossing_s,
    foot_low_y_px,
    leg_length_px,
    leg_lengths_px,
    lowest_foot_y_px,
    rounded,
    true_runs,
)
from coach.config import ClinicalConfig
from coach.exercises.common import STANDING_MAX_TILT_DEG
from coach.kinematics.trunk import tilt_image_deg
from coach.landmarks import LEFT_HIP, LEG, OTHER, RIGHT_HIP, SIDES
from coach.picture_edge import margin_px
from coach.types import AngleSeries, BodySample, PoseSequence

TEST = "single-leg-stance"
#: A foot this many leg lengths above its floor level is off the floor: ~4.5 cm for a 0.9 m leg, clear of a heel
#: raise or a weight shift (a few px) and of the pose model's jitter (~1 % of the leg), and the clinical test lifts
#: the foot at least this high.
LIFT_MIN_LEG = 0.05
#: The floor level of a foot: its resting height, the median of the frames within this many leg lengths of its
#: lowest position (perspective and weight shifts move a resting foot by a few px).
FLOOR_BAND_LEG = 0.1
#: Fewer seconds than this on one leg is a step (a walking swing lasts ~0.4 s), not a stance trial.
MIN_HOLD_S = 1.0
#: A foot dipping to the floor for at most this long (s) is pose jitter, not a touch-down.
TOUCH_JOIN_S = 0.1
#: The standing foot stays in place through a trial: moving more than this (leg lengths, sideways in the picture)
#: is walking or hopping, where a foot also leaves the floor.
FOOT_DRIFT_LEG = 0.25
#: Sway is measured inside the hold, this long (s) after lifting and before touching down, away from the
#: lift and the landing themselves.
SWAY_MARGIN_S = 0.5


@dataclass(frozen=True)
class Trial:
    """One stance trial: the standing leg, lift and touch-down times (s; touch None when the clip ends first), the
    hold (s), the pelvis's sideways sway during the hold (SD and range of the mid-hip position, % of leg length)
    and the range of pelvic obliquity (deg, front view)."""

    standing_leg: str
    lift_s: float
    touch_s: float | None
    hold_s: float
    sway_sd_pct_leg: float
    sway_range_pct_leg: float
    obliquity_range_deg: float

    def to_dict(self) -> dict:
        return {
            "standing_leg": self.standing_leg,
            "lift_s": rounded(self.lift_s),
            "touch_s": rounded(self.touch_s),
            "hold_s": rounded(self.hold_s),
            "ended_by": "touch-down" if self.touch_s is not None else "clip end",
            "sway_sd_pct_leg": rounded(self.sway_sd_pct_leg, 1),
            "sway_range_pct_leg": rounded(self.sway_range_pct_leg, 1),
            "pelvic_obliquity_range_deg": rounded(self.obliquity_range_deg, 1),
        }


@dataclass(frozen=True)
class SingleLegStanceResult:
    """Every stance trial of a clip, the view, norm comparisons (best hold), findings and warnings."""

    trials: tuple[Trial, ...]
    view: str
    norms: tuple[Comparison, ...]
    findings: tuple[str, ...]
    warnings: tuple[str, ...]

    def best_hold_s(self, leg: str | None = None) -> float | None:
        """The longest hold (s), of one standing leg or of any."""
        holds = [t.hold_s for t in self.trials if leg in (None, t.standing_leg)]
        return max(holds) if holds else None

    def summary(self) -> dict:
        """The assessment part of summary.json."""
        part = {
            "trials": [t.to_dict() for t in self.trials],
            "hold_s": rounded(self.best_hold_s()),
            "best_hold_s": {s: rounded(self.best_hold_s(s)) for s in SIDES},
            "view": self.view,
        }
        return envelope(TEST, part, self.norms, self.findings, self.warnings)

    def tables(self) -> dict[str, tuple[list[str], list[list]]]:
        """trials.csv: one row a trial."""
        header = [
            "trial",
            "standing_leg",
            "lift_s",
            "touch_s",
            "hold_s",
            "sway_sd_pct_leg",
            "sway_range_pct_leg",
            "pelvic_obliquity_range_deg",
        ]
        rows = [
            [i, *(t.to_dict()[k] for k in header[1:7]), t.to_dict()["pelvic_obliquity_range_deg"]]
            for i, t in enumerate(self.trials, 1)
        ]
        return {"trials.csv": (header, rows)}


def floor_level_px(y: np.ndarray, leg_px: float, width: int, height: int) -> float:
    """A foot's resting image height (px): the median of its lowest positions (see FLOOR_BAND_LEG); NaN when the foot
    was never seen, or when the picture's bottom edge cuts that band of resting positions: the foot may rest below the
    picture, seen only at its edge or lifted into it (MediaPipe guesses cut-off feet), so its floor is not known."""
    known = y[np.isfinite(y)]
    if not len(known):
        return float("nan")
    low = float(np.percentile(known, 95))
    floor = float(np.median(known[known >= low - FLOOR_BAND_LEG * leg_px]))
    edge = height - margin_px(width, height) if height else np.inf
    return floor if floor < edge - FLOOR_BAND_LEG * leg_px else float("nan")


def lift_heights_leg(poses: PoseSequence, leg_px: float) -> dict[str, np.ndarray]:
    """(T,) height of each foot above its own floor level, in leg lengths (NaN where the foot is unseen, and
    throughout when its floor is not known)."""
    out = {}
    for side in SIDES:
        y = foot_low_y_px(poses, side)
        out[side] = (floor_level_px(y, leg_px, poses.width, poses.height) - y) / leg_px
    return out


class LiveStance:
    """The single-leg stance position of live samples, one at a time (a hold timer's position function): each foot's
    floor level from the session's samples so far (floor_level_px, as the clip analysis: with perspective, or the body
    turned, each foot rests at its own height in the picture), a foot LIFT_MIN_LEG leg lengths above its own floor is
    off it, and one foot off with the trunk upright is a stance on the other leg. Bounded: the last `keep` samples."""

    def __init__(self, keep: int) -> None:
        self._low: deque[tuple[float, float]] = deque(maxlen=keep)
        self._legs: deque[float] = deque(maxlen=keep)

    def __call__(self, sample: BodySample, _previous: BodySample | None) -> Position:
        low = tuple(float(lowest_foot_y_px(sample.xy_px, sample.visibility, s)) for s in SIDES)
        self._low.append((low[0], low[1]))
        self._legs.extend(x for x in leg_lengths_px(sample.xy_px, sample.visibility) if np.isfinite(x))
        if not self._legs or not tilt_image_deg(sample.xy_px[None], sample.visibility[None])[0] <= (
            STANDING_MAX_TILT_DEG
        ):
            return Position(False)
        leg = float(np.median(self._legs))
        lows = np.array(self._low)
        up = [
            s
            for k, s in enumerate(SIDES)
            if (floor_level_px(lows[:, k], leg, 0, 0) - low[k]) / leg > LIFT_MIN_LEG  # NaN: not known to be up
        ]
        return Position(len(up) == 1, OTHER[up[0]] if len(up) == 1 else "")


def pelvis_sway(poses: PoseSequence, angles: AngleSeries, t0: float, t1: float, leg_px: float) -> tuple[float, ...]:
    """SD and range (% leg length) of the mid-hip's sideways position and the pelvic obliquity range (deg) between
    t0 and t1, NaN when too little was seen."""
    sel = (poses.t_s >= t0) & (poses.t_s <= t1)
    x = 0.5 * (poses.xy_px[sel, LEFT_HIP, 0] + poses.xy_px[sel, RIGHT_HIP, 0])
    x = x[np.isfinite(x)]
    obl = angles.values["pelvic_obliquity"][sel]
    obl = obl[np.isfinite(obl) & (angles.conf["pelvic_obliquity"][sel] >= MIN_VISIBILITY)]
    if len(x) < 3:
        return float("nan"), float("nan"), float("nan")
    return (
        100 * float(np.std(x)) / leg_px,
        100 * float(np.ptp(x)) / leg_px,
        float(np.ptp(obl)) if len(obl) > 2 else float("nan"),
    )


def _drift_leg(poses: PoseSequence, side: str, a: int, b: int, leg_px: float) -> float:
    """How far (leg lengths) the foot of `side` moved sideways in the picture over frames [a, b)."""
    x = poses.xy_px[a:b, LEG[side]["ankle"], 0]
    x = x[np.isfinite(x)]
    return float(np.ptp(x)) / leg_px if len(x) else float("nan")


def find_trials(poses: PoseSequence, angles: AngleSeries, leg_px: float, h: dict[str, np.ndarray]) -> list[Trial]:
    """Every stretch of at least MIN_HOLD_S with exactly one foot off the floor (`h`: lift_heights_leg of the clip
    with its leg length `leg_px`)."""
    t = poses.t_s
    with np.errstate(invalid="ignore"):
        # lying, a foot rises without any stance
        upright = tilt_image_deg(poses.xy_px, poses.visibility) <= STANDING_MAX_TILT_DEG
        up = {s: (h[s] > LIFT_MIN_LEG) & upright for s in SIDES}
    trials = []
    for side in SIDES:
        for a, b in true_runs(up[side] & ~up[OTHER[side]], t, TOUCH_JOIN_S):
            if _drift_leg(poses, OTHER[side], a, b, leg_px) > FOOT_DRIFT_LEG:
                continue
            lift = crossing_s(t, h[side], a, LIFT_MIN_LEG)
            touch = crossing_s(t, h[side], b, LIFT_MIN_LEG) if b < len(t) else None
            hold = (touch if touch is not None else float(t[-1])) - lift
            if hold < MIN_HOLD_S:
                continue
            sway = pelvis_sway(poses, angles, lift + SWAY_MARGIN_S, (touch or float(t[-1])) - SWAY_MARGIN_S, leg_px)
            trials.append(Trial(OTHER[side], lift, touch, hold, *sway))
    return sorted(trials, key=lambda x: x.lift_s)


def unseen_floors(heights: dict[str, np.ndarray]) -> list[str]:
    """The feet whose floor was not in the picture (floor_level_px; lift heights `heights` never known): their lifts,
    and so stances on the other leg, cannot be timed."""
    return [s for s, h in heights.items() if not np.isfinite(h).any()]


def stance_findings(trials: list[Trial], unseen: list[str]) -> list[str]:
    """Plain words: each trial, and the two legs compared (not when a foot's floor was unseen: that leg's stances
    were not measured)."""
    if not trials:
        if unseen:
            return [f"no single-leg stance measured: {_unseen_words(unseen, why=False)}"]
        return [
            f"no single-leg stance seen: neither foot stayed off the floor for {MIN_HOLD_S:.0f} s with the other on it"
        ]
    out = [
        f"standing on the {x.standing_leg} leg: {x.hold_s:.1f} s, from {x.lift_s:.2f} s to "
        + (f"{x.touch_s:.2f} s" if x.touch_s is not None else "the end of the clip (still up)")
        + (f"; pelvis sway {x.sway_sd_pct_leg:.1f} % of leg length (SD)" if np.isfinite(x.sway_sd_pct_leg) else "")
        for x in trials
    ]
    best = {
        s: max(x.hold_s for x in trials if x.standing_leg == s)
        for s in SIDES
        if any(x.standing_leg == s for x in trials)
    }
    if len(best) == len(SIDES) and not unseen:
        short = min(SIDES, key=lambda s: best[s])
        out.append(
            f"best hold left {best['left']:.1f} s, right {best['right']:.1f} s: the {short} leg held "
            f"{abs(best['left'] - best['right']):.1f} s less"
        )
    return out


def analyze_single_leg_stance(
    poses: PoseSequence, angles: AngleSeries, config: ClinicalConfig | None = None
) -> SingleLegStanceResult:
    """The single-leg stance trials of a cleaned clip and its angles (compared with the references of `config`, the
    defaults when None)."""
    leg_px = leg_length_px(poses)
    if np.isfinite(leg_px):
        heights = lift_heights_leg(poses, leg_px)
        trials, unseen = find_trials(poses, angles, leg_px, heights), unseen_floors(heights)
    else:
        trials, unseen = [], list(SIDES)
    view = dominant_view(angles)
    warnings = view_warning(
        view,
        ("front", "oblique"),
        "face the camera, feet and floor in view",
        "from the side one foot may hide the other",
    )
    if unseen:
        warnings.append(f"{_unseen_words(unseen)}; film with the feet and the floor in view")
    if any(x.touch_s is None for x in trials):
        warnings.append(
            "the clip ended during a trial: its hold is a lower bound (keep filming until the foot is down)"
        )
    best = max((x.hold_s for x in trials), default=None)
    norms = tuple(compare_all(TEST, {"hold_s": best}, config=config))
    return SingleLegStanceResult(tuple(trials), view, norms, tuple(stance_findings(trials, unseen)), tuple(warnings))


def _unseen_words(unseen: list[str], why: bool = True) -> str:
    """The feet whose floor was not in the picture, and (`why`) what that leaves untimed."""
    feet = "both feet" if len(unseen) == len(SIDES) else f"the {unseen[0]} foot"
    text = f"the floor under {feet} was not in the picture"
    if not why:
        return text
    if len(unseen) == len(SIDES):
        return f"{text} (cut off at its edge, or hidden), so their lifts cannot be seen and no stance is timed"
    return (
        f"{text} (cut off at its edge, or hidden), so its lifts cannot be seen and no stance on the "
        f"{OTHER[unseen[0]]} leg is timed"
    )

"""Gait metrics per stride and per side (DESIGN.md section 6): pure functions of strides, events and angles.

Timing metrics come from the events; sagittal angles (hip, knee) need a side view, where coach measures them in the
image plane as the validation literature does (Stenum et al. 2021); step length is relative to leg length and only
from a side view; pelvic drop and trunk sway (Trendelenburg-like) need a front view. A metric a stride's view does
not suit is withheld with the reason, never guessed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from coach.config import landmark_trust
from coach.gait.cycles import Stride
from coach.gait.events import GaitEvents
from coach.gait.passes import WalkPass
from coach.landmarks import OTHER
from coach.types import AngleSeries

#: Smallest median confidence of an angle over a stride for its metric to be reported: its landmarks seen (the
#: visibility gate of [landmarks] in coach/config/defaults.toml).
MIN_CONF = landmark_trust().min_visibility
#: Smallest share of a stride's frames with a finite angle.
MIN_FINITE = 0.8
#: Fewest accepted strides (both feet) whose mean time gives the cadence before the walk's rhythm does: one or two
#: strides rest on four to eight events, any of which may be off by a few frames in a poor view, where the rhythm
#: uses every frame of the walk.
CADENCE_MIN_STRIDES = 3


@dataclass(frozen=True)
class MetricSpec:
    """One gait metric: unit; views that suit it (None = any); whether it needs the pose model's leg labels to be
    right (leg angles); symmetry rule 'si' (|SI| %) or 'diff' (|right - left| in the unit) and `limits`, the group
    of coach/config/defaults.toml [gait.symmetry] holding its mild and asymmetric thresholds; words for findings (noun,
    and the comparative for a smaller value); temporal: a timing measure (robust in any view: the verdict rests on
    these); near_only: an angle of one leg, trusted in a side view only when that leg is the one nearer the camera (the
    far leg is half hidden behind it)."""

    unit: str
    views: tuple[str, ...] | None
    needs_legs: bool
    rule: str
    limits: str
    noun: str
    smaller: str
    temporal: bool = False
    near_only: bool = False


#: The catalogue. Times and ratios: Robinson SI; angles: the left/right difference (limits and their sources:
#: [gait.symmetry] of coach/config/defaults.toml).
METRICS: dict[str, MetricSpec] = {
    "stride_time_s": MetricSpec("s", None, False, "si", "timing", "stride time", "shorter", temporal=True),
    "step_time_s": MetricSpec("s", None, False, "si", "timing", "step time", "shorter", temporal=True),
    "stance_pct": MetricSpec("% of stride", None, False, "si", "timing", "stance", "shorter", temporal=True),
    "swing_pct": MetricSpec("% of stride", None, False, "si", "timing", "swing", "shorter", temporal=True),
    "single_support_pct": MetricSpec(
        "% of stride", None, False, "si", "timing", "single support", "shorter", temporal=True
    ),
    "double_support_pct": MetricSpec(
        "% of stride", None, False, "si", "timing", "double support", "shorter", temporal=True
    ),
    "hip_flex_at_hs_deg": MetricSpec(
        "deg", ("side",), True, "diff", "sagittal_angles", "hip flexion at heel strike", "less", near_only=True
    ),
    "hip_ext_peak_deg": MetricSpec(
        "deg", ("side",), True, "diff", "sagittal_angles", "hip extension in late stance", "less", near_only=True
    ),
    "hip_rom_deg": MetricSpec(
        "deg", ("side",), True, "diff", "sagittal_angles", "sagittal hip range of motion", "less", near_only=True
    ),
    "knee_flex_swing_peak_deg": MetricSpec(
        "deg", ("side",), True, "diff", "sagittal_angles", "peak knee flexion in swing", "less", near_only=True
    ),
    "step_length_leg": MetricSpec("leg lengths", ("side",), True, "si", "step_length", "step length", "shorter"),
    "pelvic_drop_deg": MetricSpec(
        "deg", ("front",), False, "diff", "frontal_angles", "opposite-side pelvic drop at mid-stance on it", "less"
    ),
    "trunk_sway_deg": MetricSpec(
        "deg", ("front",), False, "diff", "frontal_angles", "trunk lean over it at mid-stance", "less"
    ),
}


@dataclass(frozen=True)
class MetricSummary:
    """Mean, SD, CV (% of |mean|) over n strides of one side; `withheld` says why there is no value (n = 0); far_mean
    and far_n: the same angle measured on the leg while it was the far one in a side view (less trusted, kept
    apart); landmark_conf: for an angle, the pose model's mean confidence in its landmarks over those strides, in
    [0, 1] (NaN for timing). How far to trust the mean: its standard error (sem, the metric's unit) and
    landmark_conf."""

    mean: float
    sd: float
    cv_pct: float
    n: int
    withheld: str = ""
    far_mean: float = np.nan
    far_n: int = 0
    landmark_conf: float = np.nan

    @property
    def sem(self) -> float:
        """Standard error of the mean (SD / sqrt(n)); NaN under two strides."""
        return self.sd / np.sqrt(self.n) if self.n > 1 else np.nan

    def to_dict(self) -> dict:
        """JSON-safe: rounded numbers, None where undefined."""

        def r(x: float) -> float | None:
            return round(float(x), 3) if np.isfinite(x) else None

        out = {"mean": r(self.mean), "sd": r(self.sd), "cv": r(self.cv_pct), "n": self.n, "sem": r(self.sem)}
        far = {"far_leg_mean": r(self.far_mean), "far_leg_n": self.far_n} if self.far_n else {}
        conf = {"landmark_conf": r(self.landmark_conf)} if np.isfinite(self.landmark_conf) else {}
        return out | ({"withheld": self.withheld} if self.withheld else {}) | far | conf


def summarise_values(values: list[float], reasons: list[str]) -> MetricSummary:
    """Mean, SD (ddof 1), CV and count of the finite values; the most common reason when none is left."""
    v = np.array([x for x in values if np.isfinite(x)])
    if not len(v):
        # the most common reason, a tie going to the first seen (a set's order changes between runs: not the same text)
        reason = Counter(reasons).most_common(1)[0][0] if reasons else "no usable stride"
        return MetricSummary(np.nan, np.nan, np.nan, 0, reason)
    mean = float(v.mean())
    sd = float(v.std(ddof=1)) if len(v) > 1 else np.nan
    cv = 100.0 * sd / abs(mean) if abs(mean) > 1e-9 else np.nan
    return MetricSummary(mean, sd, cv, len(v))


def timing_values(s: Stride) -> dict[str, float]:
    """Stride and step time (s), stance, swing, single support (the other foot in the air) and double support (% of
    stride) of one stride."""
    stride = s.stride_s
    stance = 100.0 * (s.to_s - s.hs_s) / stride
    return {
        "stride_time_s": stride,
        "step_time_s": s.next_hs_s - s.opp_hs_s,
        "stance_pct": stance,
        "swing_pct": 100.0 - stance,
        "single_support_pct": 100.0 * (s.opp_hs_s - s.opp_to_s) / stride,
        "double_support_pct": 100.0 * ((s.opp_to_s - s.hs_s) + (s.to_s - s.opp_hs_s)) / stride,
    }


def _window(t_s: np.ndarray, x: np.ndarray, t0: float, t1: float) -> np.ndarray:
    """Samples of x with t0 <= t <= t1."""
    return x[(t_s >= t0) & (t_s <= t1)]


def sagittal_values(s: Stride, t_s: np.ndarray, angles: AngleSeries) -> dict[str, float]:
    """Hip flexion at heel strike, peak hip extension in stance (+ = behind the trunk line), hip range over the
    stride, peak knee flexion in swing (deg) of one stride."""
    hip, knee = angles[f"hip_flex_{s.side}"], angles[f"knee_flex_{s.side}"]
    ok = np.isfinite(hip)
    stance = _window(t_s, hip, s.hs_s, s.to_s)
    stride = _window(t_s, hip, s.hs_s, s.next_hs_s)
    swing = _window(t_s, knee, s.to_s, s.next_hs_s)
    return {
        "hip_flex_at_hs_deg": float(np.interp(s.hs_s, t_s[ok], hip[ok])) if ok.sum() > 1 else np.nan,
        "hip_ext_peak_deg": -float(np.nanmin(stance)) if np.isfinite(stance).any() else np.nan,
        "hip_rom_deg": float(np.nanmax(stride) - np.nanmin(stride)) if np.isfinite(stride).any() else np.nan,
        "knee_flex_swing_peak_deg": float(np.nanmax(swing)) if np.isfinite(swing).any() else np.nan,
    }


def step_length_leg(s: Stride, walk: WalkPass) -> float:
    """Distance between the heels along the walking direction at the stride's closing heel strike, in leg lengths."""
    i = s.stop - walk.start
    return float((walk.heel_ant[s.side][i] - walk.heel_ant[OTHER[s.side]][i]) / walk.leg_length)


def _mean_over(t_s: np.ndarray, x: np.ndarray, spans: list[tuple[float, float]]) -> float:
    """Mean of the finite samples of x with t_s inside any of the spans (NaN without any)."""
    inside = np.zeros(len(t_s), bool)
    for t0, t1 in spans:
        inside |= (t_s >= t0) & (t_s <= t1)
    part = x[inside & np.isfinite(x)]
    return float(part.mean()) if len(part) else np.nan


def frontal_values(s: Stride, t_s: np.ndarray, angles: AngleSeries) -> dict[str, float]:
    """Front or rear view, deg: the drop of the opposite hip (pelvic obliquity) and the trunk's lean toward this side,
    at mid-stance (the mean over the middle half of this side's single support, when it carries the body alone)
    relative to their level in the stride's double supports (both feet down: the level the person walks with, a
    tilted camera included). Means over several frames rather than peaks, which landmark noise would inflate."""
    sign_obl = 1.0 if s.side == "right" else -1.0  # obliquity + = left hip lower
    sign_lat = -sign_obl  # trunk_lateral + = toward the left
    quarter = 0.25 * (s.opp_hs_s - s.opp_to_s)
    mid = [(s.opp_to_s + quarter, s.opp_hs_s - quarter)]
    double = [(s.hs_s, s.opp_to_s), (s.opp_hs_s, s.to_s)]
    out = {}
    for name, x in (
        ("pelvic_drop_deg", sign_obl * angles["pelvic_obliquity"]),
        ("trunk_sway_deg", sign_lat * angles["trunk_lateral"]),
    ):
        out[name] = _mean_over(t_s, x, mid) - _mean_over(t_s, x, double)
    return out


def _angle_quality(s: Stride, angles: AngleSeries, names: list[str]) -> str:
    """Why these angles cannot be trusted over the stride ('' when they can)."""
    sl = slice(s.start, s.stop + 1)
    for name in names:
        if np.mean(np.isfinite(angles[name][sl])) < MIN_FINITE or np.median(angles.conf[name][sl]) < MIN_CONF:
            return f"{name} too uncertain in this stride (hidden or low-visibility landmarks)"
    return ""


def stride_view(s: Stride, angles: AngleSeries) -> str:
    """The dominant camera view over a stride."""
    views = angles.view[s.start : s.stop + 1]
    views = views[views != ""] if len(views) else views
    if not len(views):
        return "unknown"
    codes, counts = np.unique(views, return_counts=True)
    return str(codes[np.argmax(counts)])


SAGITTAL = ("hip_flex_at_hs_deg", "hip_ext_peak_deg", "hip_rom_deg", "knee_flex_swing_peak_deg")
#: Why a far leg's angle stays out of the comparison between the legs (its value is kept apart).
FAR_LEG = (
    "far leg in this side view (half hidden behind the near one): its angles are less trustworthy and are "
    "kept out of the comparison between the legs"
)
FRONTAL = ("pelvic_drop_deg", "trunk_sway_deg")


#: What a view-bound metric group (MetricSpec.limits) is called where a stride's view cannot give it.
NEEDS_VIEW = {
    "frontal_angles": "pelvic drop and trunk lean need",
    "sagittal_angles": "hip and knee angles need",
    "step_length": "step length needs",
}


def withheld_reason(spec: MetricSpec, view: str, s: Stride, angles: AngleSeries, names: list[str]) -> str:
    """Why a stride cannot give a metric ('' when it can): unsuitable view, swapped legs, uncertain angles."""
    if spec.views and view not in spec.views:
        return f"{NEEDS_VIEW[spec.limits]} a {'/'.join(spec.views)} view: filmed from the {view}"
    if spec.needs_legs and not s.labels_agree:
        return "the pose model swapped the left and right legs during this stride"
    return _angle_quality(s, angles, names)


def stride_metrics(s: Stride, t_s: np.ndarray, angles: AngleSeries, walk: WalkPass) -> dict[str, tuple[float, str]]:
    """Every metric of one stride as (value, reason withheld); value NaN when withheld."""
    view = stride_view(s, angles)
    out = {k: (v, "") for k, v in timing_values(s).items()}
    for keys, compute in ((SAGITTAL, sagittal_values), (FRONTAL, frontal_values)):
        names = sorted({a for k in keys for a in angle_names(k, s.side)})
        reason = withheld_reason(METRICS[keys[0]], view, s, angles, names)
        vals = {} if reason else compute(s, t_s, angles)
        if not reason and METRICS[keys[0]].near_only and walk.near_side not in (None, s.side):
            reason = FAR_LEG
        out |= {k: (vals.get(k, np.nan), reason) for k in keys}
    reason = withheld_reason(METRICS["step_length_leg"], view, s, angles, [])
    if not reason and walk.axis != "image_x":
        reason = "step length needs image positions from a side view"
    out["step_length_leg"] = (np.nan, reason) if reason else (step_length_leg(s, walk), "")
    return out


def angle_names(name: str, side: str) -> list[str]:
    """The angles (coach.kinematics.angles) an angle metric of one side is measured from; [] for a timing metric."""
    if name in SAGITTAL:
        return [f"hip_flex_{side}", f"knee_flex_{side}"]
    return {"pelvic_drop_deg": ["pelvic_obliquity"], "trunk_sway_deg": ["trunk_lateral"]}.get(name, [])


def landmark_confidence(s: Stride, angles: AngleSeries, names: list[str]) -> float:
    """The pose model's confidence in the landmarks of these angles over a stride: the lowest of their medians."""
    sl = slice(s.start, s.stop + 1)
    return min((float(np.median(angles.conf[n][sl])) for n in names), default=np.nan)


def side_summaries(
    per_stride: list[tuple[Stride, dict[str, tuple[float, str]]]], angles: AngleSeries
) -> dict[str, dict[str, MetricSummary]]:
    """metric -> side -> MetricSummary over the accepted strides (a far leg's angles kept apart in far_mean; an
    angle's landmark confidence averaged over the strides it was measured in)."""
    out: dict[str, dict[str, MetricSummary]] = {}
    for name in METRICS:
        out[name] = {}
        for side in ("left", "right"):
            rows = [(s, m[name]) for s, m in per_stride if s.side == side]
            summary = summarise_values([v if not r else np.nan for _, (v, r) in rows], [r for _, (_, r) in rows if r])
            far = [v for _, (v, r) in rows if r == FAR_LEG and np.isfinite(v)]
            if far:
                summary = replace(summary, far_mean=float(np.mean(far)), far_n=len(far))
            used = [s for s, (v, r) in rows if not r and np.isfinite(v)]
            if used and angle_names(name, side):
                conf = np.mean([landmark_confidence(s, angles, angle_names(name, side)) for s in used])
                summary = replace(summary, landmark_conf=float(conf))
            out[name][side] = summary
    return out


def cadence_steps_per_min(
    strides: list[Stride], events: GaitEvents, rhythm_steps_per_min: float = np.nan
) -> tuple[float, str]:
    """Steps per minute and what they were measured from. 'strides': 120 / the mean time of the accepted strides
    (their events checked in gait order), which holds for unequal steps (a limp: two steps of different lengths make
    one stride) and for a foot seen in only part of the walk. With fewer than CADENCE_MIN_STRIDES (a short clip):
    'rhythm', the walk's rhythm (coach.gait.rhythm) when it is clear, else the strides there are, else 'events': 120 /
    the median time between consecutive events of one kind of the same foot in a pass (robust to a missed or spurious
    event), else 60 / the median time between heel strikes of alternating feet. (NaN, '') without any."""
    if len(strides) >= CADENCE_MIN_STRIDES or (strides and not np.isfinite(rhythm_steps_per_min)):
        return float(120.0 / np.mean([s.stride_s for s in strides])), "strides"
    if np.isfinite(rhythm_steps_per_min):
        return float(rhythm_steps_per_min), "rhythm"
    t, side, kind, p = events.t_s, events.side, events.kind, events.pass_index
    repeats = [
        np.diff(t[(side == s) & (kind == k) & (p == i)])
        for s in ("left", "right")
        for k in ("HS", "TO")
        for i in np.unique(p)
    ]
    same = np.concatenate(repeats) if repeats else np.zeros(0)
    if len(same):
        return float(120.0 / np.median(same)), "events"
    hs = kind == "HS"
    th, sh, ph = t[hs], side[hs], p[hs]
    steps = np.diff(th)[(ph[1:] == ph[:-1]) & (sh[1:] != sh[:-1])]
    return (float(60.0 / np.median(steps)), "events") if len(steps) else (np.nan, "")

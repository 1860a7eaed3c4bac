"""The gait part of a summary (summary.json's `gait`): steps, cadence and rhythm, strides accepted and rejected,
per-side metrics, symmetry with verdicts and their rules, findings and walking passes (docs/outputs.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.landmarks import SIDES
from coach.summary.codec import JsonSummary, meta


@dataclass(frozen=True)
class MetricStats(JsonSummary):
    """One side of a gait metric over strides: mean, SD, CV (%), n, standard error; why it is withheld; the far
    leg's mean apart (side view) and the landmarks' confidence, where known."""

    mean: float | None = None
    sd: float | None = None
    cv: float | None = None
    n: int = 0
    sem: float | None = None
    withheld: str = field(default="", metadata=meta(omit="empty"))
    far_leg_mean: float | None = field(default=None, metadata=meta(omit="none"))
    far_leg_n: int | None = field(default=None, metadata=meta(omit="none"))
    landmark_conf: float | None = field(default=None, metadata=meta(omit="none"))


@dataclass(frozen=True)
class GaitMetric(JsonSummary):
    """A gait metric's unit and its statistics per side."""

    unit: str = ""
    left: MetricStats = field(default_factory=MetricStats)
    right: MetricStats = field(default_factory=MetricStats)

    def side(self, name: str) -> MetricStats:
        """The statistics of side 'left' or 'right'."""
        return self.left if name == "left" else self.right


@dataclass(frozen=True)
class SymmetrySummary(JsonSummary):
    """Left/right symmetry of one metric (coach.gait.symmetry.Symmetry): SI %, ratio, symmetry angle %, right minus
    left (metric unit), verdict, its rule, strides per side, whether the difference is within the stride-to-stride
    variability, and why it is withheld."""

    si_percent: float | None = None
    ratio: float | None = None
    symmetry_angle_percent: float | None = None
    right_minus_left: float | None = None
    verdict: str = ""
    rule: str = ""
    n_left: int = 0
    n_right: int = 0
    within_variability: bool = False
    withheld: str = field(default="", metadata=meta(omit="empty"))


@dataclass(frozen=True)
class RejectedStrideSummary(JsonSummary):
    """A stride not used, with its side, span (s) and reason."""

    side: str
    start_s: float | None = None
    stop_s: float | None = None
    reason: str = ""


@dataclass(frozen=True)
class PassSummary(JsonSummary):
    """A walking pass: index, span (s), direction and view, speed (leg lengths/s), the leg nearer the camera (None
    from the front or behind) and what its events came from."""

    index: int
    start_s: float | None = None
    stop_s: float | None = None
    direction: str = ""
    view: str = ""
    speed_leg_per_s: float | None = None
    near_leg: str | None = None
    events_from: str = ""


@dataclass(frozen=True)
class GaitSummary(JsonSummary):
    """summary.json's `gait`: heel strikes and toe offs per side, cadence (steps/min) and what it was measured from,
    the walk's rhythm, strides per side, rejected strides, metrics and symmetry by metric name, the verdict rules,
    the overall verdict, findings and passes."""

    steps: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIDES, 0))
    toe_offs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIDES, 0))
    cadence_steps_per_min: float | None = None
    cadence_from: str | None = None
    rhythm: dict | None = None
    strides: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIDES, 0))
    rejected_strides: tuple[RejectedStrideSummary, ...] = ()
    metrics: dict[str, GaitMetric] = field(default_factory=dict)
    symmetry: dict[str, SymmetrySummary] = field(default_factory=dict)
    thresholds: dict[str, str] = field(default_factory=dict)
    verdict: str = ""
    findings: tuple[str, ...] = ()
    passes: tuple[PassSummary, ...] = ()

"""Left/right symmetry of each gait metric: symmetry index (Robinson et al. 1987), ratio, symmetry angle
(Zifchock et al. 2008, Gait & Posture 27:622-627) and a verdict with its thresholds stated."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.config import ClinicalConfig, default_config
from coach.gait.metrics import METRICS, MetricSummary

MIN_STRIDES = 3
VERDICTS = ("symmetric", "mildly asymmetric", "asymmetric")
NOT_ENOUGH = "not enough strides"
WITHHELD = "withheld"


def symmetry_index_pct(left: float, right: float) -> float:
    """SI = (R - L) / (0.5 (R + L)) x 100 (Robinson 1987); + = right larger; NaN when R + L = 0."""
    den = 0.5 * (left + right)
    return float(100.0 * (right - left) / den) if den != 0 else np.nan


def ratio_min_max(left: float, right: float) -> float:
    """min/max of the two sides, in [0, 1] for same-signed values (0 when one side is 0); NaN for opposite signs or
    when both are 0."""
    if left * right < 0 or left == right == 0:
        return np.nan
    return float(min(abs(left), abs(right)) / max(abs(left), abs(right)))


def symmetry_angle_pct(left: float, right: float) -> float:
    """SA = (45 deg - atan(L/R)) / 90 deg x 100 (Zifchock 2008), with the paper's wrap when above 100 %; 0 = perfect."""
    if right == 0:
        return np.nan
    sa = 45.0 - np.degrees(np.arctan(left / right))
    if sa > 90.0:
        sa -= 180.0
    return float(100.0 * sa / 90.0)


@dataclass(frozen=True)
class Symmetry:
    """Symmetry of one metric: SI %, ratio, SA %, right - left difference (metric unit), the verdict and what it
    rests on (rule text, stride counts)."""

    si_pct: float
    ratio: float
    sa_pct: float
    diff: float
    verdict: str
    rule: str
    n_left: int
    n_right: int
    within_variability: bool = False
    withheld: str = ""

    def to_dict(self) -> dict:
        """JSON-safe with the field names of summary.json."""

        def r(x: float) -> float | None:
            return round(float(x), 3) if np.isfinite(x) else None

        return {
            "si_percent": r(self.si_pct),
            "ratio": r(self.ratio),
            "symmetry_angle_percent": r(self.sa_pct),
            "right_minus_left": r(self.diff),
            "verdict": self.verdict,
            "rule": self.rule,
            "n_left": self.n_left,
            "n_right": self.n_right,
            "within_variability": self.within_variability,
        } | ({"withheld": self.withheld} if self.withheld else {})


def rule_text(name: str, config: ClinicalConfig) -> str:
    """The verdict thresholds of a metric in words, with the limits of `config`."""
    spec = METRICS[name]
    limits = config.symmetry_limits(spec.limits)
    size = "|SI|" if spec.rule == "si" else "|right - left|"
    unit = "%" if spec.rule == "si" else f" {spec.unit}"
    return (
        f"{size} < {limits.mild:g}{unit} symmetric, < {limits.asymmetric:g}{unit} mildly asymmetric, else asymmetric; "
        f"a difference within 2 standard errors of the stride-to-stride variability counts as symmetric; "
        f"at least {MIN_STRIDES} strides per side"
    )


def metric_symmetry(
    name: str, left: MetricSummary, right: MetricSummary, config: ClinicalConfig | None = None
) -> Symmetry:
    """Symmetry and verdict of one metric from its per-side summaries, with the limits of `config` (the defaults
    when None)."""
    config = config or default_config()
    spec = METRICS[name]
    limits = config.symmetry_limits(spec.limits)
    rule = rule_text(name, config)
    L, R = left.mean, right.mean
    si, ratio, sa = (
        (symmetry_index_pct(L, R), ratio_min_max(L, R), symmetry_angle_pct(L, R))
        if left.n and right.n
        else (np.nan, np.nan, np.nan)
    )
    diff = R - L if left.n and right.n else np.nan
    if (not left.n and left.withheld) or (not right.n and right.withheld):
        why = " | ".join(f"{side}: {m.withheld}" for side, m in (("left", left), ("right", right)) if not m.n)
        return Symmetry(si, ratio, sa, diff, WITHHELD, rule, left.n, right.n, withheld=why)
    if min(left.n, right.n) < MIN_STRIDES:
        return Symmetry(si, ratio, sa, diff, NOT_ENOUGH, rule, left.n, right.n)
    size = abs(si) if spec.rule == "si" else abs(diff)
    verdict = VERDICTS[int(size >= limits.mild) + int(size >= limits.asymmetric)] if np.isfinite(size) else VERDICTS[0]
    se = np.sqrt(np.nan_to_num(left.sd) ** 2 / left.n + np.nan_to_num(right.sd) ** 2 / right.n)
    noisy = bool(abs(diff) <= 2 * se)
    return Symmetry(
        si,
        ratio,
        sa,
        diff,
        VERDICTS[0] if noisy else verdict,
        rule,
        left.n,
        right.n,
        noisy and verdict != VERDICTS[0],
    )


def overall_verdict(symmetries: dict[str, Symmetry]) -> str:
    """The worst verdict among the timing metrics (step time, stance, single support...: robust in every view, so the
    verdict rests on them alone; angles add findings); 'not enough strides' when none has one."""
    rated = [s.verdict for name, s in symmetries.items() if s.verdict in VERDICTS and METRICS[name].temporal]
    if not rated:
        return NOT_ENOUGH
    return max(rated, key=VERDICTS.index)

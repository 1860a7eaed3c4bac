"""Plain-words findings from the symmetry of each metric: which side is smaller, by how much, on how many strides,
and the pattern of a painful hip (less hip extension and a shorter stance on one side; DESIGN.md section 6).
coach coaches and does not diagnose: a pattern is named as 'typical of', with the advice to ask a therapist."""

from __future__ import annotations

import numpy as np

from coach.gait.metrics import FRONTAL, METRICS, MetricSummary
from coach.gait.symmetry import MIN_STRIDES, NOT_ENOUGH, VERDICTS, Symmetry


def smaller_side(sym: Symmetry) -> str:
    """'left' or 'right': the side with the smaller mean."""
    return "left" if sym.diff > 0 else "right"


def describe_difference(name: str, sym: Symmetry, left: MetricSummary, right: MetricSummary) -> str:
    """One sentence: the smaller side, the gap with units, both means, stride counts and CVs."""
    spec = METRICS[name]
    side = smaller_side(sym)
    other = "right" if side == "left" else "left"
    if name in FRONTAL:  # larger is the sign here: the side standing when the pelvis drops or the trunk leans more
        what = "the pelvis drops on the other side" if name == "pelvic_drop_deg" else "the trunk leans over it"
        return (f"while standing on the {other} leg {what} {abs(sym.diff):.0f} deg more than on the {side} "
                f"({sym.verdict}; left {left.mean:.1f}, right {right.mean:.1f} deg; {left.n} left and {right.n} right "
                f"strides): a Trendelenburg-like sign on the {other} side")
    if spec.rule == "si":
        gap = f"{abs(sym.si_pct):.0f}% {spec.smaller}"
    else:
        gap = f"{abs(sym.diff):.0f} {spec.unit} {spec.smaller}"

    def cv(m: MetricSummary) -> str:
        return f"{m.cv_pct:.0f}%" if np.isfinite(m.cv_pct) else "n/a"
    return (f"the {side} {spec.noun} is {gap} than the {other} ({sym.verdict}; left {left.mean:.2f}, right "
            f"{right.mean:.2f} {spec.unit}; {left.n} left and {right.n} right strides, CV {cv(left)} and {cv(right)})")


def painful_hip_side(sym: dict[str, Symmetry]) -> str:
    """The side with both less hip extension (an asymmetric verdict) and a shorter stance beyond the stride-to-stride
    variability, or '' when the pattern is absent."""
    ext, stance = sym.get("hip_ext_peak_deg"), sym.get("stance_pct")
    if ext is None or stance is None or ext.verdict not in VERDICTS[1:]:
        return ""
    if stance.verdict == NOT_ENOUGH or stance.within_variability or not np.isfinite(stance.diff) or stance.diff == 0:
        return ""
    side = smaller_side(ext)
    return side if smaller_side(stance) == side else ""


def gait_findings(summaries: dict[str, dict[str, MetricSummary]], sym: dict[str, Symmetry]) -> list[str]:
    """Plain-words findings, most important first."""
    rated = [n for n, s in sym.items() if s.verdict in VERDICTS]
    if not rated:
        counts = summaries["stride_time_s"]
        return [f"not enough strides for a symmetry verdict: {counts['left'].n} left and {counts['right'].n} right "
                f"(at least {MIN_STRIDES} per side are needed); film a longer walk, several passes past the camera"]
    out = []
    side = painful_hip_side(sym)
    if side:
        ext, stance = sym["hip_ext_peak_deg"], sym["stance_pct"]
        out.append(f"the {side} hip extends {abs(ext.diff):.0f} deg less in late stance and its stance is "
                   f"{abs(stance.si_pct):.0f}% shorter: typical of a painful {side} hip (coach does not diagnose; "
                   "show this to your therapist)")
    order = sorted((n for n in rated if sym[n].verdict != VERDICTS[0]), key=lambda n: -VERDICTS.index(sym[n].verdict))
    out += [describe_difference(n, sym[n], summaries[n]["left"], summaries[n]["right"]) for n in order]
    if not order:
        out.append("walking looks symmetric: no left/right difference beyond the thresholds in "
                   f"{len(rated)} metrics")
    return out

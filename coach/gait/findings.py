"""Plain-words findings from the symmetry of each metric: which side is smaller, by how much, on how many strides,
and the antalgic pattern (less time on one leg: shorter stance and single support, with less hip extension when the
angles back it; DESIGN.md section 6). coach coaches and does not diagnose: a pattern is named as 'typical of', with
the advice to ask a therapist."""

from __future__ import annotations

from typing import TypeGuard

import numpy as np

from coach.gait.metrics import FRONTAL, METRICS, MetricSummary
from coach.gait.symmetry import MIN_STRIDES, VERDICTS, Symmetry
from coach.numbers import number_text


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
        return (
            f"while standing on the {other} leg {what} {abs(sym.diff):.0f} deg more than on the {side} "
            f"({sym.verdict}; left {left.mean:.1f}, right {right.mean:.1f} deg; {left.n} left and {right.n} right "
            f"strides): a Trendelenburg-like sign on the {other} side"
        )
    if spec.rule == "si":
        gap = f"{abs(sym.si_pct):.0f}% {spec.smaller}"
    else:
        gap = f"{abs(sym.diff):.0f} {spec.unit} {spec.smaller}"

    def cv(m: MetricSummary) -> str:
        return f"{m.cv_pct:.0f}%" if np.isfinite(m.cv_pct) else "n/a"

    means = f"left {number_text(left.mean, spec.unit)}, right {number_text(right.mean, spec.unit)} {spec.unit}"
    return (
        f"the {side} {spec.noun} is {gap} than the {other} ({sym.verdict}; {means}; {left.n} left and {right.n} "
        f"right strides, CV {cv(left)} and {cv(right)})"
    )


def _differs(sym: Symmetry | None) -> TypeGuard[Symmetry]:
    """A metric whose sides differ beyond its symmetric threshold and beyond the stride-to-stride variability."""
    return sym is not None and sym.verdict in VERDICTS[1:] and np.isfinite(sym.diff) and sym.diff != 0


def antalgic_side(sym: dict[str, Symmetry]) -> str:
    """The side that bears weight for less time: both a shorter stance and a shorter single support (the time it
    carries the body alone) beyond the thresholds, or '' when the pattern is absent. Less time on a leg is the
    antalgic pattern of a painful hip or knee (Whittle, Gait Analysis; DESIGN.md section 6)."""
    stance, single = sym.get("stance_pct"), sym.get("single_support_pct")
    if not (_differs(stance) and _differs(single)):
        return ""
    side = smaller_side(stance)
    return side if smaller_side(single) == side else ""


def pattern_sentence(sym: dict[str, Symmetry], side: str) -> str:
    """Plain words for the antalgic pattern on `side`, with less hip extension when the angles back it."""
    stance, single, ext = sym["stance_pct"], sym["single_support_pct"], sym.get("hip_ext_peak_deg")
    text = (
        f"the {side} leg carries the body for less time: its stance is {abs(stance.si_pct):.0f}% and its single "
        f"support {abs(single.si_pct):.0f}% shorter than the other leg's"
    )
    if _differs(ext) and smaller_side(ext) == side:
        text += f", and the {side} hip extends {abs(ext.diff):.0f} deg less in late stance"
    return (
        text + f": typical of walking to spare a painful {side} hip or leg (coach does not diagnose; show this to "
        "your therapist)"
    )


def gait_findings(summaries: dict[str, dict[str, MetricSummary]], sym: dict[str, Symmetry]) -> list[str]:
    """Plain-words findings, most important first: the timing pattern, then each metric that differs (timing first,
    then angles compared between legs each seen nearest the camera, then front-view measures)."""
    timed = [n for n, s in sym.items() if s.verdict in VERDICTS and METRICS[n].temporal]
    if not timed:
        counts = summaries["stride_time_s"]
        return [
            f"not enough strides for a symmetry verdict: {counts['left'].n} left and {counts['right'].n} right "
            f"(at least {MIN_STRIDES} per side are needed); film a longer walk, several passes past the camera"
        ]
    out = []
    side = antalgic_side(sym)
    if side:
        out.append(pattern_sentence(sym, side))
    rated = [n for n, s in sym.items() if s.verdict in VERDICTS]
    order = sorted(
        (n for n in rated if sym[n].verdict != VERDICTS[0]),
        key=lambda n: (not METRICS[n].temporal, -VERDICTS.index(sym[n].verdict)),
    )
    out += [describe_difference(n, sym[n], summaries[n]["left"], summaries[n]["right"]) for n in order]
    if not any(sym[n].verdict != VERDICTS[0] for n in timed):
        out.insert(
            0,
            f"the timing of both legs looks symmetric: no left/right difference beyond the thresholds in "
            f"{len(timed)} timing measures (step time, stance, single support...)",
        )
    return out

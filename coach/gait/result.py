"""GaitResult: everything gait analysis found, as summary.json's gait part and as strides.csv / events.csv
(the TaskResult protocol of coach.types)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.gait.cycles import RejectedStride, Stride
from coach.gait.events import GaitEvents
from coach.gait.metrics import METRICS, MetricSummary
from coach.gait.passes import DIRECTION_WORDS, WalkPass
from coach.gait.rhythm import Rhythm
from coach.gait.symmetry import Symmetry

STRIDE_COLUMNS = [
    "side",
    "pass",
    "leg_view",
    "status",
    "reason",
    "labels_agree",
    "hs_s",
    "opp_to_s",
    "opp_hs_s",
    "to_s",
    "next_hs_s",
    *METRICS,
]


def leg_view(walk: WalkPass, side: str) -> str:
    """How a leg was seen in a pass: 'near' or 'far' (side view: the far leg is half hidden), else the direction."""
    if walk.near_side is None:
        return DIRECTION_WORDS[walk.mode]
    return "near" if walk.near_side == side else "far"


@dataclass(frozen=True)
class GaitResult:
    """Passes, events, accepted strides with their metric values, rejected strides, per-side summaries, symmetry,
    cadence and what it was measured from ('strides', 'rhythm' or 'events'), the walk's rhythm (None when it is not
    clear), overall verdict, findings and warnings of one clip."""

    passes: list[WalkPass]
    events: GaitEvents
    strides: list[tuple[Stride, dict[str, tuple[float, str]]]]
    rejected: list[RejectedStride]
    metrics: dict[str, dict[str, MetricSummary]]
    symmetry: dict[str, Symmetry]
    cadence_steps_per_min: float
    cadence_from: str
    rhythm: Rhythm | None
    verdict: str
    findings: list[str]
    warnings: list[str]

    def summary(self) -> dict:
        """{'gait': {...}, 'warnings': [...]} for summary.json."""
        cad = self.cadence_steps_per_min
        metrics = {
            name: {"unit": METRICS[name].unit}
            | {side: self.metrics[name][side].to_dict() for side in ("left", "right")}
            for name in METRICS
        }
        gait = {
            "steps": {side: self.events.count("HS", side) for side in ("left", "right")},
            "toe_offs": {side: self.events.count("TO", side) for side in ("left", "right")},
            "cadence_steps_per_min": round(cad, 1) if np.isfinite(cad) else None,
            "cadence_from": self.cadence_from or None,
            "rhythm": self.rhythm.to_dict() if self.rhythm else None,
            "strides": {side: sum(1 for s, _ in self.strides if s.side == side) for side in ("left", "right")},
            "rejected_strides": [
                {"side": r.side, "start_s": round(r.start_s, 3), "stop_s": round(r.stop_s, 3), "reason": r.reason}
                for r in self.rejected
            ],
            "metrics": metrics,
            "symmetry": {name: s.to_dict() for name, s in self.symmetry.items()},
            "thresholds": {name: self.symmetry[name].rule for name in METRICS},
            "verdict": self.verdict,
            "findings": self.findings,
            "passes": [p.to_dict() for p in self.passes],
        }
        return {"gait": gait, "warnings": list(self.warnings)}

    def tables(self) -> dict[str, tuple[list[str], list[list]]]:
        """strides.csv (accepted and rejected, one row each; labels_agree False where the pose model swapped the legs
        during an accepted stride, so its leg angles are the other leg's for part of it) and events.csv."""

        def r(x: float) -> float | str:
            return round(float(x), 4) if np.isfinite(x) else ""

        by_index = {p.index: p for p in self.passes}
        rows = []
        for s, values in self.strides:
            reasons = sorted({why for _, why in values.values() if why})
            rows.append(
                [
                    s.side,
                    s.pass_index,
                    leg_view(by_index[s.pass_index], s.side),
                    "ok",
                    "; ".join(reasons),
                    s.labels_agree,
                    r(s.hs_s),
                    r(s.opp_to_s),
                    r(s.opp_hs_s),
                    r(s.to_s),
                    r(s.next_hs_s),
                    *(r(values[k][0]) for k in METRICS),
                ]
            )
        for x in self.rejected:
            rows.append(
                [x.side, "", "", "rejected", x.reason, "", r(x.start_s), "", "", "", r(x.stop_s)] + [""] * len(METRICS)
            )
        rows.sort(key=lambda row: row[STRIDE_COLUMNS.index("hs_s")])
        return {"strides.csv": (STRIDE_COLUMNS, rows), "events.csv": self.events.to_frame()}

"""What an exercise set gave: reps, per-side statistics, plain-words findings and cues (the TaskResult of
coach/types.py, merged into summary.json and written as reps.csv)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from coach.exercises.reps import Rep
from coach.exercises.spec import ExerciseSpec
from coach.landmarks import SIDES

#: Sides whose mean peak differs by at least this much (deg) are worth a finding.
SIDE_DIFF_DEG = 10.0


def _r(x: float, n: int = 1) -> float | None:
    return round(float(x), n) if math.isfinite(x) else None


def side_stats(reps: list[Rep]) -> dict:
    """Per-side statistics: count, ROM and peak mean/min/max (deg), tempo (s a rep, up and down), fault counts, score."""
    if not reps:
        return {"count": 0}
    rom = np.array([r.rom_deg for r in reps])
    peak = np.array([r.peak_deg for r in reps])
    faults = Counter(f.code for r in reps for f in r.faults)
    return {"count": len(reps), "rom_mean_deg": _r(rom.mean()), "rom_min_deg": _r(rom.min()),
            "rom_max_deg": _r(rom.max()), "peak_mean_deg": _r(peak.mean()),
            "rep_s_mean": _r(np.mean([r.end_s - r.start_s for r in reps]), 2),
            "up_s_mean": _r(np.mean([r.up_s for r in reps]), 2), "down_s_mean": _r(np.mean([r.down_s for r in reps]), 2),
            "fault_counts": dict(faults), "score": int(round(np.mean([r.score for r in reps])))}


def side_findings(reps: list[Rep], spec: ExerciseSpec) -> list[str]:
    """Plain-words differences between the sides (peak angle and count), with how many reps they rest on."""
    by = {s: [r for r in reps if r.side == s] for s in SIDES}
    out = []
    if all(by.values()):
        mean = {s: float(np.mean([r.peak_deg for r in by[s]])) for s in SIDES}
        diff = mean["right"] - mean["left"]
        if abs(diff) >= SIDE_DIFF_DEG:
            low, high = ("right", "left") if diff < 0 else ("left", "right")
            out.append(f"{low} leg {spec.verb} {abs(diff):.0f} deg less than {high} ({spec.key_label}, mean of "
                       f"{len(by[low])} and {len(by[high])} reps)")
    n = {s: len(by[s]) for s in SIDES}
    if spec.name != "lunge" and n["left"] != n["right"] and max(n.values()) > 0:
        out.append(f"{n['left']} reps with the left leg and {n['right']} with the right")
    return out


def set_cues(reps: list[Rep], limit: int = 3) -> list[str]:
    """The most frequent fault cues of the set, most common first."""
    counts = Counter(f.cue for r in reps for f in r.faults)
    return [cue for cue, _ in counts.most_common(limit)]


@dataclass(frozen=True)
class ExerciseResult:
    """One exercise set: the spec's name, counted reps, set-up check, plain-words findings and warnings, movements
    rejected as not this exercise (reason -> count), and for `--exercise auto` what was recognised."""

    exercise: str
    reps: tuple[Rep, ...]
    setup: dict
    findings: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    rejected: dict[str, int] = field(default_factory=dict)
    recognised: dict | None = None
    report: tuple[str, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        """Reps per side."""
        return {s: sum(r.side == s for r in self.reps) for s in SIDES}

    def summary(self) -> dict:
        """The exercise part of summary.json."""
        reps = list(self.reps)
        out = {"exercise": self.exercise, "reps": self.counts, "rep_list": [r.to_dict() for r in reps],
               "per_side": {s: side_stats([r for r in reps if r.side == s]) for s in SIDES},
               "score": int(round(np.mean([r.score for r in reps]))) if reps else None,
               "cues": set_cues(reps), "findings": list(self.findings), "setup": self.setup,
               "rejected": dict(self.rejected), "warnings": list(self.warnings)}
        if self.recognised is not None:
            out["recognised"] = self.recognised
        return out

    def tables(self) -> dict[str, tuple[list[str], list[list]]]:
        """reps.csv: one row a rep."""
        header = ["rep", "side", "start_s", "peak_s", "end_s", "peak_deg", "rom_deg", "up_s", "down_s", "score",
                  "confidence", "uncertain", "faults", *self.report]
        rows = []
        for i, r in enumerate(self.reps, 1):
            d = r.to_dict()
            rows.append([i, *(d[k] for k in header[1:12]), ";".join(f.code for f in r.faults),
                         *(d.get(k) for k in self.report)])
        return {"reps.csv": (header, rows)}

"""What an exercise set gave: reps, per-side statistics, plain-words findings and cues (the TaskResult of
coach/types.py, merged into summary.json and written as reps.csv)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from coach.exercises.legs_seen import LegsSeen
from coach.exercises.movements import MAX_EXAMPLES, Movements
from coach.exercises.reps import Rep
from coach.exercises.spec import ExerciseSpec
from coach.landmarks import SIDES
from coach.numbers import count_text

#: Sides whose mean peak differs by at least this much (deg) are worth a finding.
SIDE_DIFF_DEG = 10.0


def _r(x: float | np.floating, n: int = 1) -> float | None:
    return round(float(x), n) if math.isfinite(x) else None


def side_stats(reps: list[Rep]) -> dict:
    """Per-side statistics: count, ROM and peak mean/min/max (deg) over the reps whose top was seen (None when none
    was), how many tops were not seen, tempo (s a rep, up and down), fault counts, score."""
    if not reps:
        return {"count": 0}
    seen = [r for r in reps if r.peak_seen]
    rom = np.array([r.rom_deg for r in seen]) if seen else np.full(1, np.nan)
    peak = np.array([r.peak_deg for r in seen]) if seen else np.full(1, np.nan)
    faults = Counter(f.code for r in reps for f in r.faults)
    return {
        "count": len(reps),
        "rom_mean_deg": _r(rom.mean()),
        "rom_min_deg": _r(rom.min()),
        "rom_max_deg": _r(rom.max()),
        "peak_mean_deg": _r(peak.mean()),
        "peaks_unseen": len(reps) - len(seen),
        "rep_s_mean": _r(np.mean([r.end_s - r.start_s for r in reps]), 2),
        "up_s_mean": _r(np.mean([r.up_s for r in reps]), 2),
        "down_s_mean": _r(np.mean([r.down_s for r in reps]), 2),
        "fault_counts": dict(faults),
        "score": int(round(np.mean([r.score for r in reps]))),
    }


def side_findings(reps: list[Rep], spec: ExerciseSpec) -> list[str]:
    """Plain-words differences between the sides (peak angle and count), with how many reps they rest on; peaks are
    compared only over reps whose top was seen, and the finding says so when a side has none."""
    by = {s: [r for r in reps if r.side == s] for s in SIDES}
    seen = {s: [r for r in by[s] if r.peak_seen] for s in SIDES}
    out = []
    if all(seen.values()):
        mean = {s: float(np.mean([r.peak_deg for r in seen[s]])) for s in SIDES}
        diff = mean["right"] - mean["left"]
        if abs(diff) >= SIDE_DIFF_DEG:
            low, high = ("right", "left") if diff < 0 else ("left", "right")
            out.append(
                f"{low} leg {spec.verb} {abs(diff):.0f} deg less than {high} ({spec.key_label}, mean of "
                f"{len(seen[low])} and {len(seen[high])} reps)"
            )
    elif all(by.values()):
        blind = [s for s in SIDES if not seen[s]]
        out.append(f"left and right {spec.key_label} not compared: the top of every {blind[0]} rep fell between frames")
    n = {s: len(by[s]) for s in SIDES}
    if spec.name != "lunge" and n["left"] != n["right"] and max(n.values()) > 0:
        out.append(f"{count_text(n['left'], 'rep')} with the left leg and {n['right']} with the right")
    return out


def set_cues(reps: list[Rep], limit: int = 3) -> list[str]:
    """The most frequent fault cues of the set, most common first."""
    counts = Counter(f.cue for r in reps for f in r.faults)
    return [cue for cue, _ in counts.most_common(limit)]


@dataclass(frozen=True)
class ExerciseResult:
    """One exercise set: the spec's name, counted reps, set-up check, plain-words findings and warnings, every
    movement seen (counted or not, with reasons; None when no exercise was analysed), for `--exercise auto` what was
    recognised, the spec's report columns, the frame rate the analyser got (frames/s) and how long each leg could not
    be read (coach.exercises.legs_seen; None when no exercise was counted)."""

    exercise: str
    reps: tuple[Rep, ...]
    setup: dict
    findings: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    movements: Movements | None = None
    recognised: dict | None = None
    report: tuple[str, ...] = ()
    frame_rate_fps: float = math.nan
    legs: LegsSeen | None = None

    @property
    def counts(self) -> dict[str, int]:
        """Reps per side."""
        return {s: sum(r.side == s for r in self.reps) for s in SIDES}

    def summary(self) -> dict:
        """The exercise part of summary.json."""
        reps = list(self.reps)
        out = {
            "exercise": self.exercise,
            "reps": self.counts,
            "rep_list": [r.to_dict() for r in reps],
            "per_side": {s: side_stats([r for r in reps if r.side == s]) for s in SIDES},
            "score": int(round(np.mean([r.score for r in reps]))) if reps else None,
            "cues": set_cues(reps),
            "findings": list(self.findings),
            "setup": self.setup,
            "movements": self.movements.to_dict() if self.movements else None,
            "frame_rate_fps": _r(self.frame_rate_fps),
            **({"legs_hidden_share": self.legs.shares()} if self.legs is not None else {}),
            "warnings": list(self.warnings),
        }
        if self.recognised is not None:
            out["recognised"] = self.recognised
        return out

    def tables(self) -> dict[str, tuple[list[str], list[list]]]:
        """reps.csv: one row a rep; movements.csv: one row per outcome (counted, each reason not counted, glitches
        ignored, unfinished) with how many and example times."""
        header = [
            "rep",
            "side",
            "start_s",
            "peak_s",
            "end_s",
            "rep_s",
            "peak_deg",
            "rom_deg",
            "rom_at_least_deg",
            "peak_seen",
            "up_s",
            "down_s",
            "score",
            "confidence",
            "uncertain",
            "faults",
            *self.report,
        ]
        rows = []
        for i, r in enumerate(self.reps, 1):
            d = r.to_dict()
            rows.append(
                [i, *(d[k] for k in header[1:15]), ";".join(f.code for f in r.faults), *(d.get(k) for k in self.report)]
            )
        return {"reps.csv": (header, rows), **movement_table(self.movements, self.reps)}


def movement_table(movements: Movements | None, reps: tuple[Rep, ...]) -> dict[str, tuple[list[str], list[list]]]:
    """movements.csv (none without movements): outcome, code, reason, count, example times (s, ';'-separated)."""
    if movements is None:
        return {}

    def times(ts) -> str:
        return ";".join(f"{t:.2f}" for t in ts)

    rows = [
        [
            "counted",
            "counted",
            f"{movements.noun}s counted as reps",
            movements.counted,
            times([r.peak_s for r in reps][:MAX_EXAMPLES]),
        ]
    ]
    rows += [
        ["ignored" if m.kind == "glitch" else "not counted", m.code, m.reason, m.count, times(m.times_s)]
        for m in movements.not_counted
    ]
    if movements.in_progress:
        rows.append(["not finished", "in_progress", "still going when the analysis ended", movements.in_progress, ""])
    return {"movements.csv": (["outcome", "code", "reason", "count", "example_times_s"], rows)}

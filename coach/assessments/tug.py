"""Timed Up and Go (Podsiadlo & Richardson 1991) from one clip: the time from the first forward movement of rising
to the buttocks back on the seat, and its phases: sit-to-stand, walk out, turn, walk back, turn and sit. The walking
part goes through coach.gait for cadence and step symmetry. coach says when the person was out of the picture, and
withholds what it could not see.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from coach.assessments.norms import Comparison, compare_all
from coach.assessments.posture import Rise, Sit, read_posture, transitions
from coach.assessments.result import dominant_view, envelope, view_warning
from coach.assessments.signals import rounded, span, true_runs
from coach.assessments.turns import Turn, find_turns
from coach.config import ClinicalConfig
from coach.gait import analyze_gait
from coach.quality import out_of_frame_fraction
from coach.types import AngleSeries, PoseSequence

TEST = "tug"
PHASES = ("sit_to_stand", "walk_out", "turn", "walk_back", "turn_and_sit")
#: Stretches shorter than this (s) without the whole body in the picture are a flicker, not leaving the picture.
OUT_OF_VIEW_MIN_S = 0.2


@dataclass(frozen=True)
class Phase:
    """One phase of the test from start_s to end_s (s; None when it could not be placed) and whether the camera saw
    it all."""

    name: str
    start_s: float | None
    end_s: float | None
    seen: bool

    @property
    def duration_s(self) -> float | None:
        return None if self.start_s is None or self.end_s is None else self.end_s - self.start_s

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "start_s": rounded(self.start_s),
            "end_s": rounded(self.end_s),
            "duration_s": rounded(self.duration_s),
            "seen": self.seen,
        }


@dataclass(frozen=True)
class Walking:
    """The walking part through coach.gait: cadence (steps/min), heel strikes and mean step time (s) per side, the
    step time symmetry index (%, + = right longer; Robinson 1987) and its verdict, NaN/None when too few steps."""

    cadence_steps_per_min: float
    steps: dict[str, int]
    step_time_s: dict[str, float]
    step_si_pct: float
    verdict: str

    def to_dict(self) -> dict:
        return {
            "cadence_steps_per_min": rounded(self.cadence_steps_per_min, 1),
            "steps": dict(self.steps),
            "step_time_s": {k: rounded(v, 3) for k, v in self.step_time_s.items()},
            "step_symmetry_index_pct": rounded(self.step_si_pct, 1),
            "step_symmetry": self.verdict,
        }


@dataclass(frozen=True)
class TugResult:
    """A Timed Up and Go: start (first forward movement), seat-off, end (seat contact) and total (s; None when not
    seen, or when no turn was seen between them: `walk_seen` False), the phases, the turns, the stretches out of the
    picture, the walking, the view, norm comparisons, findings and warnings."""

    start_s: float | None
    seat_off_s: float | None
    end_s: float | None
    phases: tuple[Phase, ...]
    turns: tuple[Turn, ...]
    out_of_view: tuple[tuple[float, float], ...]
    walking: Walking | None
    view: str
    norms: tuple[Comparison, ...]
    findings: tuple[str, ...]
    warnings: tuple[str, ...]
    walk_seen: bool = True

    @property
    def total_s(self) -> float | None:
        if self.start_s is None or self.end_s is None or not self.walk_seen:
            return None
        return self.end_s - self.start_s

    def summary(self) -> dict:
        """The assessment part of summary.json."""
        part = {
            "start_s": rounded(self.start_s),
            "seat_off_s": rounded(self.seat_off_s),
            "end_s": rounded(self.end_s),
            "total_s": rounded(self.total_s),
            "phases": [p.to_dict() for p in self.phases],
            "out_of_view_s": [[rounded(a), rounded(b)] for a, b in self.out_of_view],
            "walking": self.walking.to_dict() if self.walking else None,
            "view": self.view,
        }
        return envelope(TEST, part, self.norms, self.findings, self.warnings)

    def tables(self) -> dict[str, tuple[list[str], list[list]]]:
        """phases.csv: one row a phase."""
        rows = [[p.name, rounded(p.start_s), rounded(p.end_s), rounded(p.duration_s), p.seen] for p in self.phases]
        return {"phases.csv": (["phase", "start_s", "end_s", "duration_s", "seen"], rows)}


def out_of_view_spans(poses: PoseSequence, t0_s: float, t1_s: float) -> list[tuple[float, float]]:
    """Stretches between t0_s and t1_s (at least OUT_OF_VIEW_MIN_S long) where the person was not found or part of
    the body was outside the picture."""
    t = poses.t_s
    away = ~poses.found | out_of_frame_fraction(poses)
    away &= (t >= t0_s) & (t <= t1_s)
    return [(float(t[a]), float(t[b - 1])) for a, b in true_runs(away, t) if t[b - 1] - t[a] >= OUT_OF_VIEW_MIN_S]


def place_phases(
    rise: Rise | None, sit: Sit | None, turns: list[Turn], away: list[tuple[float, float]]
) -> tuple[Phase, ...]:
    """The five phases from the rise, the turns and the final sit; a phase is unseen when the person was out of the
    picture during it, unplaced (None) when its bounds are unknown."""
    start = rise.start_s if rise else None
    up = rise.upright_s if rise else None
    end = sit.seated_s if sit else None
    first, last = (turns[0], turns[-1]) if len(turns) >= 2 else (turns[0] if turns else None, None)
    bounds = [
        start,
        up,
        first.start_s if first else None,
        first.end_s if first else None,
        last.start_s if last else None,
        end,
    ]
    out = []
    for name, a, b in zip(PHASES, bounds[:-1], bounds[1:]):
        hidden = a is not None and b is not None and any(x < b and y > a for x, y in away)
        out.append(Phase(name, a, b, not hidden and a is not None and b is not None))
    return tuple(out)


def walking_part(
    poses: PoseSequence, angles: AngleSeries, t0_s: float, t1_s: float, config: ClinicalConfig | None = None
) -> Walking | None:
    """Gait analysis of the frames between t0_s and t1_s (the walk out and back), with the symmetry limits of
    `config` (the defaults when None)."""
    i0, i1 = (int(np.searchsorted(poses.t_s, x)) for x in (t0_s, t1_s))
    if i1 - i0 < 3:
        return None
    g = analyze_gait(*span(poses, angles, i0, i1), config=config)
    step = g.metrics["step_time_s"]
    sym = g.symmetry["step_time_s"]
    return Walking(
        g.cadence_steps_per_min,
        {s: g.events.count("HS", s) for s in ("left", "right")},
        {s: step[s].mean for s in ("left", "right")},
        sym.si_pct,
        sym.verdict,
    )


def tug_findings(r: TugResult) -> list[str]:
    """Plain words: the total, the phases, the walking and where the person left the picture."""
    out = []
    if r.total_s is not None:
        out.append(
            f"Timed Up and Go {r.total_s:.1f} s, from the first forward movement at {r.start_s:.2f} s to "
            f"the seat at {r.end_s:.2f} s"
        )
    timed = [
        f"{p.name.replace('_', ' ')} {p.duration_s:.1f} s" + ("" if p.seen else " (not all seen)")
        for p in r.phases
        if p.duration_s is not None
    ]
    if timed:
        out.append("phases: " + ", ".join(timed))
    if r.walking and np.isfinite(r.walking.cadence_steps_per_min):
        out.append(
            f"walking cadence {r.walking.cadence_steps_per_min:.0f} steps/min "
            f"({r.walking.steps['left']} left and {r.walking.steps['right']} right heel strikes); step time "
            f"symmetry: {r.walking.verdict}"
        )
    for a, b in r.out_of_view:
        out.append(f"the person was out of the picture from {a:.1f} to {b:.1f} s: what happened then is not measured")
    return out


def tug_warnings(rise: Rise | None, sit: Sit | None, view: str, walk_seen: bool) -> list[str]:
    """What kept the test from being timed, and the camera advice."""
    out = view_warning(view, ("side", "oblique"), "film from the side of the walkway, the chair in view")
    if rise is None:
        out.append(
            "no rise from the chair was seen: the test could not be timed (start the clip with the person "
            "seated, whole body in view)"
        )
    elif sit is None:
        out.append(
            "the person was not seen sitting down again after walking: the test has no end (keep filming "
            "until the person is back on the chair)"
        )
    elif not walk_seen:
        out.append(
            f"no turn was seen between rising ({rise.start_s:.1f} s) and sitting down ({sit.seated_s:.1f} s): the "
            "walk to the mark and back, which the test times, was not seen, so no Timed Up and Go time is given "
            "(film the whole test, the person in view from head to feet)"
        )
    return out


def analyze_tug(poses: PoseSequence, angles: AngleSeries, config: ClinicalConfig | None = None) -> TugResult:
    """The Timed Up and Go of a cleaned clip and its angles (the walk's step symmetry and the references with the
    clinical rules of `config`, the defaults when None)."""
    rises, sits = transitions(read_posture(poses, angles, both_legs=False))
    rise = rises[0] if rises else None
    sit = next((s for s in reversed(sits) if rise and s.upright_index > rise.upright_index), None)
    clip_end = float(poses.t_s[-1]) if len(poses) else 0.0
    t0, t1 = (rise.start_s if rise else 0.0), (sit.seated_s if sit else clip_end)
    turns = find_turns(poses, rise.upright_s, sit.leave_s if sit else clip_end) if rise else []
    away = out_of_view_spans(poses, t0, t1)
    phases = place_phases(rise, sit, turns, away)
    walk_end = turns[-1].start_s if len(turns) >= 2 else (sit.leave_s if sit else clip_end)
    walking = walking_part(poses, angles, rise.upright_s, walk_end, config) if rise else None
    view = dominant_view(angles, t0, t1)
    # the test walks to a mark, turns and walks back: a rise and a sit with no turn between are not its start and end
    walk_seen = bool(turns)
    total = sit.seated_s - rise.start_s if rise and sit and walk_seen else None
    norms = tuple(compare_all(TEST, {"total_s": total}, config=config))
    r = TugResult(
        rise.start_s if rise else None,
        rise.seat_off_s if rise else None,
        sit.seated_s if sit else None,
        phases,
        tuple(turns),
        tuple(away),
        walking,
        view,
        norms,
        (),
        tuple(tug_warnings(rise, sit, view, walk_seen)),
        walk_seen,
    )
    return replace(r, findings=tuple(tug_findings(r)))

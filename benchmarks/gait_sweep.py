"""The synthetic walker sweep: every gait pattern of coach.simulate.walk x 15/24/30/60 fps x the camera's view (from the
side, there and back; from the front, walking toward it; from behind, walking away) x 80/115 steps/min x 1/3 px of
landmark noise, cleaned and analysed as the pipeline does, against the exact events.

A walk has a problem when an event of a foot away from the passes' edges is over 2 frames from the nearest one found
of that foot and kind (the median over 1 frame; a walk slowed k times is timed to the same share of its stride, so k
frames count as one), its cadence is over 3 % off, or a walk there and back gets another verdict than its pattern's.
It lost an event when one is over 10 frames off or none was found, and lost it in silence when no warning names steps
not found (coach.gait.trust: no step of either foot, or of one foot). Printed by bench_accuracy (about a minute of a
core); its totals go into docs/gait_validation.md.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from coach.gait import GaitResult, analyze_gait
from coach.gait.trust import NO_STEP, ONE_FOOT
from coach.kinematics.angles import compute_angles
from coach.signals.clean import clean_sequence
from coach.simulate import Body, simulate_walk
from coach.types import PoseSequence

FRAME_RATES = (15.0, 24.0, 30.0, 60.0)
#: Views: the simulate_walk directions filmed (side: there and back past the camera).
VIEWS = {"side": (1, -1), "toward": (0,), "away": (2,)}
CADENCES = (80.0, 115.0)
NOISE_PX = (1.0, 3.0)
#: The verdict each pattern must get from a walk there and back.
VERDICT = {"normal": "symmetric", "step_to": "asymmetric", "antalgic": "asymmetric", "circumduction": "asymmetric"}
#: Seen face-on, a walker must look broad to the view classifier.
BROAD = Body(shoulder_width=0.45, hip_width=0.35)
#: Events closer than this (s) to a pass's edge cannot be seen whole and are left out.
EDGE_S = 0.4
#: The cadence the walks' tempo is given for (steps/min): slower walks are timed to the same share of their stride.
REFERENCE_CADENCE = 105.0
#: An event further than this (frames at the reference cadence) from any found is lost, not mistimed.
LOST_FRAMES = 10.0


@dataclass(frozen=True)
class SweepWalk:
    """One walk of the sweep: its settings, its problems in words, whether it lost an event (and in silence), whether
    it was warned about steps not found, and its largest error (ms) of an event not lost."""

    fps: float
    pattern: str
    view: str
    cadence: float
    noise_px: float
    problems: tuple[str, ...]
    lost: bool
    warned: bool
    worst_ms: float

    @property
    def silent(self) -> bool:
        return self.lost and not self.warned


def analysed(seq: PoseSequence) -> GaitResult:
    """A synthetic walk cleaned and analysed as the pipeline does."""
    poses, _ = clean_sequence(seq)
    return analyze_gait(poses, compute_angles(poses))


def errors_frames(found: np.ndarray, true: Iterable[float], spans, fps: float) -> np.ndarray:
    """Frames from each true event of one foot away from the passes' edges (EDGE_S; `spans` the passes' (start, stop)
    s) to the nearest found one (inf when none was found)."""
    inner = [t for t in true if any(a + EDGE_S < t < b - EDGE_S for a, b in spans)]
    return np.array([np.min(np.abs(found - t)) * fps if len(found) else np.inf for t in inner])


def _walk(fps: float, pattern: str, view: str, cadence: float, noise_px: float) -> SweepWalk:
    """One walk of about six strides per pass, simulated, cleaned, analysed and checked."""
    directions = VIEWS[view]
    seq, truth = simulate_walk(
        duration_s=6.0 * REFERENCE_CADENCE / cadence,
        fps=fps,
        pattern=pattern,
        directions=directions,
        cadence_steps_per_min=cadence,
        noise_px=noise_px,
        seed=3,
        body=BROAD if view != "side" else Body(),
    )
    result = analysed(seq)
    slowed = max(1.0, REFERENCE_CADENCE / cadence)
    problems, lost, worst = [], False, 0.0
    for side in ("left", "right"):
        for kind, every in (("HS", truth.hs_s[side]), ("TO", truth.to_s[side])):
            err = errors_frames(result.events.times(kind, side), every, truth.pass_spans_s, fps) / slowed
            if len(err) and (err.max() > 2.0 or np.median(err) > 1.0):
                problems.append(f"{side} {kind} errors (frames) {np.round(err, 1).tolist()}")
            lost |= bool(len(err) and err.max() > LOST_FRAMES)
            kept = err[err <= LOST_FRAMES] * slowed / fps * 1000.0
            worst = max(worst, float(kept.max()) if len(kept) else 0.0)
    if not abs(result.cadence_steps_per_min - truth.cadence_steps_per_min) <= 0.03 * truth.cadence_steps_per_min:
        problems.append(f"cadence {result.cadence_steps_per_min:.1f} for {truth.cadence_steps_per_min:.1f}")
    if len(directions) == 2 and result.verdict != VERDICT[pattern]:
        problems.append(f"verdict {result.verdict} for {VERDICT[pattern]}")
    warned = any(w.startswith((NO_STEP, ONE_FOOT)) for w in result.warnings)
    return SweepWalk(fps, pattern, view, cadence, noise_px, tuple(problems), lost, warned, worst)


def sweep() -> list[SweepWalk]:
    """Every walk of the sweep (FRAME_RATES x VERDICT's patterns x VIEWS x CADENCES x NOISE_PX)."""
    return [_walk(*args) for args in itertools.product(FRAME_RATES, VERDICT, VIEWS, CADENCES, NOISE_PX)]


@dataclass(frozen=True)
class SweepCell:
    """The walks of one frame rate and view: how many, with a problem, that lost an event, lost one in silence, and
    were warned about steps not found without a problem."""

    walks: int
    problem: int
    lost: int
    silent: int
    needless: int

    @classmethod
    def of(cls, walks: list[SweepWalk]) -> SweepCell:
        return cls(
            len(walks),
            sum(bool(w.problems) for w in walks),
            sum(w.lost for w in walks),
            sum(w.silent for w in walks),
            sum(w.warned and not w.problems for w in walks),
        )


def sweep_cells(walks: list[SweepWalk]) -> dict[tuple[str, str], SweepCell]:
    """The sweep by frame rate and view ('all' for every frame rate or view)."""
    rates = [f"{r:g} fps" for r in FRAME_RATES]
    out = {}
    for rate, view in itertools.product([*rates, "all"], [*VIEWS, "all"]):
        out[(rate, view)] = SweepCell.of(
            [w for w in walks if rate in ("all", f"{w.fps:g} fps") and view in ("all", w.view)]
        )
    return out


SWEEP_HEADER = ["frame rate", *[f"{v}: problem / lost / silent" for v in VIEWS], "all", "warned, no problem"]


def sweep_table(walks: list[SweepWalk]) -> list[list[str]]:
    """Rows per frame rate (and all): per view walks with a problem, that lost an event, that lost one in silence."""
    cells = sweep_cells(walks)
    rows = []
    for rate in [*[f"{r:g} fps" for r in FRAME_RATES], "all"]:
        per_view = [cells[(rate, v)] for v in [*VIEWS, "all"]]
        rows.append(
            [rate]
            + [f"{c.problem} / {c.lost} / {c.silent} of {c.walks}" for c in per_view]
            + [str(cells[(rate, "all")].needless)]
        )
    return rows

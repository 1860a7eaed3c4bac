"""docs/gait_validation.md from the accuracy benchmark's numbers: the labelled walkers (bench_accuracy.walker_rows),
synthetic walkers with exact events (coach.simulate.walk) and the sweep of them (benchmarks/gait_sweep.py), so the
document never states a figure the benchmark did not measure. Written by `python benchmarks/bench_accuracy.py
--gait-only --markdown docs/gait_validation.md`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TypedDict

import numpy as np
from gait_sweep import BROAD, FRAME_RATES, SWEEP_HEADER, SweepWalk, analysed, errors_frames, sweep_cells, sweep_table

from coach.simulate import Body, simulate_walk

#: A phone held at eye height (or on a shelf) stands about this far above the pelvis (m).
EYE_ABOVE_PELVIS_M = 0.6


class Walker(TypedDict, total=False):
    """The simulate_walk arguments that set a synthetic walker apart."""

    pattern: str
    directions: tuple[int, ...]
    body: Body
    camera_height_m: float


#: Synthetic walkers measured (front and rear cameras at the pelvis's height unless said): name -> simulate_walk
#: arguments (30 fps, 1 px landmark noise, 6 px on the far leg).
SYNTHETIC: dict[str, Walker] = {
    "healthy, both directions": {"pattern": "normal", "directions": (1, -1)},
    "healthy, one direction, noisy far leg": {"pattern": "normal", "directions": (1,)},
    "step-to (right trails), both directions": {"pattern": "step_to", "directions": (1, -1)},
    "antalgic (right painful), both directions": {"pattern": "antalgic", "directions": (1, -1)},
    "circumduction (right), both directions": {"pattern": "circumduction", "directions": (1, -1)},
    "healthy, toward the camera": {"pattern": "normal", "directions": (0,), "body": BROAD},
    "healthy, away from the camera": {"pattern": "normal", "directions": (2,), "body": BROAD},
    "healthy, toward the camera at eye height": {
        "pattern": "normal",
        "directions": (0,),
        "body": BROAD,
        "camera_height_m": EYE_ABOVE_PELVIS_M,
    },
    "healthy, away from the camera at eye height": {
        "pattern": "normal",
        "directions": (2,),
        "body": BROAD,
        "camera_height_m": EYE_ABOVE_PELVIS_M,
    },
    "antalgic (right painful), away from the camera at eye height": {
        "pattern": "antalgic",
        "directions": (2,),
        "body": BROAD,
        "camera_height_m": EYE_ABOVE_PELVIS_M,
    },
}


@dataclass(frozen=True)
class SyntheticRow:
    """One synthetic walker: heel strike and toe off errors (frames) against the exact events, cadence (coach,
    truth), verdict."""

    name: str
    hs: np.ndarray
    to: np.ndarray
    cadence: float
    truth_cadence: float
    verdict: str


def _errors(found: dict, true: dict, spans, fps: float) -> np.ndarray:
    """Frames from each inner true event of both feet to the nearest found one of the same foot."""
    return np.concatenate([errors_frames(found[side], true[side], spans, fps) for side in ("left", "right")])


def synthetic_rows(fps: float = 30.0) -> list[SyntheticRow]:
    """Every synthetic walker of SYNTHETIC, simulated, cleaned and analysed as the pipeline does."""
    rows = []
    for name, kw in SYNTHETIC.items():
        seq, truth = simulate_walk(duration_s=6.0, fps=fps, noise_px=1.0, far_noise_px=6.0, seed=7, **kw)
        r = analysed(seq)
        ev = {k: {s: r.events.times(k, s) for s in ("left", "right")} for k in ("HS", "TO")}
        rows.append(
            SyntheticRow(
                name,
                _errors(ev["HS"], truth.hs_s, truth.pass_spans_s, fps),
                _errors(ev["TO"], truth.to_s, truth.pass_spans_s, fps),
                r.cadence_steps_per_min,
                truth.cadence_steps_per_min,
                r.verdict,
            )
        )
    return rows


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join(
        ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(r) + " |" for r in rows]
    )


def _stat(err: np.ndarray) -> str:
    hit = err[np.isfinite(err)]
    return (
        f"{np.median(hit):.2f} / {np.max(hit):.2f} ({int(np.sum(~np.isfinite(err)))} missed)"
        if len(hit)
        else "none found"
    )


METHOD = """## Method in one paragraph
The clip is split into walking passes (a gap where the person is not seen, a turn, or a change between a side view
and a view from the front or behind ends a pass). In each pass a foot is on the floor while its heel or toe rests:
slower than 0.78 x (heel) or 0.66 x (toe) the walking speed (Bruening and Ridge 2014, Gait & Posture 39:472-477;
foot-velocity rules of Ghoussayni et al. 2004), measured in the picture in leg lengths per second relative to the
floor (the camera's own motion, a pan to follow the walker or a shaking hand, measured on the background by optical
flow and taken out), the walking speed being the feet's mean speed over a couple of strides, and not hovering above
the height where it rests. Heel strike is where a rest starts; toe off where the toe then exceeds
0.8 x the walking speed (Bonci et al. 2022). In a side view, a heel strike is refined to the heel's most anterior
point relative to the pelvis (Zeni et al. 2008) when that point lies near the contact, i.e. where the foot does pass
the pelvis. The rests of the two labelled feet become footprints (a swap of the pose model's labels, a label
collapsing onto the other foot, or both labels landing together on one place, is one footprint: two feet never land
at once), and each footprint goes to the foot that made it: a foot lands
while the other stands (or a step away from where the other lifted less than a swing before), else it is the foot
that last lifted off; the pose model's labels only name the two feet. Every duration in these rules (shortest swing
and stance, longest swing, the windows) is given for a 1.05 s stride and scaled by the walk's own stride time, found
first from its rhythm (below), so a patient walking at half the pace is read by the same rules.
Walking toward or away from the camera, a foot's lift and its travel along the camera's axis partly
cancel in the picture and blur the contact, so there the toe off is refined to the foot's pitch in the picture (the
heel highest above the toe as the toe leaves) and, from behind, the heel strike to where the pitch starts rising from
its toes-highest point (the foot lands heel first, toes raised: Perry and Burnfield 2010). The cadence is checked
against the walk's rhythm (the autocorrelation of the feet's separation along the walk: high at one stride, negative
at half of it), which gives the cadence of a walk too short for 3 strides. Strides whose events are not in gait
order are rejected with the reason; the symmetry verdict rests on timing (step
time, stance, swing, single and double support), hip and knee angles are compared only between legs each seen
nearest the camera (walk there and back), and the far leg's angles are kept apart."""

LIMITS = """## Limits
- From behind, heel strikes are not labelled on the real clips (not placeable within a frame), so the pitch rule for
  them is checked only on the synthetic walkers, whose foot pitch follows the same textbook curve. The two rear
  clips are short (about one stride each), so coach says there are not enough strides for a verdict and takes the
  cadence from the walk's rhythm. On gait_rear_f (4-8 m away, small dark feet) MediaPipe puts both labels on a blend
  of the two feet, so its toe offs are not found.
- Each labelled walker is also analysed at half its frame rate and walked at half its pace (its own landmarks, the
  timestamps changed). Every walker but the lab walker (at MediaPipe's limit) keeps its heel-strike counts, cadence
  and verdict in both; the last toe off behind the black box is missed as on the clip itself.
- With the camera at the pelvis's height, a walker 6-7 m away shows almost no foot travel in the picture; steps there
  are missed (see the synthetic walkers away from the camera), and coach says where: a stretch of a walk over 1.5
  strides without a step found is named with its times in the warnings, and so is a stretch where one foot's
  landings or lifts are lost while the other foot's are found (each foot lands and lifts once a stride).
{sweep}
- The labelled walkers are healthy or act a limp; a walker with a real limp and a walker filmed at home by a phone
  that follows them are not in the labelled set. The synthetic walkers check the logic, not MediaPipe: their
  landmarks are exact up to the added noise.
- Hip and knee angles are not checked against a reference on real video (Stenum et al. 2021 report ~4 deg at the hip
  for 2D video against motion capture)."""


def _sweep_limit(walks: list[SweepWalk]) -> str:
    """The limits the synthetic walker sweep shows, in words, from its walks."""
    cells = sweep_cells(walks)
    slow = [f"{r:g} fps" for r in FRAME_RATES if r < 60]
    side_slow = sum(cells[(r, "side")].problem for r in slow)
    side_60 = [w for w in walks if w.view == "side" and w.fps == 60]
    faced = [w for w in walks if w.view != "side"]
    ends = cells[("all", "all")]
    return (
        f"- The synthetic walkers above are at 30 fps; the sweep above runs every pattern over {len(FRAME_RATES)} "
        "frame rates, three views, two cadences and two noise levels (benchmarks/gait_sweep.py). From the side, "
        f"{side_slow} of {sum(cells[(r, 'side')].walks for r in slow)} walks at 15-30 fps have a problem; at 60 fps "
        f"{sum(bool(w.problems) for w in side_60)} of {len(side_60)} have events over 2 frames off, up to "
        f"{max(w.worst_ms for w in side_60):.0f} ms. From the front or behind, walkers 7-10 m away lose steps: "
        f"{sum(w.lost for w in faced)} of {len(faced)} walks lose an event, {sum(w.silent for w in faced)} with no "
        f"warning naming where; of all {ends.walks} walks, {ends.needless} {'is' if ends.needless == 1 else 'are'} "
        "warned of steps not found without a problem the sweep counts."
    )


def gait_validation_markdown(
    header: list[str], cells: list[list[str]], total: str, synthetic: list[SyntheticRow], walks: list[SweepWalk]
) -> str:
    """The whole document from the measured rows: the labelled walkers' table (header, cells, totals line: as
    bench_accuracy prints them), the synthetic walkers and the synthetic walker sweep."""
    synth = [
        [r.name, _stat(r.hs), _stat(r.to), f"{r.cadence:.1f} ({r.truth_cadence:.1f})", r.verdict] for r in synthetic
    ]
    return (
        "\n\n".join(
            [
                "# Gait analysis: accuracy against labelled walkers and synthetic walkers with exact events",
                f"Generated on {datetime.date.today().isoformat()} by `python benchmarks/bench_accuracy.py --gait-only "
                "--markdown docs/gait_validation.md` (coach `coach/gait/`, pose landmarks from the shared cache); "
                "every number below is the benchmark's. Targets (issue 17): event median error <= 1 frame and >= 90 % "
                "of events within 2 frames over the labelled walkers, cadence within 5 %, the circumduction "
                "asymmetric and the healthy walkers symmetric.",
                METHOD,
                "## Labelled walkers (../shared/videos)\nEvents are matched one-to-one to the labelled ones within "
                "0.5 s; errors in frames of the clip (median over found events, share within 1 and 2 frames, missed); "
                "where the label does not know which foot is which, the pairing of feet that fits best is used. Rear "
                "clips: approximate toe offs (+/- 2 frames in the label) in the TO columns, approximate cadence (~).",
                _md_table(header, cells),
                f"**{total}.**",
                "## Synthetic walkers (coach.simulate.walk: exact events)\nEach event's distance to the nearest "
                "detected event of the same foot, in frames at 30 fps: median / largest (missed), events within 0.4 s "
                "of a pass edge left out; the walkers carry 1 px of landmark noise and 6 px on the far leg.",
                _md_table(["walker", "heel strikes", "toe offs", "cadence (truth)", "verdict"], synth),
                "## Synthetic walker sweep (benchmarks/gait_sweep.py)\nEvery pattern x frame rate x view (side: there "
                "and back) x 80/115 steps/min x 1/3 px of landmark noise, 8 walks a cell. Per view: walks with a "
                "problem (an event over 2 frames off or a median over 1, the cadence over 3 % off, or a walk there and "
                "back with another verdict than its pattern's) / that lost an event (over 10 frames off) / that lost "
                "one with no warning naming where; and the walks warned of steps not found without a problem.",
                _md_table(SWEEP_HEADER, sweep_table(walks)),
                LIMITS.replace("{sweep}", _sweep_limit(walks)),
            ]
        )
        + "\n"
    )

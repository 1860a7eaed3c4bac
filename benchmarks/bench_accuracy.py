"""Accuracy over every labelled clip of the corpus (../shared/videos or $COACH_CORPUS), against counts a person made:

- reps: per clip got / want / ok (within the label's tolerance, per side), the movements coach saw (seen, not counted
  with a reason, landmark glitches ignored; the reasons summed at the end), coach's `auto` recognition, and a naive
  two-threshold counter (Ultralytics AIGym style: one 2D joint angle, no smoothing) as the reference to beat; totals
  as the rep-counting literature reports them (exact rate, off-by-one accuracy OBO, MAE relative to the true count),
  over each clip's total and over each side (a clip one rep over on one side and one under on the other has its
  total right, not its sides);
- near-misses: clips of none of the exercises, where `auto` must count nothing;
- gait: heel strikes and toe offs matched to the labelled ones (median error in frames, share within 1 and 2 frames,
  misses), cadence error and verdict; the rear clips' approximate toe offs and cadence; the synthetic walker sweep
  (benchmarks/gait_sweep.py: walks with a problem, that lost an event, that lost one in silence); `--markdown FILE`
  writes docs/gait_validation.md from these numbers and the synthetic walkers' (benchmarks/gait_doc.py);
- assessments: per clip what coach measured against the label (chair stands, Timed Up and Go total, single-leg
  lift/touch-down and standing leg, range-of-motion reps per side, stretch side and hold) with the issue's tolerances.

Pose runs once per clip and is kept (coach.posecache, the same cache as the corpus tests), so a rerun takes seconds.

    python benchmarks/bench_accuracy.py [--corpus DIR] [--gait-only] [--markdown docs/gait_validation.md]
"""

from __future__ import annotations

import argparse
import json
import math
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from gait_doc import gait_validation_markdown, synthetic_rows
from gait_sweep import SWEEP_HEADER, SweepWalk, sweep, sweep_table

from coach.analysis import Settings, analyze_run
from coach.gait import GaitResult
from coach.kinematics.geometry import joint_angle_deg, y_up
from coach.landmarks import LEFT_SHOULDER, LEG, RIGHT_SHOULDER, SIDES
from coach.people import PoseRun
from coach.posecache import cached_analysis, cached_pose_run
from coach.validation import ASSESSMENT_TESTS as ASSESSMENTS
from coach.validation import (
    EVENT_MATCH_S,
    HOLD_TOL_S,
    STANCE_TOL_S,
    CountTotals,
    counts_agree,
    gait_event_errors,
    side_pairs,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path(os.environ.get("COACH_CORPUS", ROOT.parent / "shared" / "videos"))
POSE_CACHE = Path(os.environ.get("COACH_POSE_CACHE", ROOT / "tests" / "artifacts" / "poses"))
REP_TASKS = ("march", "lunge", "slr")
#: Naive counter: the joint (shoulder-hip-knee or hip-knee-ankle angle, 180 = straight) and its (down, up) angles:
#: a rep is counted each time the angle goes below `down` after being above `up` (AIGym's rule).
NAIVE = {"march": ("hip", 110.0, 150.0), "lunge": ("knee", 110.0, 150.0), "slr": ("hip", 150.0, 165.0)}


def naive_counts(run: PoseRun, task: str) -> dict[str, int]:
    """Reps per side of a two-threshold counter on one raw 2D joint angle (no cleaning, no gating)."""
    joint, down, up = NAIVE[task]
    p = y_up(run.raw.xy_px)
    out = {}
    for side in SIDES:
        j = LEG[side]
        shoulder = LEFT_SHOULDER if side == "left" else RIGHT_SHOULDER
        a, b, c = (shoulder, j["hip"], j["knee"]) if joint == "hip" else (j["hip"], j["knee"], j["ankle"])
        ang = joint_angle_deg(p[:, a], p[:, b], p[:, c])
        n, stage = 0, ""
        for v in ang:
            if not math.isfinite(v):
                continue
            if v < down:
                n += stage == "up"
                stage = "down"
            elif v > up:
                stage = "up"
        out[side] = n
    return out


def rep_rows(corpus: Path, labels: dict) -> None:
    """Print the rep table and its totals."""
    print("\nREPS (per clip: coach with the labelled exercise, coach auto, naive two-threshold counter)")
    print(
        f"{'clip':46s} {'task':6s} {'want':>7s} {'coach':>7s} ok  {'auto':>14s} {'naive':>7s} ok  "
        f"{'seen':>4s} {'not':>4s} {'glitch':>6s}"
    )
    ok_coach, ok_naive, ok_auto = 0, 0, 0
    coach_sides: list[list[tuple[int, int]]] = []  # per clip, (got, want) of each side
    naive_sides: list[list[tuple[int, int]]] = []
    reasons: Counter[str] = Counter()
    clips = [n for n, lab in labels.items() if lab.get("task") in REP_TASKS and "reps" in lab]
    for name in clips:
        lab, settings = labels[name], Settings(task=labels[name]["task"])
        want, tol, known = lab["reps"], lab.get("tolerance", 0), lab.get("sides_known", True)
        run = cached_pose_run(corpus / name, settings, POSE_CACHE)
        summary = analyze_run(run, settings).summary
        got, moves = summary["reps"], summary.get("movements") or {}
        reasons.update({m["reason"]: m["count"] for m in moves.get("not_counted", [])})
        auto = cached_analysis(corpus / name, Settings(task="auto"), POSE_CACHE).summary
        rec = auto.get("recognised", {}).get("task", "?")
        want_auto = lab["task"] if sum(want.values()) else "none"
        naive = naive_counts(run, lab["task"])
        c_ok, n_ok = counts_agree(got, want, tol, known), counts_agree(naive, want, tol, known)
        ok_coach += c_ok
        ok_naive += n_ok
        ok_auto += rec == want_auto
        coach_sides.append(side_pairs(got, want, known))
        naive_sides.append(side_pairs(naive, want, known))

        def fmt(d: dict) -> str:
            return f"{d['left']}/{d['right']}"

        not_counted = sum(m["count"] for m in moves.get("not_counted", []))
        glitches = sum(m["count"] for m in moves.get("glitches", []))
        print(
            f"{name[:46]:46s} {lab['task']:6s} {fmt(want):>7s} {fmt(got):>7s} {'ok' if c_ok else '--'}  "
            f"{rec + (' ok' if rec == want_auto else ' --'):>14s} {fmt(naive):>7s} {'ok' if n_ok else '--'}  "
            f"{moves.get('seen', 0):4d} {not_counted:4d} {glitches:6d}"
        )
    for who, clip_sides, ok in (("coach", coach_sides, ok_coach), ("naive", naive_sides, ok_naive)):
        totals = [(sum(g for g, _ in sides), sum(w for _, w in sides)) for sides in clip_sides]
        t, s = CountTotals.of(totals), CountTotals.of([pair for sides in clip_sides for pair in sides])
        print(
            f"{who}: {ok}/{len(clips)} clips right within tolerance; total counts exact {t.exact:.2f}, "
            f"OBO {t.obo:.2f}, MAE {t.mae:.3f}; per side (errors on the two sides do not cancel) exact {s.exact:.2f}, "
            f"OBO {s.obo:.2f}, MAE {s.mae:.3f}"
        )
    print(f"auto recognised the labelled exercise on {ok_auto}/{len(clips)} clips")
    print("movements seen and not counted, by reason (every labelled clip, its own exercise):")
    for reason, n in reasons.most_common():
        print(f"  {n:4d}  {reason}")


def near_miss_rows(corpus: Path, labels: dict) -> None:
    """Print near-misses: clips of none of the exercises (task 'other') under `auto`."""
    print("\nNEAR-MISSES under auto (must count nothing)")
    bad = 0
    clips = [n for n, lab in labels.items() if lab.get("task") == "other"]
    for name in clips:
        s = cached_analysis(corpus / name, Settings(task="auto"), POSE_CACHE).summary
        reps = s.get("reps", {"left": 0, "right": 0})
        counted = sum(reps.values())
        bad += counted > 0
        rec = s.get("recognised", {})
        print(
            f"{name[:46]:46s} recognised {rec.get('task', '?'):6s} reps {reps['left']}/{reps['right']} "
            f"{'ok' if not counted else '--'}"
        )
    print(f"near-misses with any rep counted: {bad}/{len(clips)}")


@dataclass(frozen=True)
class WalkerRow:
    """One labelled walker: event errors (frames) per label key (inf = missed), cadence and verdict, coach's and the
    label's (approximate cadence for the rear clips)."""

    name: str
    errors: dict[str, np.ndarray]
    cadence: float
    want: float
    approx: bool
    verdict: str
    expect: str


def walker_rows(corpus: Path, labels: dict) -> list[WalkerRow]:
    """Every labelled walker analysed with task 'gait' and compared with its labels."""
    rows = []
    for name, lab in labels.items():
        if lab.get("task") != "gait":
            continue
        a = cached_analysis(corpus / name, Settings(task="gait"), POSE_CACHE)
        assert isinstance(a.result, GaitResult), f"{name}: task 'gait' gave no gait result"
        err = {k: e * a.info.fps for k, e in gait_event_errors(a.result.events.times, lab).items()}
        g = a.summary["gait"]
        approx = "cadence_steps_per_min" not in lab
        want = lab.get("cadence_steps_per_min", lab.get("cadence_steps_per_min_approx", math.nan))
        expect = {"asym": "asymmetric", "sym": "symmetric"}.get(lab.get("expect_verdict", ""), "-")
        rows.append(
            WalkerRow(name, err, g.get("cadence_steps_per_min") or math.nan, want, approx, g["verdict"], expect)
        )
    return rows


def _cells(err: np.ndarray | None) -> list[str]:
    """median error, share within 1 and 2 frames, misses of one kind of event ('' when not labelled)."""
    if err is None or not len(err):
        return ["", "", "", ""]
    hit = err[np.isfinite(err)]
    return [
        f"{np.median(hit):.1f}" if len(hit) else "nan",
        f"{np.mean(err <= 1):.0%}",
        f"{np.mean(err <= 2):.0%}",
        str(int(np.sum(~np.isfinite(err)))),
    ]


GAIT_HEADER = [
    "clip",
    "HS med",
    "<=1f",
    "<=2f",
    "miss",
    "TO med",
    "<=1f",
    "<=2f",
    "miss",
    "cad",
    "want",
    "err%",
    "verdict (expected)",
]


def gait_table(rows: list[WalkerRow]) -> tuple[list[list[str]], str]:
    """Table cells per walker (approximate toe offs in the TO columns, '~' before an approximate cadence) and the
    totals line over the scored events (heel strikes and toe offs labelled to the frame)."""
    cells = []
    for r in rows:
        to = r.errors.get("toe_offs", r.errors.get("toe_offs_approx"))
        err_pct = 100 * (r.cadence - r.want) / r.want
        cells.append(
            [
                r.name,
                *_cells(r.errors.get("heel_strikes")),
                *_cells(to),
                f"{r.cadence:.1f}",
                f"{'~' if r.approx else ''}{r.want:g}",
                f"{err_pct:+.1f}",
                f"{r.verdict} ({r.expect})",
            ]
        )
    scored = [e for r in rows for k, e in r.errors.items() if k != "toe_offs_approx"]
    err = np.concatenate(scored) if scored else np.zeros(0)
    hit = err[np.isfinite(err)]
    total = (
        f"all scored events: {len(err)} labelled, median error {np.median(hit) if len(hit) else math.nan:.2f} "
        f"frames, {np.mean(err <= 1):.0%} within 1 frame, {np.mean(err <= 2):.0%} within 2, "
        f"{int(np.sum(~np.isfinite(err)))} missed"
    )
    return cells, total


def gait_rows(corpus: Path, labels: dict) -> list[WalkerRow]:
    """Print per-walker event accuracy, cadence and verdict; return the rows."""
    rows = walker_rows(corpus, labels)
    cells, total = gait_table(rows)
    print(
        f"\nGAIT (events matched one-to-one to the labels within {EVENT_MATCH_S} s; errors in frames of the clip; "
        "rear clips: approximate toe offs and cadence)"
    )
    widths = [32, 6, 5, 5, 5, 6, 5, 5, 5, 6, 6, 6, 0]
    print(" ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(GAIT_HEADER, widths))))
    for row in cells:
        print(" ".join(c.rjust(w) if i else c[:w].ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
    print(total)
    auto = {r.name: cached_analysis(corpus / r.name, Settings(task="auto"), POSE_CACHE).summary for r in rows}
    missed = [f"{n} ({s['recognised']['task']})" for n, s in auto.items() if s["recognised"]["task"] != "gait"]
    print(
        f"auto recognised walking on {len(rows) - len(missed)}/{len(rows)} walkers"
        + (f"; not: {missed}" if missed else "")
    )
    return rows


def sweep_rows() -> list[SweepWalk]:
    """Print the synthetic walker sweep by frame rate and view (gait_sweep); return its walks."""
    walks = sweep()
    print(
        f"\nGAIT SWEEP (synthetic walkers, exact events: {len(walks)} walks; per view the walks with a problem / that "
        "lost an event / that lost one with no warning)"
    )
    print(" | ".join(SWEEP_HEADER))
    for row in sweep_table(walks):
        print(" | ".join(row))
    return walks


def _fmt(x) -> str:
    return "-" if x is None else f"{x:.2f}" if isinstance(x, float) else str(x)


def assessment_check(lab: dict, a: dict, s: dict) -> tuple[str, str, bool]:
    """(got, want, ok) of one assessment clip against its label."""
    task = lab["task"]
    if task == "chair_stand":
        return str(a["stands"]), str(lab["stands"]), a["stands"] == lab["stands"]
    if task == "tug":
        ok = a["total_s"] is not None and abs(a["total_s"] - lab["total_s"]) <= lab["tolerance_s"]
        return f"{_fmt(a['total_s'])} s", f"{lab['total_s']:.2f}+-{lab['tolerance_s']}", ok
    if task == "single_leg_stance":
        got = [(t["standing_leg"][0], t["lift_s"], t["touch_s"]) for t in a["trials"]]
        want = [(t["standing_leg"][0], t["lift_s"], t["touch_s"]) for t in lab["trials"]]
        ok = len(got) == len(want) and all(
            g[0] == w[0] and abs(g[1] - w[1]) <= STANCE_TOL_S and g[2] is not None and abs(g[2] - w[2]) <= STANCE_TOL_S
            for g, w in zip(got, want)
        )
        show = lambda xs: " ".join(f"{x[0]}:{_fmt(x[1])}-{_fmt(x[2])}" for x in xs)  # noqa: E731
        return show(got), show(want), ok
    if task == "hip_flexor_stretch":
        ok = (
            a["side"] == lab["side_stretched"]
            and a["hold_s"] is not None
            and abs(a["hold_s"] - lab["hold_s"]) <= HOLD_TOL_S
        )
        return f"{a['side']} {_fmt(a['hold_s'])} s", f"{lab['side_stretched']} {lab['hold_s']:.2f} s", ok
    got, want = s["reps"], lab["reps"]
    return f"{got['left']}/{got['right']}", f"{want['left']}/{want['right']}", got == want


def assessment_rows(corpus: Path, labels: dict) -> None:
    """Print each assessment clip: what coach measured, the label, and whether it is within the target."""
    print(
        "\nASSESSMENTS (chair stands exact; TUG total within the label's tolerance; single-leg lift/touch-down "
        f"within {STANCE_TOL_S} s and the standing leg; reps per side exact; stretch side and hold within "
        f"{HOLD_TOL_S} s)"
    )
    print(f"{'clip':38s} {'test':18s} {'coach':>26s} {'label':>26s} ok")
    ok_all, clips = 0, [n for n, lab in labels.items() if lab.get("task") in ASSESSMENTS]
    for name in clips:
        lab = labels[name]
        s = cached_analysis(corpus / name, Settings(task=ASSESSMENTS[lab["task"]]), POSE_CACHE).summary
        got, want, ok = assessment_check(lab, s["assessment"], s)
        ok_all += ok
        print(f"{name[:38]:38s} {ASSESSMENTS[lab['task']]:18s} {got:>26s} {want:>26s} {'ok' if ok else '--'}")
    print(f"assessments within target: {ok_all}/{len(clips)} clips")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--gait-only", action="store_true", help="measure the walkers only")
    ap.add_argument("--markdown", type=Path, help="also write the gait validation document (docs/gait_validation.md)")
    args = ap.parse_args()
    labels_file = args.corpus / "labels.json"
    if not labels_file.is_file():
        print(f"no labelled corpus at {args.corpus} (set COACH_CORPUS or --corpus): nothing to measure")
        return
    labels = json.loads(labels_file.read_text())
    tasks = ("gait",) if args.gait_only else (*REP_TASKS, "other", "gait", *ASSESSMENTS)
    used = [n for n, lab in labels.items() if lab.get("task") in tasks]
    print(f"accuracy over the labelled corpus {args.corpus} ({len(used)} clips)")
    if not args.gait_only:
        rep_rows(args.corpus, labels)
        near_miss_rows(args.corpus, labels)
    rows = gait_rows(args.corpus, labels)
    walks = sweep_rows()
    if not args.gait_only:
        assessment_rows(args.corpus, labels)
    if args.markdown:
        args.markdown.write_text(gait_validation_markdown(GAIT_HEADER, *gait_table(rows), synthetic_rows(), walks))
        print(f"wrote {args.markdown}")


if __name__ == "__main__":
    main()

"""Accuracy over every labelled clip of the corpus (../shared/videos or $COACH_CORPUS), against counts a person made:

- reps: per clip got / want / ok (within the label's tolerance, per side), the movements coach saw (seen, not counted
  with a reason, landmark glitches ignored; the reasons summed at the end), coach's `auto` recognition, and a naive
  two-threshold counter (Ultralytics AIGym style: one 2D joint angle, no smoothing) as the reference to beat; totals
  as the rep-counting literature reports them (exact rate, off-by-one accuracy OBO, MAE relative to the true count);
- near-misses: clips of none of the exercises, where `auto` must count nothing;
- gait: heel strikes and toe offs matched to the labelled ones (median error in frames, share within 1 and 2 frames,
  misses), cadence error and verdict.

Pose runs once per clip and is kept (coach.posecache, the same cache as the corpus tests), so a rerun takes seconds.

    python benchmarks/bench_accuracy.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
from collections import Counter
from pathlib import Path

import numpy as np

from coach.analysis import Settings, analyze_poses
from coach.geometry import joint_angle_deg, y_up
from coach.landmarks import LEG, LEFT_SHOULDER, RIGHT_SHOULDER, SIDES
from coach.people import PoseRun
from coach.posecache import cached_pose_run
from coach.validation import CountTotals, counts_agree, event_errors

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path(os.environ.get("COACH_CORPUS", ROOT.parent / "shared" / "videos"))
POSE_CACHE = Path(os.environ.get("COACH_POSE_CACHE", ROOT / "tests" / "artifacts" / "poses"))
REP_TASKS = ("march", "lunge", "slr")
#: Naive counter: the joint (shoulder-hip-knee or hip-knee-ankle angle, 180 = straight) and its (down, up) angles:
#: a rep is counted each time the angle goes below `down` after being above `up` (AIGym's rule).
NAIVE = {"march": ("hip", 110.0, 150.0), "lunge": ("knee", 110.0, 150.0), "slr": ("hip", 150.0, 165.0)}
#: A labelled gait event with no detected event this close (s) counts as missed.
EVENT_MATCH_S = 0.5


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


def rep_rows(corpus: Path, labels: dict, runs: dict[str, PoseRun]) -> None:
    """Print the rep table and its totals."""
    print("\nREPS (per clip: coach with the labelled exercise, coach auto, naive two-threshold counter)")
    print(f"{'clip':46s} {'task':6s} {'want':>7s} {'coach':>7s} ok  {'auto':>14s} {'naive':>7s} ok  "
          f"{'seen':>4s} {'not':>4s} {'glitch':>6s}")
    coach_pairs, naive_pairs, ok_coach, ok_naive, ok_auto = [], [], 0, 0, 0
    reasons: Counter[str] = Counter()
    clips = [n for n, lab in labels.items() if lab.get("task") in REP_TASKS and "reps" in lab]
    for name in clips:
        lab, run = labels[name], runs[name]
        want, tol, known = lab["reps"], lab.get("tolerance", 0), lab.get("sides_known", True)
        summary = analyze_poses(run.info, run.raw, run.people, Settings(task=lab["task"]), run.decode_error).summary
        got, moves = summary["reps"], summary.get("movements") or {}
        reasons.update({m["reason"]: m["count"] for m in moves.get("not_counted", [])})
        auto = analyze_poses(run.info, run.raw, run.people, Settings(task="auto"), run.decode_error).summary
        rec = auto.get("recognised", {}).get("task", "?")
        want_auto = lab["task"] if sum(want.values()) else "none"
        naive = naive_counts(run, lab["task"])
        c_ok, n_ok = counts_agree(got, want, tol, known), counts_agree(naive, want, tol, known)
        ok_coach += c_ok
        ok_naive += n_ok
        ok_auto += rec == want_auto
        coach_pairs.append((sum(got.values()), sum(want.values())))
        naive_pairs.append((sum(naive.values()), sum(want.values())))
        fmt = lambda d: f"{d['left']}/{d['right']}"
        not_counted = sum(m["count"] for m in moves.get("not_counted", []))
        glitches = sum(m["count"] for m in moves.get("glitches", []))
        print(f"{name[:46]:46s} {lab['task']:6s} {fmt(want):>7s} {fmt(got):>7s} {'ok' if c_ok else '--'}  "
              f"{rec + (' ok' if rec == want_auto else ' --'):>14s} {fmt(naive):>7s} {'ok' if n_ok else '--'}  "
              f"{moves.get('seen', 0):4d} {not_counted:4d} {glitches:6d}")
    for who, pairs, ok in (("coach", coach_pairs, ok_coach), ("naive", naive_pairs, ok_naive)):
        t = CountTotals.of(pairs)
        print(f"{who}: {ok}/{len(clips)} clips right within tolerance; total counts exact {t.exact:.2f}, "
              f"OBO {t.obo:.2f}, MAE {t.mae:.3f}")
    print(f"auto recognised the labelled exercise on {ok_auto}/{len(clips)} clips")
    print("movements seen and not counted, by reason (every labelled clip, its own exercise):")
    for reason, n in reasons.most_common():
        print(f"  {n:4d}  {reason}")


def near_miss_rows(labels: dict, runs: dict[str, PoseRun]) -> None:
    """Print near-misses: clips of none of the exercises (task 'other') under `auto`."""
    print("\nNEAR-MISSES under auto (must count nothing)")
    bad = 0
    clips = [n for n, lab in labels.items() if lab.get("task") == "other"]
    for name in clips:
        run = runs[name]
        s = analyze_poses(run.info, run.raw, run.people, Settings(task="auto"), run.decode_error).summary
        reps = s.get("reps", {"left": 0, "right": 0})
        counted = sum(reps.values())
        bad += counted > 0
        rec = s.get("recognised", {})
        print(f"{name[:46]:46s} recognised {rec.get('task', '?'):6s} reps {reps['left']}/{reps['right']} "
              f"{'ok' if not counted else '--'}")
    print(f"near-misses with any rep counted: {bad}/{len(clips)}")


def gait_rows(labels: dict, runs: dict[str, PoseRun]) -> None:
    """Print per-walker event accuracy, cadence and verdict."""
    print("\nGAIT (events matched one-to-one to the labels within 0.5 s; errors in frames of the clip)")
    print(f"{'clip':32s} {'HS med':>6s} {'<=1f':>5s} {'<=2f':>5s} {'miss':>5s} {'TO med':>6s} {'<=1f':>5s} "
          f"{'<=2f':>5s} {'miss':>5s} {'cad':>6s} {'want':>6s} {'err%':>5s}  verdict (expected)")
    all_err = []
    for name, lab in labels.items():
        if lab.get("task") != "gait" or "heel_strikes" not in lab:
            continue
        run = runs[name]
        a = analyze_poses(run.info, run.raw, run.people, Settings(task="gait"), run.decode_error)
        frame_s = 1.0 / run.info.fps
        cells = []
        for key, kind in (("heel_strikes", "HS"), ("toe_offs", "TO")):
            found = {s: a.result.events.times(kind, s) for s in SIDES}
            err = event_errors(found, lab.get(key, {}), lab.get("sides_known", True), EVENT_MATCH_S) / frame_s
            hit = err[np.isfinite(err)]
            all_err.append(err)
            cells.append(f"{np.median(hit) if len(hit) else math.nan:6.1f} {np.mean(err <= 1):5.0%} "
                         f"{np.mean(err <= 2):5.0%} {int(np.sum(~np.isfinite(err))):5d}")
        g = a.summary["gait"]
        cad, want = g.get("cadence_steps_per_min") or math.nan, lab.get("cadence_steps_per_min", math.nan)
        expect = {"asym": "asymmetric", "sym": "symmetric"}.get(lab.get("expect_verdict", ""), "-")
        print(f"{name[:32]:32s} {cells[0]} {cells[1]} {cad:6.1f} {want:6.1f} {100 * (cad - want) / want:5.1f}  "
              f"{g['verdict']} ({expect})")
    err = np.concatenate(all_err) if all_err else np.zeros(0)
    hit = err[np.isfinite(err)]
    print(f"all events: {len(err)} labelled, median error {np.median(hit) if len(hit) else math.nan:.2f} frames, "
          f"{np.mean(err <= 1):.0%} within 1 frame, {np.mean(err <= 2):.0%} within 2, "
          f"{int(np.sum(~np.isfinite(err)))} missed")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    labels_file = args.corpus / "labels.json"
    if not labels_file.is_file():
        print(f"no labelled corpus at {args.corpus} (set COACH_CORPUS or --corpus): nothing to measure")
        return
    labels = json.loads(labels_file.read_text())
    used = [n for n, lab in labels.items() if lab.get("task") in (*REP_TASKS, "other", "gait")]
    runs = {n: cached_pose_run(args.corpus / n, Settings(), POSE_CACHE) for n in used}
    print(f"accuracy over the labelled corpus {args.corpus} ({len(used)} clips)")
    rep_rows(args.corpus, labels, runs)
    near_miss_rows(labels, runs)
    gait_rows(labels, runs)


if __name__ == "__main__":
    main()

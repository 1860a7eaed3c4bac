"""Compare coach's results with labels counted by a person (the corpus's labels.json format): rep counts per side,
gait events matched in time, and the totals the rep-counting literature reports (exact rate, off-by-one accuracy and
mean absolute error relative to the true count, as on RepCount: Hu et al. 2022). Pure functions, used by the corpus
tests and the accuracy benchmark alike."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.landmarks import SIDES


def side_pairs(got: dict[str, int], want: dict[str, int], sides_known: bool) -> list[tuple[int, int]]:
    """(got, want) reps of each side, left then right (as sorted pairs when the label does not know which leg is
    which)."""
    if sides_known:
        return [(got.get(s, 0), want.get(s, 0)) for s in SIDES]
    return list(zip(sorted(got.get(s, 0) for s in SIDES), sorted(want.get(s, 0) for s in SIDES)))


def counts_agree(got: dict[str, int], want: dict[str, int], tolerance: int, sides_known: bool) -> bool:
    """True when the reps per side are within `tolerance` of the label (side_pairs)."""
    return all(abs(g - w) <= tolerance for g, w in side_pairs(got, want, sides_known))


@dataclass(frozen=True)
class CountTotals:
    """Totals over (got, want) counts (a clip's total, or one side of a clip): exact-count rate, off-by-one accuracy
    (OBO: |got - want| <= 1) and mean absolute error relative to the true count (MAE, over counts whose true count is
    > 0)."""

    n: int
    exact: float
    obo: float
    mae: float

    @classmethod
    def of(cls, pairs: list[tuple[int, int]]) -> CountTotals:
        """Totals of (got, want) counts."""
        if not pairs:
            return cls(0, float("nan"), float("nan"), float("nan"))
        got, want = np.array(pairs, float).T
        err = np.abs(got - want)
        rel = err[want > 0] / want[want > 0]
        return cls(
            len(pairs),
            float(np.mean(err == 0)),
            float(np.mean(err <= 1)),
            float(np.mean(rel)) if len(rel) else float("nan"),
        )


def match_events(found_s: np.ndarray, label_s: np.ndarray, max_s: float) -> np.ndarray:
    """Absolute time errors (s) of labelled events to their nearest found event, one-to-one (each found event serves
    one label, nearest pairs first); a label with no found event within `max_s` gets inf."""
    found_s, label_s = np.asarray(found_s, float), np.asarray(label_s, float)
    err = np.full(len(label_s), np.inf)
    if not len(found_s) or not len(label_s):
        return err
    d = np.abs(label_s[:, None] - found_s[None, :])
    used_l, used_f = set(), set()
    for flat in np.argsort(d, axis=None):
        i, j = divmod(int(flat), len(found_s))
        if d[i, j] > max_s:
            break
        if i in used_l or j in used_f:
            continue
        used_l.add(i)
        used_f.add(j)
        err[i] = d[i, j]
    return err


def event_errors(
    found: dict[str, np.ndarray], labelled: dict[str, list[float]], sides_known: bool, max_s: float
) -> np.ndarray:
    """Time errors (s) of every labelled event of one kind, per foot; when the label does not know which foot is
    which, the pairing of feet that matches best (fewest misses, then smallest errors) is used."""
    pairings = [dict(zip(SIDES, SIDES))] if sides_known else [dict(zip(SIDES, SIDES)), dict(zip(SIDES, SIDES[::-1]))]
    best = None
    for pair in pairings:
        errs = (
            np.concatenate(
                [
                    match_events(found.get(pair[s], np.zeros(0)), np.asarray(labelled.get(s, []), float), max_s)
                    for s in SIDES
                ]
            )
            if labelled
            else np.zeros(0)
        )
        score = (int(np.sum(~np.isfinite(errs))), float(np.sum(errs[np.isfinite(errs)])))
        if best is None or score < best[0]:
            best = (score, errs)
    return best[1] if best else np.zeros(0)


#: labels.json assessment task -> coach's test name.
ASSESSMENT_TESTS = {
    "chair_stand": "chair-stand",
    "tug": "tug",
    "single_leg_stance": "single-leg-stance",
    "hip_abduction": "hip-abduction",
    "supine_hip_flexion_knee_to_chest": "knee-to-chest",
    "hip_flexor_stretch": "hip-flexor-stretch",
}
#: The assessment issue's targets where a label gives none: single-leg lift/touch-down and stretch hold (s).
STANCE_TOL_S, HOLD_TOL_S = 0.2, 0.5
#: A labelled gait event with no detected event this close (s) counts as missed.
EVENT_MATCH_S = 0.5
#: labels.json keys of gait events and coach's event codes (approximate toe offs are labelled from behind).
GAIT_EVENT_KEYS = {"heel_strikes": "HS", "toe_offs": "TO", "toe_offs_approx": "TO"}


def gait_event_errors(times_of, label: dict, max_s: float = EVENT_MATCH_S) -> dict[str, np.ndarray]:
    """Time errors (s) of the labelled gait events of one clip per labels.json key present (inf = missed);
    `times_of(kind, side)` gives coach's event times (GaitEvents.times)."""
    known = label.get("sides_known", True)
    return {
        key: event_errors({s: times_of(kind, s) for s in SIDES}, label[key], known, max_s)
        for key, kind in GAIT_EVENT_KEYS.items()
        if key in label
    }

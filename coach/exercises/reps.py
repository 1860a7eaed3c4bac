"""The shared rep engine: a per-side hysteresis state machine over an exercise's key angle (DESIGN.md section 5).

One object serves the live webcam page (one BodySample at a time, bounded state: a rep's samples are kept only while
it lasts, at most `max_duration_s`) and the offline analysis (`count_reps` runs the very same object over a clip).
Unlike a bare two-threshold counter (Ultralytics AIGym) it gates on confidence, needs a minimum range of motion and
duration, re-arms only after a real rise (so jitter around a threshold cannot double-count), and marks a rep that
crosses a long gap as uncertain instead of inventing what was not seen.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from coach.exercises.form import find_faults, rep_score
from coach.exercises.spec import ExerciseSpec, Fault, RepTrace
from coach.landmarks import SIDES
from coach.types import BodySample

#: Share of the rep's rise that counts as "at the top" for up/down durations (long holds at the top are not tempo).
TOP_FRAC = 0.9
#: Within this much of the lowest value the angle is still resting (deg).
REST_BAND_DEG = 3.0
#: Samples kept of a slow rise from rest before it reaches the entry threshold (bounds the state).
RISE_MAX_SAMPLES = 600


@dataclass(frozen=True)
class Rep:
    """One counted rep of one side: times (s), peak key angle and range of motion (deg), time up to the top and down
    from it (s), faults, score 0-100, confidence in [0, 1], `uncertain` when it crossed a long gap, and `measures`
    (spec's report quantities at the peak)."""

    side: str
    start_s: float
    peak_s: float
    end_s: float
    peak_deg: float
    rom_deg: float
    up_s: float
    down_s: float
    faults: tuple[Fault, ...]
    score: int
    confidence: float
    uncertain: bool = False
    measures: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-safe dict (rounded)."""
        r = lambda x, n=2: None if not math.isfinite(x) else round(float(x), n)
        return {"side": self.side, "start_s": r(self.start_s), "peak_s": r(self.peak_s), "end_s": r(self.end_s),
                "peak_deg": r(self.peak_deg, 1), "rom_deg": r(self.rom_deg, 1), "up_s": r(self.up_s),
                "down_s": r(self.down_s), "faults": [f.to_dict() for f in self.faults], "score": self.score,
                "confidence": r(self.confidence), "uncertain": self.uncertain,
                **{k: r(v, 1) for k, v in self.measures.items()}}


class _Side:
    """State of one side: resting (tracking the lowest value since the last rep) or inside a rep (keeping its samples)."""

    def __init__(self) -> None:
        self.in_rep = False
        self.low = math.inf
        self.low_t = math.nan
        self.low_measures: dict[str, float] = {}
        self.rising: deque[tuple[float, float, float]] = deque(maxlen=RISE_MAX_SAMPLES)
        self.last_t = math.nan
        self.samples: list[tuple[float, float, float, dict[str, float]]] = []
        self.uncertain = False
        self.peak = -math.inf

    def rest(self) -> None:
        """Back to resting after a rep (or an abandoned one)."""
        self.in_rep, self.samples, self.uncertain, self.peak = False, [], False, -math.inf
        self.low, self.low_t, self.low_measures = math.inf, math.nan, {}
        self.rising.clear()


class RepCounter:
    """Count reps per side from one BodySample at a time: `update(sample) -> Rep | None` (the rep completed by this
    sample, if any). `reps` holds every counted rep, `rejected` counts movements that were not reps of this exercise
    by reason, `counts` the reps per side."""

    def __init__(self, spec: ExerciseSpec) -> None:
        self.spec = spec
        self.reps: list[Rep] = []
        self.rejected: Counter[str] = Counter()
        self.discarded: Counter[str] = Counter()
        self._sides = {s: _Side() for s in SIDES}

    @property
    def counts(self) -> dict[str, int]:
        """Reps counted so far per side."""
        return {s: sum(r.side == s for r in self.reps) for s in SIDES}

    def update(self, sample: BodySample) -> Rep | None:
        """Feed one frame; returns the rep it completed (the last one if both sides completed at once)."""
        done = None
        for side in SIDES:
            rep = self._step(self._sides[side], side, sample)
            if rep is not None:
                self.reps.append(rep)
                done = rep
        return done

    def _step(self, st: _Side, side: str, sample: BodySample) -> Rep | None:
        """Advance one side's state machine by one sample."""
        spec, t = self.spec, sample.t_s
        value, conf = spec.key(sample, side)
        if not (math.isfinite(value) and conf >= spec.min_conf):
            if st.in_rep and t - st.last_t > spec.max_duration_s:
                self.discarded["lost from view"] += 1
                st.rest()
            return None
        gap = t - st.last_t if math.isfinite(st.last_t) else 0.0
        st.last_t = t
        if not st.in_rep:
            if gap > spec.max_rest_gap_s:  # a stale baseline from before a long gap says nothing about this rise
                st.low, st.low_t = math.inf, math.nan
                st.rising.clear()
            st.low = min(st.low, value)
            if value <= st.low + REST_BAND_DEG:  # the rep starts when the angle last left its resting level
                st.low_t, st.low_measures = t, spec.measure(sample, side)
                st.rising.clear()
            st.rising.append((t, value, conf))
            if value < max(spec.enter_deg, st.low + spec.enter_rise_deg) or not math.isfinite(st.low_t):
                return None
            st.in_rep = True
            rise = list(st.rising)
            st.uncertain = len(rise) > 1 and max(b[0] - a[0] for a, b in zip(rise, rise[1:])) > spec.max_gap_s
            st.samples = [(a, v, c, st.low_measures if a == st.low_t else {}) for a, v, c in rise[:-1]]
        elif gap > spec.max_gap_s:
            st.uncertain = True
        st.samples.append((t, value, conf, spec.measure(sample, side)))
        st.peak = max(st.peak, value)
        start = st.samples[0][1]
        if t - st.samples[0][0] > spec.max_duration_s:
            self.discarded["too long"] += 1
            st.rest()
            return None
        if value > max(spec.exit_deg, st.peak - spec.return_frac * (st.peak - start)):
            return None
        rep = self._finish(st, side)
        last = st.samples[-1][3]
        st.rest()
        st.low, st.low_t, st.low_measures = value, t, last
        st.rising.append((t, value, conf))
        return rep

    def _finish(self, st: _Side, side: str) -> Rep | None:
        """Turn a completed movement into a Rep, or count why it is not one."""
        spec = self.spec
        t = np.array([s[0] for s in st.samples])
        key = np.array([s[1] for s in st.samples])
        conf = np.array([s[2] for s in st.samples])
        names = list(st.samples[-1][3])
        measures = {n: np.array([s[3].get(n, math.nan) for s in st.samples]) for n in names}
        peak = int(np.argmax(key))
        rom = float(key[peak] - key[0])
        if t[-1] - t[0] < spec.min_duration_s:
            self.discarded["too short"] += 1
            return None
        if rom < spec.min_rom_deg:
            self.discarded["too small"] += 1
            return None
        top = np.flatnonzero(key >= key[0] + TOP_FRAC * rom)
        # up and down timed over the same range of angle: from the end level to the top and back
        below = np.flatnonzero(key[: top[0] + 1] <= key[-1])
        up_from = t[below[-1]] if len(below) else t[0]
        trace = RepTrace(side, t, key, conf, measures, peak, float(t[top[0]] - up_from), float(t[-1] - t[top[-1]]))
        if trace.up_s < spec.min_up_s:
            self.discarded["implausibly fast rise"] += 1
            return None
        if key[peak] > spec.max_deg:
            self.discarded["beyond what the joint can bend"] += 1
            return None
        for reject in spec.rejects:
            if reject.test(trace):
                self.rejected[reject.reason if not reject.silent else ""] += 1
                return None
        faults = find_faults(trace, spec)
        confidence = float(np.mean(conf[1:])) * (0.5 if st.uncertain else 1.0)
        return Rep(side, float(t[0]), float(t[peak]), float(t[-1]), float(key[peak]), rom, trace.up_s, trace.down_s,
                   faults, rep_score(trace, spec, faults), round(confidence, 3), st.uncertain,
                   {n: trace.at_peak(n) for n in spec.report})


def count_reps(samples: Iterable[BodySample], spec: ExerciseSpec) -> RepCounter:
    """Run a fresh RepCounter over samples (offline: `iter_samples(poses, angles)`); returns it with its reps."""
    counter = RepCounter(spec)
    for sample in samples:
        counter.update(sample)
    return counter

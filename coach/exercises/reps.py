"""The shared rep engine: a per-side hysteresis state machine over an exercise's key angle (DESIGN.md section 5).

One object serves the live webcam page (one BodySample at a time, bounded state: a rep's samples are kept only while
it lasts, at most `max_duration_s`) and the offline analysis (`count_reps` runs the very same object over a clip).
Unlike a bare two-threshold counter (Ultralytics AIGym) it gates on confidence, takes its levels from the person's
own resting posture, re-arms only after a real rise (so jitter around a threshold cannot double-count), marks a rep
that crosses a long gap as uncertain instead of inventing what was not seen, and accounts for every movement: each is
counted, or logged as not counted with its reason (coach.exercises.movements). A fast rep is a rep with a tempo fault;
only a movement faster than any limb (a landmark glitch) is dropped, and it is listed too.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from coach.exercises.form import find_faults, rep_score
from coach.exercises.movements import MovementLog, Movements, tempo_clause
from coach.exercises.spec import ExerciseSpec, Fault, RepTrace, half_width_s
from coach.landmarks import SIDES
from coach.types import BodySample

#: Share of the rep's rise that counts as "at the top" for up/down durations (long holds at the top are not tempo).
TOP_FRAC = 0.9
#: Within this much of the lowest value the angle is still resting (deg).
REST_BAND_DEG = 3.0
#: Samples kept of a slow rise from rest before it reaches the entry threshold (bounds the state).
RISE_MAX_SAMPLES = 600
#: Reps whose starts give a side's usual resting level (a movement ends once it falls most of the way back toward it,
#: even when it started from a level below it: a facing read backwards for a moment after a picture cut).
REST_REPS = 5
#: What is left of the shortfall once the top is refined by a parabola, per theta^2 (see refine_peak).
REFINED_SHARE = 0.65
#: The top of a rep is fitted (fit_top) over the samples within TOP_FIT_PHASE of the top's own timescale u (the time
#: above half the rise, half_width_s) on either side of it: a window that stretches with the tempo, so a slower rep,
#: or the same rep at another frame rate, is measured over the same part of its movement. A half-cosine top falls
#: 15 % of its rise within 0.25 u, where a least-squares parabola still follows it to ~0.5 deg of a 90 deg rise.
TOP_FIT_PHASE = 0.25
#: ... leaving out samples under this share of the rise (the ends of a held top, where the limb already lowers) ...
TOP_FIT_FLOOR = 0.75
#: ... when at least this many frames saw it (fewer: refine_peak's three-point parabola).
TOP_FIT_MIN = 5
#: The top of a rep is "seen" when the frames around it were close enough that the true top cannot be more than this
#: above the highest frame (deg): the accuracy of 2D video joint angles (~4-6 deg, Stenum et al. 2021).
PEAK_TOL_DEG = 5.0


@dataclass(frozen=True)
class Rep:
    """One counted rep of one side: times (s), peak key angle and range of motion (deg), time up to the top and down
    from it (s), faults, score 0-100, confidence in [0, 1], `uncertain` when it crossed a long gap, `peak_seen` False
    when the top fell between frames (then peak and ROM are lower bounds, not measurements), and `measures` (the spec's
    report quantities at the peak)."""

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
    peak_seen: bool = True

    @property
    def rep_s(self) -> float:
        """Duration (s), rest to rest."""
        return self.end_s - self.start_s

    def to_dict(self) -> dict:
        """JSON-safe dict (rounded); peak and ROM are None when the top was not seen (`rom_at_least_deg` keeps the
        lower bound), so no average or left/right comparison is built on a top a slow camera missed."""

        def r(x: float, n: int = 2) -> float | None:
            return None if not math.isfinite(x) else round(float(x), n)

        def seen(x: float) -> float:
            return x if self.peak_seen else math.nan

        return {
            "side": self.side,
            "start_s": r(self.start_s),
            "peak_s": r(self.peak_s),
            "end_s": r(self.end_s),
            "rep_s": r(self.rep_s),
            "peak_deg": r(seen(self.peak_deg), 1),
            "rom_deg": r(seen(self.rom_deg), 1),
            "rom_at_least_deg": r(self.rom_deg, 1),
            "peak_seen": self.peak_seen,
            "up_s": r(self.up_s),
            "down_s": r(self.down_s),
            "faults": [f.to_dict() for f in self.faults],
            "score": self.score,
            "confidence": r(self.confidence),
            "uncertain": self.uncertain,
            **{k: r(v, 1) for k, v in self.measures.items()},
        }


def peak_shortfall_deg(t_s: np.ndarray, key_deg: np.ndarray, peak: int) -> tuple[float, float]:
    """How far (deg) the true top of a rep may lie above its highest sample, from the frame spacing around it, and
    theta, the larger neighbouring gap as a phase of the top (rad).

    Model: the top is half a cosine, so a sample d seconds from it is rom (1 - cos(pi d / u)) / 2 below, u being the
    time above half the rise (half_width_s); the top lies at most half the larger neighbouring gap g from a sample:
    theta = pi g / (2 u). A held top or dense frames give ~0; a quick lift between far-apart frames a large
    shortfall."""
    gaps = [float(t_s[i + 1] - t_s[i]) for i in (peak - 1, peak) if 0 <= i < len(t_s) - 1]
    width, rom = half_width_s(t_s, key_deg, peak), float(key_deg[peak] - key_deg[0])
    if not gaps or width <= 0:
        return rom, math.pi
    theta = min(math.pi, math.pi * max(gaps) / (2 * width))
    return rom * (1.0 - math.cos(theta)) / 2.0, theta


def fit_top(t_s: np.ndarray, key_deg: np.ndarray, peak: int) -> float | None:
    """The top of a rep (deg) from a least-squares parabola through the samples within TOP_FIT_PHASE of the top's
    timescale of it (and above TOP_FIT_FLOOR of the rise), when at least TOP_FIT_MIN frames saw it: the fit averages
    out landmark jitter, where the highest sample alone is biased upward by it (the more so, the less the signal was
    smoothed: a slower rep keeps more of the jitter through the same low-pass filter). A flat top gives the median of
    those samples. None when too few frames saw the top."""
    rise = key_deg[peak] - key_deg[0]
    near = np.abs(t_s - t_s[peak]) <= TOP_FIT_PHASE * half_width_s(t_s, key_deg, peak)
    use = near & (key_deg >= key_deg[0] + TOP_FIT_FLOOR * rise)
    if use.sum() < TOP_FIT_MIN:
        return None
    tt, kk = t_s[use] - t_s[peak], key_deg[use]
    a, b, c = np.polyfit(tt, kk, 2)
    if a >= 0:
        return float(np.median(kk))
    vertex = -b / (2 * a)
    return float(np.polyval((a, b, c), np.clip(vertex, tt[0], tt[-1])))


def refine_peak(t_s: np.ndarray, key_deg: np.ndarray, peak: int) -> tuple[float, float]:
    """The top of a rep (deg) from the vertex of the parabola through its highest sample and their neighbours, and
    how far it may still be off (deg; unknown, inf, unless frames on both sides of the top were above half the rise).

    Sampling a half-cosine top with frames far apart (numerically, every phase): the highest sample falls short by up
    to peak_shortfall_deg, the parabola's vertex by at most ~0.65 theta^2 of that: e.g. a 1 s march lift at 8 fps
    3.4 deg raw, 0.4 deg refined; a 0.3 s high-knee lift at 8 fps 33 and 26 deg. The vertex is kept within the
    shortfall bound (noise can bend a parabola)."""
    shortfall, theta = peak_shortfall_deg(t_s, key_deg, peak)
    fitted = fit_top(t_s, key_deg, peak)
    if fitted is not None:
        return fitted, shortfall * min(1.0, REFINED_SHARE * theta * theta)
    top = float(key_deg[peak])
    left = shortfall * min(1.0, REFINED_SHARE * theta * theta)
    half = 0.5 * (top + key_deg[0])
    if not (0 < peak < len(t_s) - 1 and key_deg[peak - 1] > half and key_deg[peak + 1] > half):
        return top, math.inf  # the top is not bracketed by frames on its upper half: how sharp it is, is unknown
    (a, b, c), (ya, yb, yc) = t_s[peak - 1 : peak + 2] - t_s[peak], key_deg[peak - 1 : peak + 2]
    # Lagrange form of the parabola's curvature and slope at the top sample (b = 0)
    curv = 2 * (ya / ((a - b) * (a - c)) + yb / ((b - a) * (b - c)) + yc / ((c - a) * (c - b)))
    slope = (
        ya * (b - c) / ((a - b) * (a - c))
        + yb * (2 * b - a - c) / ((b - a) * (b - c))
        + yc * (b - a) / ((c - a) * (c - b))
    )
    if not curv < 0:
        return top, shortfall
    return top + min(shortfall, -slope * slope / (2 * curv)), left


class _Side:
    """State of one side: resting (tracking the lowest value since the last rep) or in a rep (keeping its samples)."""

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
        self.pending: tuple[float, float, float, dict[str, float]] | None = None
        self.starts: deque[float] = deque(maxlen=REST_REPS)

    def usual_rest(self) -> float:
        """The side's usual resting level: median start of its recent reps (-inf before any)."""
        return float(np.median(self.starts)) if self.starts else -math.inf

    def rest(self) -> None:
        """Back to resting after a rep (or an abandoned one)."""
        self.in_rep, self.samples, self.uncertain, self.peak, self.pending = False, [], False, -math.inf, None
        self.low, self.low_t, self.low_measures = math.inf, math.nan, {}
        self.rising.clear()


class RepCounter:
    """Count reps per side from one BodySample at a time: `update(sample) -> Rep | None` (the rep completed by this
    sample, if any). `reps` holds every counted rep, `log` every movement not counted with its reason, `counts` the
    reps per side, `movements()` the whole account."""

    def __init__(self, spec: ExerciseSpec) -> None:
        self.spec = spec
        self.reps: list[Rep] = []
        self.log = MovementLog()
        self._sides = {s: _Side() for s in SIDES}

    @property
    def counts(self) -> dict[str, int]:
        """Reps counted so far per side."""
        return {s: sum(r.side == s for r in self.reps) for s in SIDES}

    def movements(self) -> Movements:
        """Every movement so far: counted, not counted by reason, still in progress, and the tempo of the reps."""
        spec = self.spec
        fast = [r.rep_s for r in self.reps if any(f.code == "too_fast" for f in r.faults)]
        tempo = tempo_clause(fast, len(self.reps), spec.tempo_words, spec.tempo_s)
        return Movements(
            spec.noun, len(self.reps), self.log.not_counted(), sum(st.in_rep for st in self._sides.values()), tempo
        )

    def update(self, sample: BodySample) -> Rep | None:
        """Feed one frame; returns the rep it completed (the last one if both sides completed at once)."""
        done = None
        for side in SIDES:
            rep = self._step(self._sides[side], side, sample)
            if rep is not None:
                self.reps.append(rep)
                done = rep
        return done

    def finish(self) -> list[Rep]:
        """The clip ended: a movement cut off while already on its way back down (past half its rise) is complete
        enough to count (through every check, as any rep); one still near its top stays 'not finished'. Offline
        only: live, the session simply goes on."""
        done = []
        for side, st in self._sides.items():
            if st.pending is not None:
                end, st.pending = st.pending, None
                rep = self._end(st, side, end)
            elif st.in_rep and st.samples[-1][1] <= st.peak - 0.5 * (st.peak - st.samples[0][1]):
                rep = self._end(st, side, st.samples.pop())
            else:
                continue
            if rep is not None:
                self.reps.append(rep)
                done.append(rep)
        return done

    def cut(self) -> None:
        """The picture jumped (an edit of the video, or another person followed): a movement in progress is not
        counted, and resting levels are learned again from the new picture."""
        for side, st in self._sides.items():
            if st.in_rep:
                self._abandon(st, side, "cut", "were cut off by an edit of the video (the picture jumped)")
            st.rest()
            st.last_t = math.nan

    def _step(self, st: _Side, side: str, sample: BodySample) -> Rep | None:
        """Advance one side's state machine by one sample."""
        spec, t = self.spec, sample.t_s
        value, conf = spec.key(sample, side)
        if not spec.reads(value, conf):
            if st.in_rep and t - st.last_t > spec.max_duration_s:
                self._abandon(st, side, "lost", f"were lost from view for over {spec.max_duration_s:.0f} s")
            return None
        done = None
        if st.pending is not None:
            end, st.pending = st.pending, None
            if t - end[0] < spec.drop_s and value > self._exit_level(st):
                self.log.add(
                    "glitch",
                    "glitch",
                    "landmark glitches: a one-frame drop in the middle of a movement",
                    side,
                    end[0],
                    end[0],
                    end[0],
                )
            else:
                done = self._end(st, side, end)
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
            if value < st.low + spec.enter_rise_deg or not math.isfinite(st.low_t):
                return done
            st.in_rep = True
            rise = list(st.rising)
            st.uncertain = len(rise) > 1 and max(b[0] - a[0] for a, b in zip(rise, rise[1:])) > spec.max_gap_s
            st.samples = [(a, v, c, st.low_measures if a == st.low_t else {}) for a, v, c in rise[:-1]]
        elif gap > spec.max_gap_s:
            st.uncertain = True
        now = (t, value, conf, spec.measure(sample, side))
        if t - st.samples[0][0] > spec.max_duration_s:
            self._abandon(st, side, "too_long", f"lasted over {spec.max_duration_s:.0f} s without coming back down")
            return done
        if value > self._exit_level(st, value) or (spec.held and spec.held([*(m for *_, m in st.samples), now[3]])):
            st.samples.append(now)
            st.peak = max(st.peak, value)
            return done
        if gap < spec.drop_s:  # frames close together: the next one confirms the return (a one-frame drop is not)
            st.pending = now
            return done
        return self._end(st, side, now)

    def _exit_level(self, st: _Side, value: float = -math.inf) -> float:
        """The key angle at or below which the movement in progress has come back down: `return_frac` of its rise
        from its start (or from the side's usual resting level, when it started below it)."""
        peak = max(st.peak, value)
        base = max(st.samples[0][1], min(st.usual_rest(), peak - self.spec.min_rom_deg))
        return peak - self.spec.return_frac * (peak - base)

    def _end(self, st: _Side, side: str, end: tuple[float, float, float, dict[str, float]]) -> Rep | None:
        """Close the movement in progress with its last sample `end`; back to resting from there."""
        st.samples.append(end)
        rep = self._finish(st, side)
        if rep is not None:
            st.starts.append(min(st.samples[0][1], st.low))
        st.rest()
        st.low, st.low_t, st.low_measures = end[1], end[0], end[3]
        st.rising.append(end[:3])
        return rep

    def _abandon(self, st: _Side, side: str, code: str, reason: str) -> None:
        """Log a movement that never finished and go back to resting."""
        t = [s[0] for s in st.samples] or [st.last_t]
        self.log.add(
            code,
            "partial",
            reason,
            side,
            t[0],
            t[int(np.argmax([s[1] for s in st.samples]))] if st.samples else t[0],
            t[-1],
        )
        st.rest()

    def _glitch(self, t: np.ndarray, key: np.ndarray, peak: int) -> str:
        """Why a finished movement is a landmark glitch rather than a movement ('' when it is a movement)."""
        spec = self.spec
        if t[-1] - t[0] < spec.glitch_s:
            return f"landmark glitches: over in under {spec.glitch_s:g} s, faster than any limb moves"
        rise_gaps = np.diff(t[: peak + 1])
        if t[peak] - t[0] < spec.min_up_s and len(rise_gaps) and rise_gaps.max() < spec.min_up_s:
            return f"landmark glitches: rose to the top in under {spec.min_up_s:g} s, faster than any limb moves"
        if key[peak] > spec.max_deg:
            return f"landmark glitches: past what the joint can bend ({spec.max_deg:g} deg)"
        return ""

    def _finish(self, st: _Side, side: str) -> Rep | None:
        """Turn a completed movement into a Rep, or log why it is not one."""
        spec = self.spec
        t = np.array([s[0] for s in st.samples])
        key = np.array([s[1] for s in st.samples])
        conf = np.array([s[2] for s in st.samples])
        names = list(st.samples[-1][3])
        measures = {n: np.array([s[3].get(n, math.nan) for s in st.samples]) for n in names}
        peak = int(np.argmax(key))
        key[peak], unsure_deg = refine_peak(t, key, peak)
        # the rise from the person's own resting posture: a start below the usual resting level is a dip first
        # (landmarks, or a facing read backwards after a cut), not part of the lift
        rom = float(key[peak] - max(min(key[0], st.low), st.usual_rest()))
        times = (side, float(t[0]), float(t[peak]), float(t[-1]))
        if glitch := self._glitch(t, key, peak):
            self.log.add("glitch", "glitch", glitch, *times)
            return None
        if rom < spec.min_rom_deg:
            self.log.add(
                "too_small", "partial", f"too small: under {spec.min_rom_deg:g} deg of {spec.key_label}", *times
            )
            return None
        if key[peak] < spec.min_peak_deg:
            self.log.add(
                "too_low",
                "partial",
                f"stayed under {spec.min_peak_deg:g} deg of {spec.key_label}: too low for a {spec.noun}",
                *times,
            )
            return None
        top = np.flatnonzero(key >= key[0] + TOP_FRAC * (key[peak] - key[0]))
        # up and down timed over the same range of angle: from the end level to the top and back
        below = np.flatnonzero(key[: top[0] + 1] <= key[-1])
        up_from = t[below[-1]] if len(below) else t[0]
        trace = RepTrace(
            side,
            t,
            key,
            conf,
            measures,
            peak,
            float(t[top[0]] - up_from),
            float(t[-1] - t[top[-1]]),
            unsure_deg <= PEAK_TOL_DEG,
        )
        for reject in spec.rejects:
            if reject.test(trace):
                if not reject.silent:
                    self.log.add(reject.code, "other", reject.reason, *times, bilateral=reject.bilateral)
                return None
        faults = find_faults(trace, spec)
        confidence = float(np.mean(conf[1:])) * (0.5 if st.uncertain else 1.0)
        return Rep(
            side,
            float(t[0]),
            float(t[peak]),
            float(t[-1]),
            float(key[peak]),
            rom,
            trace.up_s,
            trace.down_s,
            faults,
            rep_score(trace, spec, faults),
            round(confidence, 3),
            st.uncertain,
            {n: trace.at_peak(n) for n in spec.report},
            trace.peak_seen,
        )


def count_reps(samples: Iterable[BodySample], spec: ExerciseSpec) -> RepCounter:
    """Run a fresh RepCounter over samples (offline: `iter_samples(poses, angles)`); returns it with its reps."""
    counter = RepCounter(spec)
    for sample in samples:
        counter.update(sample)
    return counter

"""What describes an exercise to the shared rep engine: its key angle, thresholds, form rules and cues (data only)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
from scipy.ndimage import median_filter

from coach.config import ClinicalConfig, FormLimit, default_config
from coach.types import BodySample

#: Share of a rep's rise above which its samples make its upper part (RepTrace.upper).
UPPER_SHARE = 0.5
#: A whole movement (rest, top, rest) shorter than this (s) is a landmark glitch: the fastest knee lifts people do
#: (high-knee drills, ~3.5 lifts a second) take ~0.25-0.3 s, so 0.15 s is well under any real movement (DESIGN.md 5).
GLITCH_S = 0.15
#: The quickest real rise of a rep from rest to its top (s) of a standing exercise: a rep of 0.25 s, the fastest tempo
#: coach counts (high-knee drills at ~4 lifts a second), rises in ~0.1 s.
FASTEST_RISE_S = 0.1
#: A rise to the top seen in under this share of the exercise's fastest real rise, with frames closer than that, is a
#: landmark glitch (ExerciseSpec.min_up_s): a glitch jumps within one frame interval dt, while a real rise R, whose top
#: may fall half an interval from the sample read as its peak, is seen taking at least R - dt / 2. A threshold T
#: applied only when dt < T tells them apart when T < R - T / 2, that is T < 2/3 R; 0.6 leaves a margin for uneven
#: frame times. For a standing exercise T = 0.06 s: every one-frame jump at 17 fps and faster is named, and under 17
#: fps a rise is never called a glitch for its speed (a jump and a real fast lift look alike there).
MIN_UP_SHARE = 0.6
#: A fall below the return level and a new rise within this (s) is a one-frame drop, not a return: a real return
#: and a new lift of the same leg take two rises (>= 2 x FASTEST_RISE_S).
DROP_S = 0.12


def half_crossings_s(t_s: np.ndarray, key_deg: np.ndarray, peak: int) -> tuple[float, float]:
    """When (s) the key angle passed half its rise on the way up and on the way back down, linearly interpolated
    between the frames either side (the angle moves fastest there, so even far-apart frames place them well); the
    first or last frame's time when it never did."""
    half = 0.5 * (key_deg[peak] + key_deg[0])

    def cross(a: int, b: int) -> float:
        f = (half - key_deg[a]) / (key_deg[b] - key_deg[a]) if key_deg[b] != key_deg[a] else 0.0
        return float(t_s[a] + f * (t_s[b] - t_s[a]))

    up = np.flatnonzero(key_deg[:peak] < half)
    down = peak + np.flatnonzero(key_deg[peak:] < half)
    t_up = cross(up[-1], up[-1] + 1) if len(up) else float(t_s[0])
    t_down = cross(down[0] - 1, down[0]) if len(down) else float(t_s[-1])
    return t_up, t_down


def half_width_s(t_s: np.ndarray, key_deg: np.ndarray, peak: int) -> float:
    """How long (s) the key angle stayed above half its rise (half_crossings_s). It is the timescale of the top: a
    half-cosine rise over u seconds and back stays above half for u."""
    t_up, t_down = half_crossings_s(t_s, key_deg, peak)
    return t_down - t_up


@dataclass(frozen=True)
class Fault:
    """A form fault found in a rep: a stable code and the plain-words cue that fixes it."""

    code: str
    cue: str

    def to_dict(self) -> dict:
        return {"code": self.code, "cue": self.cue}


@dataclass(frozen=True)
class RepTrace:
    """The samples of one rep of one side, for form rules: t_s (n,), key (n,) deg, conf (n,), `measures[name]` (n,)
    per-frame quantities from the spec's `measure` (NaN where unknown); `peak` indexes the highest key value;
    `peak_seen` is False when the frames around the top were too far apart to see how high it went."""

    side: str
    t_s: np.ndarray
    key: np.ndarray
    conf: np.ndarray
    measures: dict[str, np.ndarray]
    peak: int
    up_s: float
    down_s: float
    peak_seen: bool = True

    @property
    def rep_s(self) -> float:
        """Duration of the rep (s), from leaving rest to being back."""
        return float(self.t_s[-1] - self.t_s[0])

    @property
    def rom_deg(self) -> float:
        """Rise of the key angle from the rep's start to its top (deg)."""
        return float(self.key[self.peak] - self.key[0])

    def _upper_part(self, share: float = UPPER_SHARE) -> np.ndarray:
        """The samples of the upper part of the rep: key angle risen at least `share` of the way."""
        return self.key >= self.key[0] + share * self.rom_deg

    def upper_rise(self) -> float:
        """The key angle's rise from the rep's start, median over the upper part of the rep (deg)."""
        return float(np.median(self.key[self._upper_part()] - self.key[0]))

    def upper(self, name: str, share: float = UPPER_SHARE, quantile: float = 0.5) -> float:
        """A quantile (default the median) of a measure over the upper part of the rep (key angle risen at least
        `share` of the way), NaN when unknown there: what the rep looked like while it was done, steadier than the
        single peak sample when a landmark jitters or the legs swap for a frame or two at the top."""
        a = self.measures[name][self._upper_part(share)]
        a = a[np.isfinite(a)]
        return float(np.quantile(a, quantile)) if len(a) else float("nan")

    def from_start(self, name: str) -> float:
        """How far a measure moved from its first known value in the rep to the rep's upper part (median there; NaN
        when unknown)."""
        a = self.measures[name]
        known = a[np.isfinite(a)]
        return self.upper(name) - float(known[0]) if len(known) else float("nan")

    def at_peak(self, name: str) -> float:
        """A measure at the peak of the rep (NaN when unknown there)."""
        return float(self.measures[name][self.peak])

    def extreme(self, name: str, largest: bool = True) -> float:
        """Largest (or smallest) known value of a measure from the rise above the entry threshold on (the resting
        sample the rep started from is excluded: the other leg may still be moving then), NaN when never known."""
        a = self.measures[name][1:]
        a = a[np.isfinite(a)]
        if not len(a):
            return float("nan")
        return float(a.max() if largest else a.min())

    def change(self, name: str, middle: float = 1.0) -> float:
        """How much a measure changed over the `middle` share of the time the key angle was above half its rise
        (half_crossings_s; centred on it; 1 = from passing half on the way up to passing it on the way down), each
        end interpolated between the known samples around it: the same part of the movement at any frame rate, where
        a spread of the samples in between shrinks with how few there are. Each known sample counts as the median of it
        and its two neighbours: a one-sample landmark jump (a foot's landmarks crossing toward the other foot and back)
        is not a change, and a movement (monotone over three samples) keeps every value. NaN when the measure is
        unknown there."""
        a = self.measures[name]
        known = np.isfinite(a)
        t_up, t_down = half_crossings_s(self.t_s, self.key, self.peak)
        centre, half = 0.5 * (t_up + t_down), 0.5 * middle * (t_down - t_up)
        inside = np.abs(self.t_s - centre) <= half
        if not (known & inside).any():
            return float("nan")
        steady = median_filter(a[known], size=3, mode="nearest")
        first, last = np.interp([centre - half, centre + half], self.t_s[known], steady)
        return float(last - first)

    def rise(self, name: str) -> float:
        """How much a measure rose during the rep above its value at the start (NaN when unknown)."""
        a = self.measures[name]
        known = a[np.isfinite(a)]
        return float(known.max() - known[0]) if len(known) else float("nan")


@dataclass(frozen=True)
class Rule:
    """A form rule: `test(trace)` is True when the fault is present; `penalty` points come off the rep's score.
    A rule about height or depth `needs_peak`: it is not judged when the top of the rep fell between frames (a peak
    missed by a slow camera is not a low lift)."""

    code: str
    cue: str
    test: Callable[[RepTrace], bool]
    penalty: float = 15.0
    needs_peak: bool = False


@dataclass(frozen=True)
class Check:
    """A form rule whose cue, limit and penalty are settings (coach/config/defaults.toml, rule `code`): `value(trace)`
    is the rep's measure (NaN when unknown: the rule does not fire). A rule about height or depth `needs_peak`."""

    code: str
    value: Callable[[RepTrace], float]
    needs_peak: bool = False

    def rule(self, limit: FormLimit) -> Rule:
        """The rule with the settings' `limit` for this check."""
        return Rule(limit.code, limit.cue, lambda tr: limit.broken(self.value(tr)), limit.penalty, self.needs_peak)


def peak_deg(trace: RepTrace) -> float:
    """The key angle at the top of the rep (deg): what height and depth rules measure."""
    return float(trace.key[trace.peak])


@dataclass(frozen=True)
class Reject:
    """A check that a movement was not a rep of this exercise: `test(trace)` returns True to reject it; `code` is
    stable for programs, `reason` says
    what the movement looked like instead, worded to follow a count ("3 looked like a squat: ..."). `silent`
    rejections are expected by-products (e.g. the back leg of a lunge) and not movements of their own; a `bilateral`
    one is a movement of both legs at once (a squat), counted once when both sides show it together."""

    code: str
    reason: str
    test: Callable[[RepTrace], bool]
    silent: bool = False
    bilateral: bool = False


@dataclass(frozen=True)
class ExerciseSpec:
    """One exercise for the rep engine (DESIGN.md section 5). Every level is relative to the person's own resting
    posture (the lowest key angle since the last rep), so it holds across people, views and the offsets of estimated
    angles; the few absolute numbers are anatomy (what a joint can do) or time (what a limb can do).

    key(sample, side) -> (deg, confidence): the angle that makes a rep. A movement starts when it rises
    `enter_rise_deg` above the resting level, peaks, and ends when it falls back by `return_frac` of its rise
    (hysteresis: jitter cannot double-count). It counts as a rep when it rose `min_rom_deg` (and reached `min_peak_deg`,
    where the exercise is defined by a height) and passed the rejections; otherwise it is listed as not counted with
    its reason. A movement shorter than `glitch_s`, a rise to the top faster than `min_up_s` (a share of
    `fastest_rise_s`, the quickest real rise of the exercise) seen with frames closer than that, or a peak beyond
    `max_deg` (more than the joint can bend: a person swapped for another, a picture cut mid-clip; the default 150
    deg is well past the hip's ~120 deg of flexion) is a landmark glitch, not a movement;
    so is a fall below the return level whose next frame, within `drop_s`, is back above it (a one-frame drop), and
    one that `held(measures)` says is no return (another part of the body still at the bottom of the movement; the
    per-frame measures of the movement so far, the sample at hand last).
    One longer than `max_duration_s` is abandoned. Samples with key confidence under `min_conf`, or a key angle under
    `min_deg` (the default -45 deg is well past the hip's ~20-30 deg of extension: a picture cut or a facing read
    backwards, which would otherwise become the resting level), are gaps; a gap longer
    than `max_gap_s` inside a rep (or in its rise from rest) marks it uncertain. The resting level anchors a rise for
    `max_rest_gap_s` without samples: a rise hidden in a shorter gap (a live camera dropping frames) still counts, a
    longer gap forgets the resting level.
    measure(sample, side) -> per-frame quantities the rules and rejections read. `target_deg` (lo, hi) is the good
    peak range; `tempo_s` (lo, hi) the good duration of a rep (s, rest to rest): a rep under `fast_share` of the low
    end counts with the fault 'too_fast' (`fast_penalty` points; both from coach/config/defaults.toml); `views` the
    camera views that suit; `posture` 'standing' or 'lying'. Words: `noun` names one movement ("knee lift"),
    `tempo_words` the controlled exercise a fast rep falls short of, `verb` the side finding ("lifts", "bends")."""

    name: str
    key: Callable[[BodySample, str], tuple[float, float]]
    measure: Callable[[BodySample, str], dict[str, float]]
    target_deg: tuple[float, float] = (0.0, 0.0)
    rules: tuple[Rule, ...] = ()
    checks: tuple[Check, ...] = ()
    rejects: tuple[Reject, ...] = ()
    enter_rise_deg: float = 15.0
    return_frac: float = 0.7
    min_rom_deg: float = 15.0
    min_peak_deg: float = -math.inf
    glitch_s: float = GLITCH_S
    max_duration_s: float = 30.0
    min_conf: float = 0.3
    max_gap_s: float = 0.3
    max_rest_gap_s: float = 1.0
    fastest_rise_s: float = FASTEST_RISE_S
    drop_s: float = DROP_S
    max_deg: float = 150.0
    min_deg: float = -45.0
    tempo_s: tuple[float, float] = (2.0, 4.0)
    views: tuple[str, ...] = ("side",)
    posture: str = "standing"
    noun: str = "rep"
    tempo_words: str = "a controlled rep"
    verb: str = "lifts"
    key_label: str = "hip flexion"
    report: tuple[str, ...] = field(default_factory=tuple)
    held: Callable[[list[dict[str, float]]], bool] | None = None
    fast_share: float = field(default_factory=lambda: default_config().fast_share)
    fast_penalty: float = field(default_factory=lambda: default_config().fast_penalty)

    def reads(self, value: float, conf: float) -> bool:
        """True when a key angle sample can be counted on: known, trusted (`min_conf`) and not under `min_deg`."""
        return math.isfinite(value) and conf >= self.min_conf and value >= self.min_deg

    @property
    def min_up_s(self) -> float:
        """A rise to the top seen faster than this (s), with frames closer than it, is a landmark glitch
        (MIN_UP_SHARE of the exercise's fastest real rise)."""
        return MIN_UP_SHARE * self.fastest_rise_s

    @property
    def fast_s(self) -> float:
        """A rep shorter than this (s) is faster than the exercise asks."""
        return self.fast_share * self.tempo_s[0]

    def configured(self, config: ClinicalConfig) -> ExerciseSpec:
        """This exercise with the target, tempo and form-rule limits of `config` (its `checks` read their limits
        from there: an exercise with checks is used configured, as coach.exercises.SPECS holds it)."""
        limits = config.exercise(self.name)
        rules = tuple(c.rule(limits.rule(c.code)) for c in self.checks)
        return replace(
            self,
            target_deg=limits.target.pair,
            tempo_s=limits.tempo.pair,
            rules=self.rules + rules,
            checks=(),
            fast_share=config.fast_share,
            fast_penalty=config.fast_penalty,
        )

    @property
    def all_rules(self) -> tuple[Rule, ...]:
        """The form rules, then the tempo fault every exercise has: a fast rep counts, with this fault and its cue."""
        lo, hi = self.tempo_s
        return self.rules + (
            Rule(
                "too_fast",
                f"slow down: about {lo:g}-{hi:g} s a {self.noun}",
                lambda tr: tr.rep_s < self.fast_s,
                penalty=self.fast_penalty,
            ),
        )

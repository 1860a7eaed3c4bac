"""What describes an exercise to the shared rep engine: its key angle, thresholds, form rules and cues (data only)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from coach.types import BodySample

#: The other leg of each side.
OTHER = {"left": "right", "right": "left"}


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
    per-frame quantities from the spec's `measure` (NaN where unknown); `peak` indexes the highest key value."""

    side: str
    t_s: np.ndarray
    key: np.ndarray
    conf: np.ndarray
    measures: dict[str, np.ndarray]
    peak: int
    up_s: float
    down_s: float

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

    def rise(self, name: str) -> float:
        """How much a measure rose during the rep above its value at the start (NaN when unknown)."""
        a = self.measures[name]
        known = a[np.isfinite(a)]
        return float(known.max() - known[0]) if len(known) else float("nan")


@dataclass(frozen=True)
class Rule:
    """A form rule: `test(trace)` is True when the fault is present; `penalty` points come off the rep's score."""

    code: str
    cue: str
    test: Callable[[RepTrace], bool]
    penalty: float = 15.0


@dataclass(frozen=True)
class Reject:
    """A check that a movement was not a rep of this exercise: `test(trace)` returns True to reject it; `reason` says
    what was seen instead. `silent` rejections are expected by-products (e.g. the back leg of a lunge) and not reported."""

    reason: str
    test: Callable[[RepTrace], bool]
    silent: bool = False


@dataclass(frozen=True)
class ExerciseSpec:
    """One exercise for the rep engine (DESIGN.md section 5).

    key(sample, side) -> (deg, confidence): the angle that makes a rep. A rep starts when it rises to at least
    `enter_deg` and `enter_rise_deg` above the lowest value since the last rep, peaks, and completes when it falls back
    to `exit_deg` or by `return_frac` of its rise (hysteresis: jitter cannot double-count). It must last
    `min_duration_s` to `max_duration_s` and move `min_rom_deg`. Samples with key confidence under `min_conf` are
    gaps; a gap longer than `max_gap_s` inside a rep (or in its rise from rest) marks it uncertain. The resting level
    anchors a rise for `max_rest_gap_s` without samples: a rise hidden in a shorter gap (a live camera dropping frames)
    still counts, a longer gap forgets the resting level. A rise to the top faster than `min_up_s` is a landmark
    glitch, not a movement, and so is a peak beyond `max_deg`, more than the joint can bend (a person swapped for
    another or a picture cut mid-clip; the default 150 deg is well past the hip's ~120 deg flexion range).
    measure(sample, side) -> per-frame quantities the rules and rejections read. `target_deg` (lo, hi) is the good peak range; `views` the camera views that suit;
    `posture` 'standing' or 'lying'. `verb` words the side finding ("lifts", "bends")."""

    name: str
    key: Callable[[BodySample, str], tuple[float, float]]
    measure: Callable[[BodySample, str], dict[str, float]]
    enter_deg: float
    exit_deg: float
    target_deg: tuple[float, float]
    rules: tuple[Rule, ...] = ()
    rejects: tuple[Reject, ...] = ()
    enter_rise_deg: float = 15.0
    return_frac: float = 0.7
    min_rom_deg: float = 15.0
    min_duration_s: float = 0.5
    max_duration_s: float = 30.0
    min_conf: float = 0.3
    max_gap_s: float = 0.3
    max_rest_gap_s: float = 1.0
    min_up_s: float = 0.12
    max_deg: float = 150.0
    views: tuple[str, ...] = ("side",)
    posture: str = "standing"
    verb: str = "lifts"
    key_label: str = "hip flexion"
    report: tuple[str, ...] = field(default_factory=tuple)

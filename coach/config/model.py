"""The clinical rules in force: typed frozen values built from the settings file (defaults.toml, maybe overridden)."""

from __future__ import annotations

import math
from dataclasses import dataclass

#: When a form rule fires: the measure below or above its limit.
FIRES = ("below", "above")


@dataclass(frozen=True)
class Band:
    """A range the exercise asks for, in `unit`: the target of the key angle at the top of a rep (with the `margin`
    a height or depth cue allows for the angle error of video pose), or the tempo of a rep (margin 0)."""

    low: float
    high: float
    unit: str
    margin: float = 0.0

    @property
    def pair(self) -> tuple[float, float]:
        """(low, high), as the exercise specs take it."""
        return (self.low, self.high)


@dataclass(frozen=True)
class FormLimit:
    """One form rule: its stable `code`, the `cue` that fixes the fault, what it measures, and the `limit` (in
    `unit`) the measure must not pass (`fires` 'below' or 'above'); `penalty` points off the rep's score."""

    code: str
    cue: str
    measure: str
    fires: str
    limit: float
    unit: str
    penalty: float

    def broken(self, value: float) -> bool:
        """True when `value` passes the limit; an unknown (NaN) value never breaks a rule."""
        if not math.isfinite(value):
            return False
        return value < self.limit if self.fires == "below" else value > self.limit


@dataclass(frozen=True)
class ExerciseLimits:
    """The limits of one exercise: the target of its key angle, its tempo, and its form rules in order of
    importance (the first broken one is the cue shown live)."""

    name: str
    target: Band
    tempo: Band
    rules: tuple[FormLimit, ...]

    def rule(self, code: str) -> FormLimit:
        """The form rule `code` (KeyError naming the exercise when the settings have no such rule)."""
        for r in self.rules:
            if r.code == code:
                return r
        raise KeyError(f"exercise.{self.name}.rules.{code}")


@dataclass(frozen=True)
class SymmetryLimits:
    """The symmetry verdict of a group of gait metrics: a left/right difference under `mild` is symmetric, under
    `asymmetric` mildly asymmetric, else asymmetric; `unit` '%' for the symmetry index |SI|, else |right - left|."""

    name: str
    mild: float
    asymmetric: float
    unit: str

    @property
    def uses_si(self) -> bool:
        """True when the limits are on the symmetry index (%), not on the difference in the metric's unit."""
        return self.unit == "%"


@dataclass(frozen=True)
class LandmarkTrust:
    """How far a landmark is trusted (MediaPipe visibility, 0-1): below `min_visibility` it is not seen; a body whose
    median visibility is below `dim_visibility` was filmed in a dim or low-contrast picture."""

    min_visibility: float
    dim_visibility: float


@dataclass(frozen=True)
class ClinicalConfig:
    """Every clinical limit coach uses, and where they came from: `file` ('defaults' or the user's file), `sha256`
    of the values in force (what a batch's resume key holds), and `changed`, the (dotted key, value) pairs that
    differ from the defaults."""

    exercises: tuple[ExerciseLimits, ...]
    symmetry: tuple[SymmetryLimits, ...]
    landmarks: LandmarkTrust
    fast_share: float
    fast_penalty: float
    file: str
    sha256: str
    changed: tuple[tuple[str, object], ...] = ()

    def exercise(self, name: str) -> ExerciseLimits:
        """The limits of exercise `name`."""
        for e in self.exercises:
            if e.name == name:
                return e
        raise KeyError(f"exercise.{name}")

    def symmetry_limits(self, group: str) -> SymmetryLimits:
        """The symmetry limits of gait metric group `group`."""
        for s in self.symmetry:
            if s.name == group:
                return s
        raise KeyError(f"gait.symmetry.{group}")

    def to_summary(self) -> dict:
        """The `config` block of summary.json: file, sha256 and the values that differ from the defaults."""
        return {"file": self.file, "sha256": self.sha256, "changed": dict(self.changed)}

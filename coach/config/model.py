"""The clinical rules in force: typed frozen values built from the settings file (defaults.toml, maybe overridden)."""

from __future__ import annotations

import math
from dataclasses import dataclass

#: When a form rule fires: the measure below or above its limit.
FIRES = ("below", "above")
#: The sexes an assessment reference may be given for ('any' rows apply to both).
SEXES = ("female", "male")
#: How an assessment reference's bands read (defaults.toml, [norms]): the middle 50 % of a population by age and
#: sex, the upper limit of average performance, the mean of an age group, a risk cut-off, a typical adult range.
NORM_KINDS = ("range", "limit", "mean", "cutoff", "adult")
#: Which way an assessment's result is better.
BETTER = ("higher", "lower")


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
class NormBand:
    """One row of an assessment reference: ages age_min..age_max (years, inclusive), sex ('any', 'female', 'male'),
    and the values: low..high for a range, high alone for a limit, cut-off or mean."""

    age_min: int
    age_max: int
    sex: str
    low: float | None
    high: float

    def covers(self, age: float | None, sex: str | None) -> bool:
        """True when this row applies to a person of this age and sex (unknown sex matches 'any' rows only)."""
        return (age is None or self.age_min <= age <= self.age_max) and self.sex in ("any", sex)

    def text(self, unit: str) -> str:
        """The row in words, e.g. 'women 60-64: 12-17 stands'."""
        who = {"any": "", "female": "women ", "male": "men "}[self.sex]
        ages = f"{self.age_min}+" if self.age_max >= 120 else f"{self.age_min}-{self.age_max}"
        value = f"{self.low:g}-{self.high:g}" if self.low is not None else f"{self.high:g}"
        return f"{who}{ages}: {value} {unit}"


def setting_text(value: object) -> str:
    """A changed setting as the report and the app show it: an assessment reference's rows in words ('women 60-64:
    12-17'), anything else as written."""
    if isinstance(value, (list, tuple)) and value and all(isinstance(r, dict) and "age_min" in r for r in value):
        rows = [NormBand(r["age_min"], r["age_max"], r.get("sex", "any"), r.get("low"), r["high"]) for r in value]
        return "[" + "; ".join(row.text("").strip() for row in rows) + "]"
    return str(value)


@dataclass(frozen=True)
class Norm:
    """A published reference for one measure of one assessment ([norms.<test>.<name>] of defaults.toml): the
    summary.json key of the `measure`, the test in `words`, `unit`, whether 'higher' or 'lower' values are `better`,
    `kind` (see NORM_KINDS), the rows, the population, the short citation, the full source and a caution."""

    test: str
    name: str
    measure: str
    words: str
    unit: str
    better: str
    kind: str
    bands: tuple[NormBand, ...]
    population: str
    cite: str
    source: str
    caution: str = ""

    def __post_init__(self) -> None:
        if self.kind not in NORM_KINDS or self.better not in BETTER:
            raise ValueError(f"norm {self.measure}: kind {self.kind!r} / better {self.better!r} not allowed")

    def rows(self, age: float | None = None, sex: str | None = None) -> list[NormBand]:
        """The rows for this person: every row when the age is unknown, both sexes' when the sex is."""
        return [b for b in self.bands if b.covers(age, sex) or (sex is None and b.covers(age, b.sex))]


@dataclass(frozen=True)
class ClinicalConfig:
    """Every clinical limit coach uses, the assessments' published references among them, and where they came
    from: `file` ('defaults' or the user's file), `sha256` of the values in force (what a batch's resume key holds),
    and `changed`, the (dotted key, value) pairs that differ from the defaults."""

    exercises: tuple[ExerciseLimits, ...]
    symmetry: tuple[SymmetryLimits, ...]
    landmarks: LandmarkTrust
    fast_share: float
    fast_penalty: float
    norms: tuple[Norm, ...]
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

    def references(self, test: str) -> tuple[Norm, ...]:
        """The references assessment `test` is compared with, in the settings' order (none for an exercise)."""
        return tuple(n for n in self.norms if n.test == test)

    def norm(self, test: str, name: str) -> Norm:
        """The reference `name` of assessment `test`."""
        for n in self.norms:
            if (n.test, n.name) == (test, name):
                return n
        raise KeyError(f"norms.{test}.{name}")

    def to_summary(self) -> dict:
        """The `config` block of summary.json: file, sha256 and the values that differ from the defaults."""
        return {"file": self.file, "sha256": self.sha256, "changed": dict(self.changed)}

"""Reference values for the assessments, in one place, each with its unit, the population it was measured on and its
source. coach states how a result compares with them; it does not diagnose (a result outside a range is a reason to
talk to the physiotherapist, not a finding of disease).

Kinds of reference:
- 'range': the middle 50 % (25th-75th percentile) of a healthy population by age and sex (Rikli & Jones);
- 'limit': the upper limit of average performance by age (Bohannon's meta-analyses: slower is "worse than average");
- 'mean': the mean of a healthy age group (Springer et al.: a typical value, not a cut-off);
- 'cutoff': one threshold that marks a risk (Shumway-Cook et al.: Timed Up and Go at or above 13.5 s);
- 'adult': a typical adult range of motion with no age bands.
"""

from __future__ import annotations

from dataclasses import dataclass

SEXES = ("female", "male")
KINDS = ("range", "limit", "mean", "cutoff", "adult")


@dataclass(frozen=True)
class Band:
    """One reference row: ages age_min..age_max (years, inclusive), sex ('any', 'female', 'male'), and the values:
    low..high for a range, high alone for a limit, cut-off or mean."""

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


@dataclass(frozen=True)
class Norm:
    """A reference for one measure of one test: measure key (as in summary.json), words, unit, whether 'higher' or
    'lower' values are better, kind (see KINDS), rows, the population, the short citation, the full source and a
    caution."""

    measure: str
    words: str
    unit: str
    better: str
    kind: str
    bands: tuple[Band, ...]
    population: str
    cite: str
    source: str
    caution: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.better not in ("higher", "lower"):
            raise ValueError(f"norm {self.measure}: kind {self.kind!r} / better {self.better!r} not allowed")

    def rows(self, age: float | None = None, sex: str | None = None) -> list[Band]:
        """The rows for this person: every row when the age is unknown, both sexes' when the sex is."""
        return [b for b in self.bands if b.covers(age, sex) or (sex is None and b.covers(age, b.sex))]


def _ages(rows: list[tuple[int, int, float | None, float]], sex: str = "any") -> tuple[Band, ...]:
    return tuple(Band(a, b, sex, lo, hi) for a, b, lo, hi in rows)


#: 30-s chair stand, normal range (25th-75th percentile) by age and sex; 7,183 community-residing adults aged 60-94.
CHAIR_STAND_30S = Norm(
    "count_30s",
    "30-second chair stand",
    "stands",
    "higher",
    "range",
    _ages(
        [
            (60, 64, 12, 17),
            (65, 69, 11, 16),
            (70, 74, 10, 15),
            (75, 79, 10, 15),
            (80, 84, 9, 14),
            (85, 89, 8, 13),
            (90, 94, 4, 11),
        ],
        "female",
    )
    + _ages(
        [
            (60, 64, 14, 19),
            (65, 69, 12, 18),
            (70, 74, 12, 17),
            (75, 79, 11, 17),
            (80, 84, 10, 15),
            (85, 89, 8, 14),
            (90, 94, 7, 12),
        ],
        "male",
    ),
    "community-residing adults aged 60-94 (n = 7,183)",
    "Rikli & Jones 1999",
    "Rikli RE, Jones CJ. Functional fitness normative scores for community-residing older adults, ages 60-94. "
    "J Aging Phys Act 1999;7:162-181 (test: Jones, Rikli & Beam, Res Q Exerc Sport 1999;70:113-119)",
    "arms crossed on the chest, 43-cm seat; fewer than 8 unassisted stands went with lower functional ability",
)

#: Five-times sit-to-stand: times above these are worse than average for the age group (meta-analysis of 13 papers).
FIVE_TIMES_SIT_TO_STAND = Norm(
    "five_times_s",
    "five-times sit-to-stand",
    "s",
    "lower",
    "limit",
    _ages([(60, 69, None, 11.4), (70, 79, None, 12.6), (80, 89, None, 14.8)]),
    "people aged 60-89 (pooled studies)",
    "Bohannon 2006",
    "Bohannon RW. Reference values for the five-repetition sit-to-stand test: a descriptive meta-analysis of data "
    "from elders. Percept Mot Skills 2006;103:215-222",
    "coach times it from the first forward movement to the fifth full stand; protocols differ (some stop on the "
    "fifth sit), so compare like with like",
)

#: Timed Up and Go fall-risk marker in community-dwelling older adults.
TUG_FALL_RISK = Norm(
    "total_s",
    "Timed Up and Go",
    "s",
    "lower",
    "cutoff",
    _ages([(65, 120, None, 13.5)]),
    "community-dwelling older adults (n = 30, aged 65-95)",
    "Shumway-Cook et al. 2000",
    "Shumway-Cook A, Brauer S, Woollacott M. Predicting the probability for falls in community-dwelling older "
    "adults using the Timed Up & Go Test. Phys Ther 2000;80:896-903",
    "a marker, not a diagnosis: on its own it rules falls in better than out (pooled specificity 0.74, sensitivity "
    "0.31; Barry E et al., BMC Geriatr 2014;14:14)",
)

#: Timed Up and Go reference means (95 % confidence interval upper limits: slower is worse than average).
TUG_REFERENCE = Norm(
    "total_s",
    "Timed Up and Go",
    "s",
    "lower",
    "limit",
    _ages([(60, 69, None, 9.0), (70, 79, None, 10.2), (80, 99, None, 12.7)]),
    "healthy older adults (21 studies; means 8.1, 9.2 and 11.3 s)",
    "Bohannon 2006",
    "Bohannon RW. Reference values for the Timed Up and Go test: a descriptive meta-analysis. "
    "J Geriatr Phys Ther 2006;29:64-68",
    "limits are the upper ends of the 95 % confidence intervals of the age groups' means",
)

#: Unipedal stance with eyes open: mean of the best of three 45-s trials by age (no sex difference).
SINGLE_LEG_STANCE = Norm(
    "hold_s",
    "single-leg stance (eyes open)",
    "s",
    "higher",
    "mean",
    _ages(
        [
            (18, 39, None, 44.0),
            (40, 49, None, 41.0),
            (50, 59, None, 41.0),
            (60, 69, None, 32.0),
            (70, 79, None, 21.0),
            (80, 99, None, 9.0),
        ]
    ),
    "healthy adults aged 18-99 (n = 549)",
    "Springer et al. 2007",
    "Springer BA, Marin R, Cyhan T, Roberts H, Gill NW. Normative values for the unipedal stance test with eyes "
    "open and closed. J Geriatr Phys Ther 2007;30:8-15",
    "best of three trials, 45-s ceiling, arms crossed; a typical value for the age, not a pass mark",
)

#: Typical adult active ranges of the hip (degrees), from a clinical review of hip pain (no age bands).
WILSON_2014 = "Wilson JJ, Furukawa M. Evaluation of the patient with hip pain. Am Fam Physician 2014;89:27-34"
HIP_ABDUCTION_ROM = Norm(
    "peak_abduction_deg",
    "hip abduction",
    "deg",
    "higher",
    "adult",
    _ages([(18, 120, 30.0, 50.0)]),
    "adults",
    "Wilson & Furukawa 2014",
    WILSON_2014,
    "goniometer supine; a standing exercise is rarely taken to the end of range, and coach's angle is the thigh "
    "against the pelvis in the camera's picture",
)
HIP_FLEXION_ROM = Norm(
    "peak_hip_flexion_deg",
    "hip flexion",
    "deg",
    "higher",
    "adult",
    _ages([(18, 120, 110.0, 120.0)]),
    "adults",
    "Wilson & Furukawa 2014",
    WILSON_2014,
    "goniometer supine with the pelvis held; coach measures the thigh against the trunk line, which adds any "
    "curling of the trunk and tilt of the pelvis",
)
HIP_EXTENSION_ROM = Norm(
    "hip_extension_deg",
    "hip extension",
    "deg",
    "higher",
    "adult",
    _ages([(18, 120, 10.0, 15.0)]),
    "adults",
    "Wilson & Furukawa 2014",
    WILSON_2014,
    "goniometer lying on the side; in a half-kneeling stretch the pelvis may tilt, which changes the angle",
)

#: The references of each assessment (test name as in coach.analysis.ANALYSERS).
NORMS: dict[str, tuple[Norm, ...]] = {
    "chair-stand": (CHAIR_STAND_30S, FIVE_TIMES_SIT_TO_STAND),
    "tug": (TUG_FALL_RISK, TUG_REFERENCE),
    "single-leg-stance": (SINGLE_LEG_STANCE,),
    "hip-abduction": (HIP_ABDUCTION_ROM,),
    "knee-to-chest": (HIP_FLEXION_ROM,),
    "hip-flexor-stretch": (HIP_EXTENSION_ROM,),
}


@dataclass(frozen=True)
class Comparison:
    """How one result compares with one reference: the measure, value and unit, where it lies ('below', 'within',
    'above' the reference; 'no_age' when the reference needs an age that is unknown; 'no_reference' outside the
    ages covered), a plain-words statement (never a diagnosis), the rows used, the source and its caution."""

    measure: str
    value: float
    unit: str
    verdict: str
    statement: str
    reference: tuple[str, ...]
    source: str
    caution: str

    def to_dict(self) -> dict:
        return {
            "measure": self.measure,
            "value": round(self.value, 2),
            "unit": self.unit,
            "verdict": self.verdict,
            "statement": self.statement,
            "reference": list(self.reference),
            "source": self.source,
            "caution": self.caution,
        }


def where(norm: Norm, value: float, band: Band) -> str:
    """'below', 'within' or 'above' one row: a range's ends, a limit's or cut-off's value (at it counts as above,
    as the published cut-offs read), or a mean (at or above the mean is 'above')."""
    if norm.kind in ("range", "adult"):
        low = band.high if band.low is None else band.low
        return "below" if value < low else "above" if value > band.high else "within"
    if norm.kind == "limit":
        return "above" if value > band.high else "within"
    return "above" if value >= band.high else "below"


#: Words for where a value lies, by kind of reference.
PHRASES = {
    ("range", "below"): "below the normal range",
    ("range", "within"): "within the normal range",
    ("range", "above"): "above the normal range",
    ("adult", "below"): "below the typical adult range",
    ("adult", "within"): "within the typical adult range",
    ("adult", "above"): "beyond the typical adult range",
    ("limit", "within"): "within average performance",
    ("limit", "above"): "above the limit of average performance",
    ("mean", "below"): "below the mean of healthy people",
    ("mean", "above"): "at or above the mean of healthy people",
    ("cutoff", "below"): "below the fall-risk marker",
    ("cutoff", "above"): "at or above the fall-risk marker",
}


def compare(norm: Norm, value: float, age: float | None = None, sex: str | None = None) -> Comparison:
    """Compare a result with a reference for a person of this age and sex (None when unknown)."""
    rows = norm.rows(age, sex)
    ref = tuple(b.text(norm.unit) for b in (rows or norm.bands))
    v = f"{round(value, 1):g} {norm.unit}"
    tail = f"{norm.population}; {norm.cite}"
    if age is None and norm.kind not in ("cutoff", "adult"):
        return Comparison(
            norm.measure,
            value,
            norm.unit,
            "no_age",
            f"{norm.words} {v}; the reference depends on age ({tail}): give the age to compare",
            ref,
            norm.source,
            norm.caution,
        )
    if not rows:
        return Comparison(
            norm.measure,
            value,
            norm.unit,
            "no_reference",
            f"{norm.words} {v}; no reference for age {age:g} ({tail})",
            ref,
            norm.source,
            norm.caution,
        )
    places = {where(norm, value, b) for b in rows}
    verdict = places.pop() if len(places) == 1 else "within"
    who = f" for age {age:g}" if age is not None else ""
    return Comparison(
        norm.measure,
        value,
        norm.unit,
        verdict,
        f"{norm.words} {v}: {PHRASES[norm.kind, verdict]}{who} ({'; '.join(ref)}; {tail})",
        ref,
        norm.source,
        norm.caution,
    )


def compare_all(
    test: str, values: dict[str, float | None], age: float | None = None, sex: str | None = None
) -> list[Comparison]:
    """Every reference of a test whose measure has a known value in `values`."""
    known = {k: v for k, v in values.items() if v is not None}
    return [compare(n, float(known[n.measure]), age, sex) for n in NORMS.get(test, ()) if n.measure in known]


def restate(summary: dict, age: float | None, sex: str | None = None) -> dict:
    """A summary whose assessment comparisons are redone for a person of this age and sex (the analysers compare
    without them): `assessment.norms` replaced, and their statements in `findings`."""
    part = summary.get("assessment")
    if not part or (age is None and sex is None):
        return summary
    old = part.get("norms", [])
    new = [c.to_dict() for c in compare_all(part["test"], {d["measure"]: d["value"] for d in old}, age, sex)]
    stale = {d["statement"] for d in old}
    findings = [f for f in summary.get("findings", []) if f not in stale] + [d["statement"] for d in new]
    return summary | {"assessment": part | {"norms": new, "age_years": age, "sex": sex}, "findings": findings}

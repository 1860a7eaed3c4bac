"""How an assessment's result compares with its published reference values. The values themselves (each with its
unit, the population it was measured on and its source) are clinical rules: [norms] of coach/config/defaults.toml,
which a settings file may override (coach.config). coach states how a result compares with them; it does not
diagnose (a result outside a range is a reason to talk to the physiotherapist, not a finding of disease).

Kinds of reference (coach.config.model.NORM_KINDS, read as `where` says):
- 'range': the middle 50 % (25th-75th percentile) of a healthy population by age and sex (Rikli & Jones);
- 'limit': the upper limit of average performance by age (Bohannon's meta-analyses: slower is "worse than average");
- 'mean': the mean of a healthy age group (Springer et al.: a typical value, not a cut-off);
- 'cutoff': one threshold that marks a risk (Shumway-Cook et al.: Timed Up and Go at or above 13.5 s);
- 'adult': a typical adult range of motion with no age bands.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.config import ClinicalConfig, Norm, NormBand, default_config


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


def where(norm: Norm, value: float, band: NormBand) -> str:
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
    test: str,
    values: dict[str, float | None],
    age: float | None = None,
    sex: str | None = None,
    config: ClinicalConfig | None = None,
) -> list[Comparison]:
    """Every reference of a test (in the clinical rules of `config`, the defaults when None) whose measure has a
    known value in `values`."""
    known = {k: v for k, v in values.items() if v is not None}
    norms = (config or default_config()).references(test)
    return [compare(n, float(known[n.measure]), age, sex) for n in norms if n.measure in known]


def restate(summary: dict, age: float | None, sex: str | None = None, config: ClinicalConfig | None = None) -> dict:
    """A summary whose assessment comparisons are redone for a person of this age and sex (the analysers compare
    without them) with the references of `config` (the defaults when None): `assessment.norms` replaced, and their
    statements in `findings`."""
    part = summary.get("assessment")
    if not part or (age is None and sex is None):
        return summary
    old = part.get("norms", [])
    values = {d["measure"]: d["value"] for d in old}
    new = [c.to_dict() for c in compare_all(part["test"], values, age, sex, config)]
    stale = {d["statement"] for d in old}
    findings = [f for f in summary.get("findings", []) if f not in stale] + [d["statement"] for d in new]
    return summary | {"assessment": part | {"norms": new, "age_years": age, "sex": sex}, "findings": findings}

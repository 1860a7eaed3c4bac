"""The assessment part of a summary (summary.json's `assessment`): the test, its own measures (docs/outputs.md,
'Assessments', one row a test) and the comparisons with published references."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.summary.codec import JsonSummary, meta, to_json


@dataclass(frozen=True)
class NormSummary(JsonSummary):
    """A comparison with a reference (coach.assessments.norms.Comparison): measure, value and unit, verdict (below,
    within, above, or no_age), the statement in words, the reference rows, source and caution."""

    measure: str
    value: float | None = None
    unit: str = ""
    verdict: str = ""
    statement: str = ""
    reference: tuple[str, ...] = ()
    source: str = ""
    caution: str = ""


@dataclass(frozen=True)
class AssessmentSummary(JsonSummary):
    """summary.json's `assessment`: the test's name, its measures by key in the order the test writes them (e.g.
    'total_s' of a Timed Up and Go; see docs/outputs.md), the reference comparisons, and the person's age (years)
    and sex when they were given."""

    test: str
    measures: dict = field(default_factory=dict, metadata=meta(extra=True))
    norms: tuple[NormSummary, ...] = ()
    age_years: float | None = None
    sex: str | None = None

    def to_dict(self) -> dict:
        """The test first, its measures, then the references (and age and sex when given)."""
        d = to_json(self)
        if self.age_years is None and self.sex is None:
            del d["age_years"], d["sex"]
        head = {"test": d.pop("test")} | {k: d.pop(k) for k in self.measures}
        return head | d

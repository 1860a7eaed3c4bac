"""Assessment results over sessions, for the History page's trends: one tidy row per session, measure and side,
read from each stored summary's `assessment` part (the history keeps summaries whole, so no new table is needed)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coach.landmarks import SIDES
from coach.summary import AssessmentSummary


@dataclass(frozen=True)
class Followed:
    """A result followed over sessions: its summary key, words, unit, whether 'higher' or 'lower' is better, and
    whether it is kept per side (a {'left', 'right'} dict in the summary)."""

    key: str
    words: str
    unit: str
    better: str
    per_side: bool = False


#: What each test follows over the weeks.
FOLLOWED: dict[str, tuple[Followed, ...]] = {
    "chair-stand": (
        Followed("count_30s", "30-second chair stand", "stands", "higher"),
        Followed("five_times_s", "five-times sit-to-stand", "s", "lower"),
        Followed("stands", "full stands in the clip", "stands", "higher"),
    ),
    "tug": (Followed("total_s", "Timed Up and Go", "s", "lower"),),
    "single-leg-stance": (Followed("best_hold_s", "single-leg stance, best hold", "s", "higher", True),),
    "hip-abduction": (Followed("peak_abduction_deg", "peak hip abduction", "deg", "higher", True),),
    "knee-to-chest": (Followed("peak_hip_flexion_deg", "peak hip flexion", "deg", "higher", True),),
    "hip-flexor-stretch": (
        Followed("hold_s", "stretch held", "s", "higher"),
        Followed("hip_extension_deg", "hip extension reached", "deg", "higher"),
    ),
}


def assessment_trend_rows(records: Iterable) -> list[dict]:
    """Rows (session, date, test, measure, unit, better, side, value) for every followed result of the stored
    sessions (coach.history.SessionRecord) that hold an assessment; side is '' for whole-body results, or the
    stretched hip for the stretch."""
    rows = []
    for r in records:
        a = r.task.assessment
        if a is None:
            continue
        for f in FOLLOWED.get(a.test, ()):
            value = a.measures.get(f.key)
            base = {
                "session": r.id,
                "date": r.started_at,
                "test": a.test,
                "measure": f.words,
                "unit": f.unit,
                "better": f.better,
            }
            if f.per_side and isinstance(value, dict):
                rows += [base | {"side": s, "value": value[s]} for s in SIDES if value.get(s) is not None]
            elif value is not None:
                rows.append(base | {"side": a.measures.get("side") or "", "value": value})
    return rows


def headline(assessment: AssessmentSummary | None) -> tuple[str, float | None]:
    """The first followed result an assessment part has a value for (a per-side result gives its better side):
    (summary key, value); ('', None) without one."""
    if assessment is None:
        return "", None
    for f in FOLLOWED.get(assessment.test, ()):
        value = assessment.measures.get(f.key)
        if isinstance(value, dict):
            known = [v for v in value.values() if isinstance(v, (int, float))]
            value = (max if f.better == "higher" else min)(known) if known else None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f.key, float(value)
    return "", None

"""The report's assessment section as plain tables, read from the summary's `assessment` part alone (so a report
rebuilt from a results folder shows the same): the test's results, its moments (stands, phases, trials or holds), and
how each result compares with its published reference."""

from __future__ import annotations

from coach.report.tables import Table
from coach.summary import AssessmentSummary

#: Result keys shown per test (summary key, words, unit).
RESULTS = {
    "chair-stand": [
        ("stands", "full stands", ""),
        ("count_30s", "30-second count", "stands"),
        ("five_times_s", "five stands", "s"),
        ("start_s", "first movement", "s"),
    ],
    "tug": [
        ("total_s", "Timed Up and Go", "s"),
        ("start_s", "first movement", "s"),
        ("seat_off_s", "seat-off", "s"),
        ("end_s", "back on the seat", "s"),
    ],
    "single-leg-stance": [("hold_s", "best hold", "s")],
    "hip-abduction": [("peak_abduction_deg", "peak abduction", "deg"), ("reps", "reps", "")],
    "knee-to-chest": [("peak_hip_flexion_deg", "peak hip flexion", "deg"), ("reps", "reps", "")],
    "hip-flexor-stretch": [
        ("side", "stretched hip", ""),
        ("hold_s", "held", "s"),
        ("hip_extension_deg", "hip extension reached", "deg"),
    ],
}
#: The list of moments per test: summary key, table title, columns.
MOMENTS = {
    "tug": ("phases", "Phases", ["name", "start_s", "end_s", "duration_s", "seen"]),
    "single-leg-stance": (
        "trials",
        "Trials",
        ["standing_leg", "lift_s", "touch_s", "hold_s", "ended_by", "sway_sd_pct_leg", "pelvic_obliquity_range_deg"],
    ),
    "hip-flexor-stretch": ("holds", "Holds", ["side", "start_s", "end_s", "hold_s", "hip_extension_deg"]),
}
STAND_COLUMNS = (
    "stand_times_s",
    "seat_off_s",
    "seated_again_s",
    "rise_s",
    "sit_s",
    "lean_at_seat_off_deg",
    "arms_on_chest",
)
NOT_A_DIAGNOSIS = "coach states how a result compares with published reference values; it does not diagnose."


def _value(v) -> str:
    """A result for a table cell ('not measured' when unknown; per-side dicts as 'left x, right y')."""
    if v is None:
        return "not measured"
    if isinstance(v, dict):
        return ", ".join(f"{k} {_value(x)}" for k, x in v.items())
    return f"{v:g}" if isinstance(v, float) else str(v)


def result_table(a: AssessmentSummary) -> Table:
    """The test's headline results."""
    m = a.measures
    rows = [[words, _value(m.get(key)), unit] for key, words, unit in RESULTS.get(a.test, []) if key in m]
    return Table("assessment", f"Assessment: {a.test}", ["result", "value", "unit"], rows)


def moments_table(a: AssessmentSummary) -> Table | None:
    """The stands, phases, trials or holds of the test (None when it has none; the test's own measures)."""
    m = a.measures
    if a.test == "chair-stand":
        n = len(m.get("stand_times_s") or [])
        rows = [[i + 1, *(_value((m.get(k) or [None] * n)[i]) for k in STAND_COLUMNS)] for i in range(n)]
        return (
            Table(
                "assessment_moments",
                "Stands",
                [
                    "stand",
                    "upright (s)",
                    "seat-off (s)",
                    "seated again (s)",
                    "rise (s)",
                    "sit (s)",
                    "lean at seat-off (deg)",
                    "arms on chest",
                ],
                rows,
            )
            if rows
            else None
        )
    if a.test not in MOMENTS:
        return None
    key, title, cols = MOMENTS[a.test]
    rows = [[_value(item.get(c)) for c in cols] for item in m.get(key) or []]
    return Table("assessment_moments", title, [c.replace("_", " ") for c in cols], rows) if rows else None


def norms_table(a: AssessmentSummary) -> Table | None:
    """Each result against its reference, with the source."""
    rows = [
        [
            n.measure.replace("_", " "),
            f"{n.value:g} {n.unit}",
            n.verdict.replace("_", " "),
            "; ".join(n.reference),
            n.source,
        ]
        for n in a.norms
    ]
    cautions = " ".join(sorted({n.caution for n in a.norms if n.caution}))
    return (
        Table(
            "assessment_norms",
            "Reference values",
            ["measure", "value", "where", "reference", "source"],
            rows,
            f"{NOT_A_DIAGNOSIS} {cautions}".strip(),
        )
        if rows
        else None
    )


def assessment_tables(a: AssessmentSummary | None) -> list[Table]:
    """The assessment section: results, moments and references (empty without an assessment)."""
    if a is None:
        return []
    return [t for t in (result_table(a), moments_table(a), norms_table(a)) if t is not None]

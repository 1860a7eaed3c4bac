"""Reference values: the tables hold the published numbers, comparisons read them the way the papers do, and an
age given later restates a summary's comparisons."""

from __future__ import annotations

import pytest

from coach.assessments.norms import (
    CHAIR_STAND_30S,
    FIVE_TIMES_SIT_TO_STAND,
    NORMS,
    SINGLE_LEG_STANCE,
    TUG_FALL_RISK,
    TUG_REFERENCE,
    compare,
    compare_all,
    restate,
)


@pytest.mark.parametrize(
    "norm, age, sex, want",
    [
        # Rikli & Jones 1999, 25th-75th percentile ranges
        (CHAIR_STAND_30S, 62, "female", (12, 17)),
        (CHAIR_STAND_30S, 72, "male", (12, 17)),
        (CHAIR_STAND_30S, 92, "female", (4, 11)),
        (CHAIR_STAND_30S, 87, "male", (8, 14)),
        # Bohannon 2006 (5xSTS, TUG): upper limits; Shumway-Cook 2000: 13.5 s; Springer 2007: means of best of three
        (FIVE_TIMES_SIT_TO_STAND, 75, None, (None, 12.6)),
        (TUG_REFERENCE, 85, None, (None, 12.7)),
        (TUG_FALL_RISK, 70, None, (None, 13.5)),
        (SINGLE_LEG_STANCE, 65, None, (None, 32.0)),
    ],
)
def test_the_tables_hold_the_published_values(norm, age, sex, want):
    rows = norm.rows(age, sex)
    assert len(rows) == 1
    assert (rows[0].low, rows[0].high) == want


@pytest.mark.parametrize(
    "norm, value, age, sex, verdict",
    [
        (CHAIR_STAND_30S, 9, 72, "female", "below"),
        (CHAIR_STAND_30S, 12, 72, "female", "within"),
        (CHAIR_STAND_30S, 16, 72, "female", "above"),
        (CHAIR_STAND_30S, 10, 72, "female", "within"),
        (TUG_FALL_RISK, 13.5, 80, None, "above"),
        (TUG_FALL_RISK, 13.4, None, None, "below"),
        (TUG_REFERENCE, 10.3, 75, None, "above"),
        (TUG_REFERENCE, 10.2, 75, None, "within"),
        (FIVE_TIMES_SIT_TO_STAND, 15.0, 85, None, "above"),
        (SINGLE_LEG_STANCE, 20.0, 75, None, "below"),
        (CHAIR_STAND_30S, 12, None, None, "no_age"),
        (FIVE_TIMES_SIT_TO_STAND, 9.0, 30, None, "no_reference"),
    ],
)
def test_comparisons_read_the_references_as_published(norm, value, age, sex, verdict):
    c = compare(norm, value, age, sex)
    assert c.verdict == verdict, c.statement
    assert norm.cite in c.statement and c.source == norm.source


def test_unknown_sex_compares_with_both_sexes_rows():
    c = compare(CHAIR_STAND_30S, 11, 72)
    assert len(c.reference) == 2 and c.verdict == "within"  # women 10-15, men 12-17: within one of them


def test_every_assessment_has_a_sourced_reference():
    for test, norms in NORMS.items():
        assert norms, test
        for n in norms:
            assert n.source and n.cite and n.unit and n.bands


def test_an_age_given_later_restates_the_comparisons():
    part: dict = {
        "assessment": {
            "test": "tug",
            "total_s": 11.0,
            "norms": [c.to_dict() for c in compare_all("tug", {"total_s": 11.0})],
        },
        "findings": ["Timed Up and Go 11.0 s"],
    }
    assert [d["verdict"] for d in part["assessment"]["norms"]] == ["below", "no_age"]
    told = restate(part, 75)
    assert [d["verdict"] for d in told["assessment"]["norms"]] == ["below", "above"]
    assert told["findings"][0] == "Timed Up and Go 11.0 s"
    assert len(told["findings"]) == 3 and not any("give the age" in f for f in told["findings"])
    assert restate(part, None) is part

"""Reference values: the defaults ([norms] of coach/config/defaults.toml) hold the published numbers, comparisons
read them the way the papers do, an age given later restates a summary's comparisons, and a clinic's settings file
changes the references the clip analysis, its restatement and the live analysers compare with."""

from __future__ import annotations

import pytest

from coach.analysis import Settings
from coach.assessments import ANALYSERS
from coach.assessments.frame_analysers import AssessmentLink, make_live
from coach.assessments.norms import compare, compare_all, restate
from coach.config import config_of, default_config, parse_config
from coach.kinematics.angles import compute_angles
from coach.simulate.assessments import simulate_hip_flexor_stretch, simulate_tug
from coach.types import iter_samples
from tests.synthetic import analyse

DEFAULTS = default_config()
CHAIR_STAND_30S = DEFAULTS.norm("chair-stand", "thirty_second_count")
FIVE_TIMES_SIT_TO_STAND = DEFAULTS.norm("chair-stand", "five_times")
TUG_FALL_RISK = DEFAULTS.norm("tug", "fall_risk")
TUG_REFERENCE = DEFAULTS.norm("tug", "average")
SINGLE_LEG_STANCE = DEFAULTS.norm("single-leg-stance", "eyes_open")


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
        # Wilson & Furukawa 2014: typical adult active ranges
        (DEFAULTS.norm("hip-abduction", "adult_range"), 40, None, (30, 50)),
        (DEFAULTS.norm("knee-to-chest", "adult_range"), 40, None, (110, 120)),
        (DEFAULTS.norm("hip-flexor-stretch", "adult_range"), 40, None, (10, 15)),
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
    for test in set(ANALYSERS) - {"auto"}:
        norms = DEFAULTS.references(test)
        assert norms, test
        for n in norms:
            assert n.source and n.cite and n.unit and n.bands
    assert {n.test for n in DEFAULTS.norms} == set(ANALYSERS) - {"auto"}
    assert [n.name for n in DEFAULTS.references("tug")] == ["fall_risk", "average"]  # compared in the file's order


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


#: A clinic's file that marks fall risk from a Timed Up and Go of 10 s on (the simulated test takes ~10.5 s).
CLINIC = "[norms.tug.fall_risk]\nbands = [{ age_min = 65, age_max = 120, high = 10.0 }]\n"


def _tug_norms(config=None, age: float | None = None, task: str = "tug") -> dict:
    """summary.json of the simulated Timed Up and Go analysed as `task` with these rules and this age."""
    seq, _ = simulate_tug()
    settings = Settings(task=task, age_years=age, config=config or DEFAULTS)
    return analyse(seq, settings, "tug.mp4").summary


@pytest.mark.parametrize("task, age", [("tug", None), ("tug", 70), ("auto", None)])
def test_a_clinics_cut_off_changes_the_verdict_and_is_recorded(task, age):
    """The simulated test (~10.5 s) is below the published 13.5 s fall-risk marker and above a clinic's 10 s, with
    or without the age (which redoes the comparisons: with the clinic's cut-off too), asked for or recognised; the
    other reference stays."""
    default = _tug_norms(age=age, task=task)
    clinic = parse_config(CLINIC, "clinic.toml")
    changed = _tug_norms(clinic, age, task)
    assert changed["assessment"]["test"] == "tug"
    total = default["assessment"]["total_s"]
    assert 10.0 < total < 13.5 and changed["assessment"]["total_s"] == total
    before, after = default["assessment"]["norms"], changed["assessment"]["norms"]
    assert (before[0]["verdict"], after[0]["verdict"]) == ("below", "above")
    assert after[0]["reference"] == ["65+: 10 s"] and "at or above the fall-risk marker" in after[0]["statement"]
    assert after[1] == before[1]  # Bohannon's averages are untouched
    assert after[0]["statement"] in changed["findings"] and before[0]["statement"] not in changed["findings"]
    rows = [{"age_min": 65, "age_max": 120, "high": 10.0}]
    assert changed["config"]["file"] == "clinic.toml"
    assert changed["config"]["changed"] == {"norms.tug.fall_risk.bands": rows}
    assert config_of(changed["config"]).norm("tug", "fall_risk") == clinic.norm("tug", "fall_risk")
    assert Settings(task="tug", config=clinic).key() != Settings(task="tug").key()


def test_restating_with_an_age_uses_the_rules_given():
    clinic = parse_config(CLINIC, "clinic.toml")
    part = {"assessment": {"test": "tug", "norms": [c.to_dict() for c in compare_all("tug", {"total_s": 11.0})]}}
    assert [d["verdict"] for d in restate(part, 75)["assessment"]["norms"]] == ["below", "above"]
    assert [d["verdict"] for d in restate(part, 75, config=clinic)["assessment"]["norms"]] == ["above", "above"]


def test_the_live_assessment_compares_with_the_rules_given():
    """A hold timer's end-of-session summary (the clip analysis of its samples) uses the settings of the page."""
    seq, _ = simulate_hip_flexor_stretch()
    stricter = parse_config(
        "[norms.hip-flexor-stretch.adult_range]\nbands = [{ age_min = 18, age_max = 120, low = 40.0, high = 50.0 }]\n",
        "stricter.toml",
    )
    verdicts = []
    for config in (None, stricter):
        live = make_live("hip-flexor-stretch", seq.width, seq.height, config)
        assert isinstance(live, AssessmentLink)
        for sample in iter_samples(seq, compute_angles(seq)):
            live.update(sample)
        (norm,) = live.summary()["assessment"]["norms"]
        verdicts.append((norm["reference"], norm["verdict"]))
    assert verdicts[0][0] == ["18+: 10-15 deg"] and verdicts[1] == (["18+: 40-50 deg"], "below")

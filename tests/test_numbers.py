"""Numbers and counts in the words a person reads: a gait finding's means rounded for their unit (not '71.33' beside
'54.9%'), and counts that agree with their noun ('1 knee lift', '1 too small', not '1 were too small')."""

from __future__ import annotations

import numpy as np

from coach.exercises import SPECS, analyze_exercise
from coach.exercises.movements import Movements, NotCounted
from coach.gait.findings import describe_difference
from coach.gait.metrics import METRICS, MetricSummary
from coach.gait.symmetry import Symmetry
from coach.kinematics.angles import compute_angles
from coach.numbers import count_text, number_text
from coach.simulate import simulate_march, simulate_slr


def test_count_text_agrees_with_its_noun():
    assert [count_text(n, "stride") for n in (0, 1, 2)] == ["0 strides", "1 stride", "2 strides"]


def _finding(name: str, left: float, right: float) -> str:
    sym = Symmetry(
        100 * (right - left) / ((left + right) / 2), right / left, np.nan, right - left, "asymmetric", "", 6, 6
    )
    return describe_difference(name, sym, MetricSummary(left, 1.0, 5.0, 6), MetricSummary(right, 1.0, 5.0, 6))


def test_gait_finding_means_are_rounded_for_their_unit():
    """Angles in whole degrees, a stride's percentages to a tenth, seconds to the hundredth: the finding's means are
    written as the report's tables write them."""
    for name, left, right in (("stance_pct", 71.333, 54.933), ("step_time_s", 0.5012, 0.7987)):
        unit = METRICS[name].unit
        text = _finding(name, left, right)
        assert f"left {number_text(left, unit)}, right {number_text(right, unit)} {unit};" in text, text
    assert "left 15, right 5 deg;" in _finding("hip_ext_peak_deg", 14.99, 4.99)
    assert "left 71.3, right 54.9 % of stride;" in _finding("stance_pct", 71.333, 54.933)


def test_one_movement_not_counted_reads_in_the_singular():
    moves = Movements("knee lift", 12, (NotCounted("too_small", "partial", "too small: under 30 deg", 1, (5.4,)),))
    assert moves.text() == "13 knee lifts seen: 12 counted; 1 too small: under 30 deg (at 5.4 s)"


def test_the_rep_engine_words_a_small_lift_for_any_count():
    """Two 24 deg lifts of a simulated march: the engine's own reason reads after '1' as after '2'."""
    poses, _ = simulate_march(n_reps=1, peak_deg=24.0)
    text = analyze_exercise(poses, compute_angles(poses), SPECS["march"]).summary()["movements"]["text"]
    assert text == "2 knee lifts seen: 0 counted; 2 too small: under 30 deg of hip flexion (at 1.6, 3.6 s)"


def test_one_rep_on_a_side_reads_in_the_singular():
    """A straight-leg raise set of one left rep and none on the right: '1 rep with the left leg'."""
    poses, _ = simulate_slr(n_reps=1, side="left")
    findings = analyze_exercise(poses, compute_angles(poses), SPECS["slr"]).findings
    assert "1 rep with the left leg and 0 with the right" in findings, findings


def test_a_range_of_one_value_is_that_value():
    """Simulated chair stands all leaning 35 deg at seat-off: '35 deg', not '35-35 deg'."""
    from coach.assessments.chair_stand import analyze_chair_stand
    from coach.simulate.assessments import simulate_chair_stand

    seq, _ = simulate_chair_stand(n_stands=3)
    findings = analyze_chair_stand(seq, compute_angles(seq)).summary()["findings"]
    assert "forward trunk lean at seat-off 35 deg (world landmarks)" in findings, findings


def test_a_walk_too_short_for_a_stride_says_no_usable_stride():
    """A 1.5 s simulated walk: 'no usable stride', not 'only 0 left and 0 right usable strides'."""
    from coach.analysis import Settings
    from coach.simulate import simulate_walk
    from tests.synthetic import analyse

    seq, _ = simulate_walk(duration_s=1.5)
    warnings = analyse(seq, Settings(task="gait")).summary["warnings"]
    assert any(w.startswith("no usable stride: at least 3 per side") for w in warnings), warnings

"""Symmetry formulas against hand-computed values (Robinson 1987 SI, Zifchock 2008 symmetry angle)."""

from __future__ import annotations

import numpy as np
import pytest

from coach.gait.metrics import MetricSummary
from coach.gait.symmetry import metric_symmetry, ratio_min_max, symmetry_angle_pct, symmetry_index_pct


@pytest.mark.parametrize(
    "left,right,si,ratio,sa",
    [
        (10.0, 10.0, 0.0, 1.0, 0.0),
        (60.0, 55.0, 100 * -5 / 57.5, 55 / 60, 100 * (45 - np.degrees(np.arctan(60 / 55))) / 90),
        (1.0, 2.0, 100 * 1 / 1.5, 0.5, 100 * (45 - np.degrees(np.arctan(0.5))) / 90),
    ],
)
def test_formulas(left, right, si, ratio, sa):
    assert symmetry_index_pct(left, right) == pytest.approx(si)
    assert ratio_min_max(left, right) == pytest.approx(ratio)
    assert symmetry_angle_pct(left, right) == pytest.approx(sa)


def test_symmetry_angle_wraps_for_opposite_signs():
    # Zifchock: when 45 - atan(L/R) exceeds 90 deg, 180 deg is subtracted; the result stays within +/-100 %
    assert abs(symmetry_angle_pct(-1.0, 1.0)) <= 100
    assert np.isnan(ratio_min_max(-1.0, 1.0))


def test_verdicts_and_variability():
    def m(mean, sd, n=5):
        return MetricSummary(mean, sd, 100 * sd / mean, n)

    assert metric_symmetry("stance_pct", m(60, 0.5), m(59, 0.5)).verdict == "symmetric"
    assert metric_symmetry("stance_pct", m(60, 0.5), m(48, 0.5)).verdict == "asymmetric"
    assert metric_symmetry("hip_ext_peak_deg", m(15, 1), m(8, 1)).verdict == "mildly asymmetric"
    noisy = metric_symmetry("hip_ext_peak_deg", m(15, 12), m(4, 12))
    assert noisy.verdict == "symmetric" and noisy.within_variability
    assert metric_symmetry("stance_pct", m(60, 0.5, 2), m(40, 0.5, 5)).verdict == "not enough strides"


def test_ratio_of_a_side_at_zero_is_zero_and_of_nothing_undefined():
    """The report's exercise symmetry uses these functions too: 0 reps on one side is a ratio of 0, not undefined."""
    assert ratio_min_max(0.0, 3.0) == 0.0 and ratio_min_max(3.0, 0.0) == 0.0
    assert np.isnan(ratio_min_max(0.0, 0.0))

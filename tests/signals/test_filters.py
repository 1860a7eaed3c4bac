"""Filters: Butterworth against SciPy, Hampel against its definition, One-Euro, the running median."""

import numpy as np
import pytest
from scipy.signal import butter, filtfilt, sosfiltfilt

from coach.signals.clean import CleanConfig
from coach.signals.filters import (
    OneEuro,
    RunningMedian,
    butter_zero_lag,
    butter_zero_lag_columns,
    hampel,
    hampel_half_window,
    nanmedian_last,
)
from coach.simulate import bump


def test_butterworth_matches_scipy_filtfilt():
    rng = np.random.default_rng(1)
    fs = 30.0
    x = np.sin(2 * np.pi * 1.0 * np.arange(300) / fs) + rng.normal(0, 0.2, 300)
    b, a = butter(2, 6.0, fs=fs)
    ref = filtfilt(b, a, x, padtype="odd", padlen=3 * max(len(a), len(b)))
    ours = butter_zero_lag(x, fs, 6.0, order=4)
    # same 2nd-order design applied forward and backward (4th order in effect): equal away from the edges
    np.testing.assert_allclose(ours[30:-30], ref[30:-30], atol=0.02)
    assert np.std(ours - np.sin(2 * np.pi * np.arange(300) / fs)) < np.std(x - np.sin(2 * np.pi * np.arange(300) / fs))


def test_butterworth_leaves_nan_runs_and_filters_each_segment():
    x = np.concatenate([np.ones(60), np.full(10, np.nan), np.zeros(60)])
    y = butter_zero_lag(x, 30.0)
    assert np.all(np.isnan(y[60:70]))
    np.testing.assert_allclose(y[:60], 1, atol=1e-6)
    np.testing.assert_allclose(y[70:], 0, atol=1e-6)


def test_butterworth_on_columns_equals_scipy_on_each_finite_run_of_each_column():
    """Columns that share their gaps are filtered in one call: the same numbers as scipy's sosfiltfilt on every
    finite run of every column on its own, and a run too short for the filter's start-up left as it is."""
    rng = np.random.default_rng(4)
    x = np.cumsum(rng.normal(size=(120, 6)), axis=0)
    x[20:26, [0, 1]] = np.nan  # a landmark's x and y lose it together
    x[50:53, 3] = np.nan
    x[[40, 46], 5] = np.nan  # leaves a 5-frame run
    sos = butter(2, 6.0, fs=30.0, output="sos")
    want = x.copy()
    for j in range(x.shape[1]):
        finite = np.isfinite(x[:, j])
        a = 0
        while a < len(x):
            if not finite[a]:
                a += 1
                continue
            b = a
            while b < len(x) and finite[b]:
                b += 1
            if b - a > 9:
                want[a:b, j] = sosfiltfilt(sos, x[a:b, j])
            a = b
    assert np.array_equal(butter_zero_lag_columns(x, 30.0), want, equal_nan=True)
    assert np.array_equal(want[41:46, 5], x[41:46, 5])


def test_nanmedian_of_rows_equals_numpys():
    """The Hampel filter's median (one sort) equals np.nanmedian, rows with NaNs, ties and no number at all."""
    rng = np.random.default_rng(5)
    a = np.round(rng.normal(size=(400, 9)), 1)
    a[rng.random(a.shape) < 0.3] = np.nan
    a[0] = np.nan
    with np.errstate(invalid="ignore"), pytest.warns(RuntimeWarning):
        want = np.nanmedian(a, axis=-1)
    assert np.array_equal(nanmedian_last(a), want, equal_nan=True)


def test_hampel_removes_spikes_only():
    x = np.sin(np.linspace(0, 3, 90))
    spiky = x.copy()
    spiky[[20, 50]] += 5
    y = hampel(spiky, 4)
    np.testing.assert_allclose(y[[20, 50]], x[[20, 50]], atol=0.1)
    np.testing.assert_allclose(np.delete(y, [20, 50]), np.delete(x, [20, 50]))


def _hampel_by_definition(x, half, n_sigmas, min_dev):
    """The Hampel filter written out sample by sample (Pearson 2002): the reference for the vectorised one."""
    out = x.copy()
    for i in range(len(x)):
        if not np.isfinite(x[i]):
            continue
        w = x[max(0, i - half) : i + half + 1]
        w = w[np.isfinite(w)]
        med = np.median(w)
        if abs(x[i] - med) > max(n_sigmas * 1.4826 * np.median(np.abs(w - med)), min_dev):
            out[i] = med
    return out


@pytest.mark.parametrize("half, min_dev", [(1, 0.0), (4, 0.5), (12, 2.0)])
def test_hampel_equals_its_definition_with_gaps_and_edges(half, min_dev):
    rng = np.random.default_rng(half)
    x = np.cumsum(rng.normal(size=3000))
    x[rng.random(3000) < 0.05] = np.nan
    x[:3] = np.nan
    x[rng.random(3000) < 0.03] += rng.choice([-30, 30])
    np.testing.assert_array_equal(hampel(x, half, 3.0, min_dev), _hampel_by_definition(x, half, 3.0, min_dev))


def test_one_euro_smooths_still_signal_and_follows_fast_moves():
    rng = np.random.default_rng(0)
    f = OneEuro(min_cutoff_hz=1.0, beta=0.05)
    t = np.arange(120) / 30
    still = 100 + rng.normal(0, 2, 120)
    out = np.array([f(ti, np.array([xi]))[0] for ti, xi in zip(t, still)])
    assert np.std(out[30:]) < 0.5 * np.std(still[30:])
    f2 = OneEuro(min_cutoff_hz=1.0, beta=0.05)
    step = np.where(t < 2, 0.0, 100.0)
    out2 = np.array([f2(ti, np.array([xi]))[0] for ti, xi in zip(t, step)])
    assert out2[np.searchsorted(t, 2.0) + 6] > 80  # within 0.2 s of a 100 px jump
    # it is causal: the output before the step does not anticipate it
    assert np.all(out2[t < 2] == 0)


def test_one_euro_passes_nan_without_losing_state():
    f = OneEuro()
    f(0.0, np.array([1.0, 2.0]))
    out = f(1 / 30, np.array([np.nan, 2.0]))
    assert np.isnan(out[0]) and np.isfinite(out[1])
    assert np.isfinite(f(2 / 30, np.array([1.0, 2.0]))[0])


def test_running_median_removes_a_one_frame_jump_and_keeps_a_ramp():
    """At 30 fps a landmark jumping 100 px for one frame is gone (replaced by a neighbour's value); a steady ramp
    comes out one frame late, exactly; NaN coordinates are ignored; each output carries the middle sample's time."""
    t = np.arange(12) / 30
    x = 2.0 * np.arange(12)
    spiky = x.copy()
    spiky[6] += 100.0
    m = RunningMedian(3)
    out = [m(ti, np.array([v, np.nan if i == 4 else v])) for i, (ti, v) in enumerate(zip(t, spiky))]
    times = np.array([o[0] for o in out])
    values = np.array([o[1] for o in out])
    assert np.allclose(times[2:], t[1:-1])
    err = values[2:, 0] - x[1:-1]
    assert np.abs(err).max() == 2.0 and np.count_nonzero(err) == 2  # the two windows holding the spike: one step off
    assert np.isfinite(values[:, 1]).all()


def test_running_median_does_not_pool_frames_far_apart():
    """A slow camera (5 fps): frames 0.2 s apart are not pooled, so the top of a quick movement is not flattened."""
    m = RunningMedian(3, max_span_s=0.15)
    out = [m(0.2 * i, np.array([v]))[1][0] for i, v in enumerate([0.0, 80.0, 0.0])]
    assert out == [0.0, 80.0, 0.0]
    m.reset()
    assert m(1.0, np.array([5.0]))[1][0] == 5.0


def test_bump_profile_is_exact():
    t = np.linspace(0, 4, 401)
    y = bump(t, 1.0, 1.0, 0.5, 1.0)
    assert y[t < 1].max() == 0 and y[(t >= 2) & (t < 2.5)].min() == 1 and y[t >= 3.5].max() == 0


def test_hampel_is_left_out_where_its_window_cannot_tell_a_top_from_a_glitch():
    """A 0.5 s lift to 100 deg seen at 8 fps has its top in one frame: a 3-frame Hampel window takes it for an
    outlier and halves the lift, so at that rate the filter is left out; at 30 fps it keeps its 4 frames a side."""
    t = np.arange(0, 3, 1 / 8)
    lift = 100 * (1 - np.cos(2 * np.pi * np.clip((t - 1) / 0.5, 0, 1))) / 2
    assert hampel(lift, 1).max() <= 50.0 + 1e-9
    window_s = CleanConfig().hampel_window_s
    assert hampel_half_window(window_s, 8.0) == 0 and np.array_equal(hampel(lift, 0), lift)
    assert hampel_half_window(window_s, 30.0) == 4


def test_hampel_on_columns_equals_hampel_on_each():
    """The live cleaner filters every landmark coordinate at once: the same as one column at a time."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(60, 5))
    x[[7, 30], [1, 4]] = 25.0
    x[10:13, 2] = np.nan
    both = hampel(x, 3, 3.0, 0.1)
    assert np.array_equal(both, np.stack([hampel(x[:, j], 3, 3.0, 0.1) for j in range(5)], axis=1), equal_nan=True)
    assert abs(both[7, 1]) < 5 and abs(both[30, 4]) < 5

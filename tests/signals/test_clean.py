"""Signal cleaning: gap filling, swap guard, the whole-sequence cleaner."""

import numpy as np

from coach.landmarks import LEFT_ANKLE, LEFT_KNEE, RIGHT_ANKLE, RIGHT_KNEE
from coach.signals.clean import apply_swaps, clean_sequence, fill_gaps, swap_legs_guard
from coach.simulate import Camera, Motion, gap, render


def test_short_gaps_are_filled_long_gaps_stay():
    t = np.arange(100) / 30
    x = np.sin(t)
    x[10:14] = np.nan  # 4 frames ~ 0.17 s between neighbours: filled
    x[40:60] = np.nan  # 0.7 s: stays
    y = fill_gaps(t, x, 0.2)
    assert np.all(np.isfinite(y[10:14]))
    np.testing.assert_allclose(y[10:14], np.interp(t[10:14], [t[9], t[14]], [x[9], x[14]]))
    assert np.all(np.isnan(y[40:60]))
    x2 = x.copy()
    x2[:3] = np.nan  # a gap at the start has no left neighbour: stays
    assert np.all(np.isnan(fill_gaps(t, x2, 0.2)[:3]))


def test_a_dropout_is_the_same_gap_at_any_frame_rate():
    # the person unseen for 0.2 s (6 frames at 30 fps) is filled at 30 fps and at 15 fps, where the samples either side
    # of the same dropout are 0.27 s apart, not 0.23; unseen for 0.27 s, it stays a gap at both rates
    t = np.arange(120) / 30
    for missing, filled in ((slice(30, 36), True), (slice(30, 38), False)):
        x = np.sin(t)
        x[missing] = np.nan
        for step in (1, 2):
            y = fill_gaps(t[::step], x[::step], 0.2)
            assert np.isfinite(y).all() == filled, (missing, step)


def test_a_dropout_is_the_same_gap_at_an_ntsc_frame_rate():
    """0.2 s of frames at 29.97 fps (6 frames, or 3 at half that rate: 0.2002 s) is the gap 6 frames are at 30 fps:
    filled at both rates; one frame more stays a gap."""
    t = np.arange(120) * 1001 / 30000
    for missing, filled in ((slice(30, 36), True), (slice(30, 37), False)):
        x = np.sin(t)
        x[missing] = np.nan
        for step in (1, 2):
            y = fill_gaps(t[::step], x[::step], 0.2)
            assert np.isfinite(y).all() == filled, (missing, step)


def _walker_like():
    t = np.arange(90) / 30
    swing = 30 * np.sin(2 * np.pi * t)
    m = Motion(
        t,
        {"left": swing, "right": -swing},
        {"left": 20 + 20 * np.sin(2 * np.pi * t), "right": np.full(90, 5.0)},
        np.zeros(90),
        np.zeros(90),
        np.zeros(90),
        np.zeros(90),
    )
    return render(m, Camera(yaw_deg=90))


def test_swap_guard_finds_and_undoes_planted_swaps():
    seq = _walker_like()
    planted = np.zeros(len(seq), bool)
    planted[[6, 7, 22, 52, 67]] = True  # away from the moments the legs cross (every 0.5 s)
    swapped = apply_swaps(seq.xy_px, planted)
    found = swap_legs_guard(swapped, seq.t_s)
    np.testing.assert_array_equal(found, planted)
    np.testing.assert_allclose(apply_swaps(swapped, found), seq.xy_px)


def test_swap_guard_leaves_a_clean_sequence_alone():
    seq = _walker_like()
    assert not swap_legs_guard(seq.xy_px, seq.t_s).any()


def test_clean_sequence_repairs_swaps_and_short_gaps_but_not_long_gaps():
    seq = _walker_like()
    planted = np.zeros(len(seq), bool)
    planted[37] = True
    vis = gap(seq.visibility, seq.t_s, 1.0, 1.1)  # 3 frames: filled
    vis = gap(vis, seq.t_s, 2.0, 2.6, (LEFT_KNEE, LEFT_ANKLE))  # 0.6 s: stays a gap
    dirty = seq.replace(xy_px=apply_swaps(seq.xy_px, planted), visibility=vis)
    clean, stats = clean_sequence(dirty, smooth=False)
    assert stats["leg_swaps_fixed"] == 1
    np.testing.assert_allclose(clean.xy_px[37, RIGHT_KNEE], seq.xy_px[37, RIGHT_KNEE])
    inside = (seq.t_s >= 1.0) & (seq.t_s < 1.1)
    assert np.all(np.isfinite(clean.xy_px[inside, LEFT_KNEE]))
    long_gap = (seq.t_s >= 2.05) & (seq.t_s < 2.55)
    assert np.all(np.isnan(clean.xy_px[long_gap, LEFT_KNEE]))
    assert np.all(clean.visibility[long_gap, LEFT_KNEE] == 0)
    assert np.all(np.isfinite(clean.xy_px[long_gap, RIGHT_ANKLE]))

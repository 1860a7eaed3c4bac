"""Live cleaning against offline cleaning: the sliding window gives each frame what clean_sequence gives the clip."""

import numpy as np

from coach.landmarks import LEFT_ANKLE, LEFT_KNEE, RIGHT_KNEE
from coach.live.window_cleaner import CLEAN_WINDOW_S, WindowCleaner
from coach.signals.clean import CleanConfig, clean_sequence
from coach.simulate import simulate_march


def _live(seq, cfg):
    """Every frame of seq through WindowCleaner, as the live pipeline feeds it: {t: packed (33, 6)}."""
    cleaner = WindowCleaner(cfg)
    out: dict[float, np.ndarray] = {}
    for i, t in enumerate(seq.t_s):
        packed = np.concatenate([seq.xy_px[i], seq.world_m[i], seq.visibility[i][:, None]], axis=1)
        out.update(cleaner.push(float(t), packed, float(max(seq.width, seq.height))))
    out.update(cleaner.flush())
    return out


def test_live_window_bridges_short_gaps_and_smooths_as_offline_does():
    seq, _ = simulate_march(n_reps=3, noise_px=1.0, gaps=((3.0, 3.1),), seed=3)
    cfg = CleanConfig()
    offline, stats = clean_sequence(seq, cfg)
    assert stats["samples_filled"] > 0
    live = _live(seq, cfg)
    assert sorted(live) == list(seq.t_s)  # every frame measured once
    settled = seq.t_s > CLEAN_WINDOW_S  # past the window's start-up at the head of the stream
    for i in np.flatnonzero(settled):
        xy = live[float(seq.t_s[i])][:, :2]
        for lm in (LEFT_KNEE, RIGHT_KNEE, LEFT_ANKLE):
            assert np.isfinite(xy[lm]).all(), f"frame {i} landmark {lm} left as a gap"
            # within 2 px of offline (the window's Butterworth sees 1.2 s, the clip's the whole clip)
            assert np.linalg.norm(xy[lm] - offline.xy_px[i, lm]) < 2.0, (i, lm)

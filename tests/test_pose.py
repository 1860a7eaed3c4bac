"""The pose stage's schedule on a real clip: the turned pictures (lying people) cost a model call a frame only while
they keep finding someone lying."""

import numpy as np

from coach import pose
from coach.video import iter_frames


def test_turned_pictures_go_back_to_probing_when_nobody_lies_there(sample_clip, monkeypatch):
    calls: list[tuple[int, float]] = []
    real = pose._Channel.detect

    def counted(self, square, t_s, to_px):
        calls.append((self.k, t_s))
        return real(self, square, t_s, to_px)

    monkeypatch.setattr(pose._Channel, "detect", counted)
    found: dict[int, list[float]] = {1: [], 3: []}  # when a lying person was kept, by the turn showing them head-up
    with pose.PoseEstimator() as est:
        for frame in iter_frames(sample_clip, max_side=640):
            for d in est.detect(frame):
                if d.turn:
                    found[3 if d.head_left else 1].append(frame.t_s)
    assert any(found.values()), "the clip's people walking out of the picture read as lying in a turned picture"
    for k in (1, 3):
        times = np.array([t for c, t in calls if c == k])
        lying = np.array(found[k])
        for n in range(1, len(times)):
            probe = times[n] - times[n - 1] >= pose.PoseConfig().probe_every_s - 1e-9
            held = (lying.size > 0) and (
                times[n] - lying[lying < times[n]].max(initial=-np.inf) <= pose.LYING_HOLD_S + 0.1
            )
            assert probe or held, f"turn {k * 90} ran at {times[n]:.2f} s with nobody found lying since the hold"

"""The pose stage on real clips with the real model. With a census (live): one landmarker tracks one person on every
frame, and the search for more people (a landmarker asked for two runs its detector on every frame) runs four times a
second until it finds a second person, then on every frame. Without (offline): every person on every frame."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from coach import pose
from coach.live.session import LiveConfig
from coach.pose import CROWD_HOLD_S, WEBCAM_CENSUS_EVERY_S, PoseConfig, PoseEstimator
from coach.video import VideoSource

SAMPLES = Path(__file__).resolve().parent.parent / "sample_videos"


def _people_per_frame(clip: Path, config: PoseConfig, monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], Counter]:
    """People found in each frame of the clip, and the landmarker calls by (turn, poses asked for)."""
    calls: Counter = Counter()
    detect = pose._Channel.detect

    def counted(self, square, t_s, to_px):
        calls[self.k, self.num_poses] += 1
        return detect(self, square, t_s, to_px)

    monkeypatch.setattr(pose._Channel, "detect", counted)
    with PoseEstimator(config) as est:
        found = [len(est.detect(f)) for f in VideoSource(clip).frames()]
    return found, calls


def test_one_person_is_tracked_by_one_landmarker_and_others_looked_for_twice_a_second(monkeypatch):
    config = PoseConfig(lying="never", census_every_s=WEBCAM_CENSUS_EVERY_S)
    found, calls = _people_per_frame(SAMPLES / "pose2sim_balance_cam04.mp4", config, monkeypatch)
    seconds = len(found) / VideoSource(SAMPLES / "pose2sim_balance_cam04.mp4").info.fps
    assert np.mean(np.array(found) == 1) > 0.95
    assert calls[0, 1] >= 0.95 * len(found)
    # the two-person search: on the first frame and every WEBCAM_CENSUS_EVERY_S after (a frame of slack per look)
    assert 1 <= calls[0, 2] <= seconds / WEBCAM_CENSUS_EVERY_S + 2


def test_a_bystander_is_found_and_then_tracked_on_every_frame(monkeypatch):
    """The two-person sample clip: the second person is found by the census, after which the crowd landmarker runs on
    every frame (MediaPipe's detector finds a person in few frames on its own, so once found they are tracked)."""
    clip = SAMPLES / "two_people_walk_and_jump_sports2d.mp4"
    found, calls = _people_per_frame(clip, PoseConfig(lying="never", census_every_s=WEBCAM_CENSUS_EVERY_S), monkeypatch)
    first_two = found.index(2)
    assert calls[0, 2] >= len(found) - first_two - CROWD_HOLD_S * VideoSource(clip).info.fps
    assert np.mean(np.array(found) >= 1) > 0.9


def test_without_a_census_every_person_is_looked_for_on_every_frame(monkeypatch):
    found, calls = _people_per_frame(SAMPLES / "pose2sim_balance_cam04.mp4", PoseConfig(lying="never"), monkeypatch)
    assert dict(calls) == {(0, 2): len(found)}


def test_live_tracks_one_person_with_a_census_of_the_others():
    assert LiveConfig(exercise="march").pose_config().census_every_s == WEBCAM_CENSUS_EVERY_S
    assert PoseConfig().census_every_s is None

"""The pose stage: who counts as a person in view, and the turned pictures (people lying down) run on every frame only
while they show someone lying, counted at MediaPipe's own API."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from coach.landmarks import LEFT_HIP, LEFT_SHOULDER, RIGHT_HIP, RIGHT_SHOULDER
from coach.people import PeopleReport, track_poses
from coach.pose import Detection, PoseConfig, PoseEstimator
from coach.tracking import PERSON_MIN_SEEN_S
from coach.types import Frame
from coach.video import VideoSource
from tests.conftest import SAMPLES

ONE_PERSON = SAMPLES / "pose2sim_balance_cam04.mp4"


def _person(x: float, y: float = 300.0, height: float = 200.0) -> Detection:
    """A standing person centred on x: shoulders above hips."""
    xy = np.tile([x, y], (33, 1)).astype(float)
    xy[:, 1] += np.linspace(-height / 2, height / 2, 33)
    half = 0.1 * height
    xy[LEFT_SHOULDER], xy[RIGHT_SHOULDER] = (x - half, y - height / 4), (x + half, y - height / 4)
    xy[LEFT_HIP], xy[RIGHT_HIP] = (x - half, y + height / 8), (x + half, y + height / 8)
    ones = np.ones(33)
    return Detection(xy, np.zeros(33), ones, ones, np.zeros((33, 3)))


class _Scripted:
    """Stands in for PoseEstimator: the detections listed for each frame index."""

    def __init__(self, script: dict[int, list[Detection]]) -> None:
        self.script = script

    def detect(self, frame: Frame) -> list[Detection]:
        return self.script.get(frame.index, [])


def _frames(n: int, fps: float) -> list[Frame]:
    return [Frame(i, i / fps, np.zeros((480, 640, 3), np.uint8)) for i in range(n)]


@pytest.mark.parametrize("fps", [10.0, 30.0, 60.0])
def test_a_find_of_a_frame_or_two_is_not_a_person_in_view(fps):
    """A second find in two frames (a shadow, a bent body read twice) is not a second person; someone in view for a
    second is, at every frame rate."""
    n = int(3 * fps)
    script = {i: [_person(300)] for i in range(n)}
    for i in (5, 6):
        script[i] = [_person(300), _person(50)]
    _, people = track_poses(_frames(n, fps), _Scripted(script))  # type: ignore[arg-type]
    assert (people.max_people, people.n_tracks, people.others_fraction) == (1, 1, 0.0)
    stay = range(int(fps), int(2 * fps) + 1)
    for i in stay:
        script[i] = [_person(300), _person(550)]
    _, people = track_poses(_frames(n, fps), _Scripted(script))  # type: ignore[arg-type]
    assert (people.max_people, people.n_tracks) == (2, 2)
    assert people.others_fraction == pytest.approx(len(stay) / n)
    assert 1.0 > PERSON_MIN_SEEN_S > 2 / fps


@pytest.mark.parametrize("fps", [30.0, 60.0])
@pytest.mark.parametrize("seen_s, joined", [(0.15, False), (0.5, True)])
def test_the_followed_person_is_joined_by_a_look_alike_only_if_it_is_a_person(fps, seen_s, joined):
    """The followed person is in view for 1.5 s, then someone of the same size is found elsewhere: found for 0.5 s
    they are the same person come back and followed on; found for 0.15 s (a false find) they are not, at 30 and 60
    fps alike (a rule in seconds, not in frames)."""
    n, back = int(3 * fps), int(2 * fps)
    script = {i: [_person(300)] for i in range(int(1.5 * fps))}
    for i in range(back, back + round(seen_s * fps)):
        script[i] = [_person(550)]
    seq, _ = track_poses(_frames(n, fps), _Scripted(script))  # type: ignore[arg-type]
    assert bool(seq.found[back]) is joined


@pytest.mark.parametrize("fps", [30.0, 60.0])
def test_a_body_fitted_twice_for_a_moment_stays_one_followed_person(fps):
    """A walker whom the model fits twice for 0.15 s (a second fit 0.3 body sizes ahead, which the walk then carries
    on from): the tracker ends one track and starts another that share those frames; the followed person is found in
    every frame of the walk, not only in the longer half, and nobody else was in view."""
    n, k, both = int(3 * fps), int(1.5 * fps), round(0.15 * fps)
    size = _person(0).size
    x = 100 + 120 * np.arange(n) / fps  # 120 px a second across the picture
    shift = np.where(np.arange(n) >= k, 0.3 * size, 0.0)
    script = {i: [_person(x[i] + shift[i])] for i in range(n)}
    for i in range(k, k + both):
        script[i] = [_person(x[i]), _person(x[i] + shift[i])]
    seq, people = track_poses(_frames(n, fps), _Scripted(script))  # type: ignore[arg-type]
    assert people.n_tracks == 2, "the tracks did split: the case this test is about"
    assert seq.found.all(), np.flatnonzero(~seq.found)
    assert (people.max_people, people.others_fraction) == (1, 0.0), "the second fit is nobody else in view"


@pytest.mark.parametrize("fps", [30.0, 60.0])
def test_someone_else_in_view_for_a_moment_is_not_joined_to_the_followed_person(fps):
    """A person of the same size seen elsewhere in the picture for 0.2 s while the followed person is there, then for
    1 s after they have left: another person (never on the followed person's body), not joined to them."""
    n, left = int(3 * fps), int(2 * fps)
    script = {i: [_person(200)] for i in range(left)}
    for i in range(int(1.0 * fps), int(1.2 * fps)):
        script[i].append(_person(550))
    for i in range(left, n):
        script[i] = [_person(550)]
    seq, _ = track_poses(_frames(n, fps), _Scripted(script))  # type: ignore[arg-type]
    assert seq.found[:left].all() and not seq.found[left:].any()


def _crossing_walkers(fps: float) -> tuple[dict[int, list[Detection]], np.ndarray, np.ndarray]:
    """Two people walking across the picture in opposite directions (coach.simulate), crossing half-way: while
    their torsos overlap only the one in front is found (as MediaPipe finds one of two people one behind the other).
    Returns the detections per frame and each walker's mid-hip x (px) per frame."""
    from coach.simulate import simulate_walk

    walkers = [simulate_walk(duration_s=6.0, fps=fps, directions=(d,), seed=s)[0] for d, s in ((1, 1), (-1, 2))]
    n = min(len(w) for w in walkers)
    script = {}
    for i in range(n):
        found = [Detection(w.xy_px[i], np.zeros(33), w.visibility[i], np.ones(33), w.world_m[i]) for w in walkers]
        script[i] = found[1:] if abs(found[0].centre[0] - found[1].centre[0]) < found[0].torso else found
    hips = [w.xy_px[:n, [LEFT_HIP, RIGHT_HIP], 0].mean(axis=1) for w in walkers]
    return script, hips[0], hips[1]


@pytest.mark.parametrize("fps", [10.0, 30.0])
def test_two_people_walking_past_each_other_keep_their_tracks(fps):
    """A patient and a bystander walk past each other: the followed person is one of them in every frame, before,
    during and after the crossing (tracks follow where each person was heading, not only where each was last seen),
    offline and live alike."""
    from coach.tracking import LiveFollower

    script, a, b = _crossing_walkers(fps)
    assert any(len(d) == 1 for d in script.values())  # they did cross
    seq, people = track_poses(_frames(len(a), fps), _Scripted(script))  # type: ignore[arg-type]
    x = seq.xy_px[:, [LEFT_HIP, RIGHT_HIP], 0].mean(axis=1)
    followed = a if abs(x[0] - a[0]) < abs(x[0] - b[0]) else b
    assert people.max_people == 2
    assert np.nanmax(np.abs(x - followed)) < 1.0, np.nanmax(np.abs(x - followed))
    live, shown = LiveFollower(), []
    for i in range(len(a)):
        d = live.update(i, i / fps, script[i])
        shown.append(np.nan if d is None else d.xy_px[[LEFT_HIP, RIGHT_HIP], 0].mean())
    followed = a if abs(shown[0] - a[0]) < abs(shown[0] - b[0]) else b
    assert np.nanmax(np.abs(np.array(shown) - followed)) < 1.0


def _count_landmarker_calls(monkeypatch) -> Counter:
    """Frames given to MediaPipe landmarkers, by the num_poses each was built with (read from MediaPipe's own
    options as they are created, not from coach's bookkeeping)."""
    from mediapipe.tasks.python import vision

    calls: Counter = Counter()
    asked: dict[int, int] = {}
    create, detect = vision.PoseLandmarker.create_from_options, vision.PoseLandmarker.detect_for_video

    def created(options):
        lm = create(options)
        asked[id(lm)] = options.num_poses
        return lm

    lock = threading.Lock()  # the turned pictures are posed on other threads

    def counted(self, *args, **kwargs):
        with lock:
            calls[asked[id(self)]] += 1
        return detect(self, *args, **kwargs)

    monkeypatch.setattr(vision.PoseLandmarker, "create_from_options", staticmethod(created))
    monkeypatch.setattr(vision.PoseLandmarker, "detect_for_video", counted)
    return calls


def _pose_clip(path: Path) -> tuple[int, float, PeopleReport]:
    """Frames, duration (s) and who was in view, posing the clip with the default settings."""
    with PoseEstimator(PoseConfig()) as est:
        poses, people = track_poses(VideoSource(path).frames(), est)
    return len(poses), float(poses.t_s[-1] - poses.t_s[0]), people


def test_turned_pictures_are_probes_while_nobody_lies_down(monkeypatch):
    """One person standing: the upright picture is posed on every frame, the two turned ones only twice a second."""
    calls = _count_landmarker_calls(monkeypatch)
    n, duration, people = _pose_clip(ONE_PERSON)
    assert people.max_people == 1
    probes = int(duration / PoseConfig().probe_every_s) + 1
    assert calls[2] == n and calls[1] <= 2 * probes, calls


def test_a_body_bent_over_does_not_keep_the_turned_pictures_running(monkeypatch, sample_clip):
    """The Sports2D clip: a man jumping on a box bends over and a turned picture reads him as lying for a moment;
    the turned pictures then run on every frame only while they show someone lying (before: from the first bend to
    the end of the clip, 373 turned calls for 230 frames). Two people are in view: the walker leaving the picture,
    whom a turned picture fits as someone lying for a moment, is not a third."""
    calls = _count_landmarker_calls(monkeypatch)
    n, _, people = _pose_clip(sample_clip)
    assert people.max_people == 2
    assert calls[2] == n and calls[1] < n, calls


@pytest.mark.parametrize(
    "task, probes", [("march", False), ("single-leg-stance", False), ("slr", True), ("auto", True)]
)
def test_only_tasks_that_may_be_done_lying_look_for_a_person_lying_down(monkeypatch, task, probes):
    """The balance clip (a standing person reaching out level, whom a turned picture reads as lying): analysed as a
    standing exercise or assessment no turned picture is run at all; as a straight-leg raise or under `auto`, they
    probe. Live and offline follow the same rule."""
    from coach.analysis import Settings, run_pose
    from coach.live.session import LIVE_EXERCISES, LiveConfig

    calls = _count_landmarker_calls(monkeypatch)
    run_pose(ONE_PERSON, Settings(task=task))
    assert (calls[1] > 0) == probes and calls[2] > 0, calls
    for exercise in LIVE_EXERCISES:
        assert LiveConfig(exercise=exercise).pose_config() == Settings(task=exercise).pose_config, exercise

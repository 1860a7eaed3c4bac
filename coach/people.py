"""Turn a stream of frames into the followed person's pose sequence, reporting who else was in view."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from coach.camera_motion import CameraTracker
from coach.pose import PoseEstimator
from coach.tracking import PersonTracker, same_body
from coach.types import Frame, PoseFrame, PoseSequence, VideoInfo


@dataclass(frozen=True)
class PeopleReport:
    """Who was seen (people: tracks found for coach.tracking.PERSON_MIN_SEEN_S or more): the most people in view
    together, the fraction of frames with more than one, how many, the fraction of frames where the followed person
    was found, and whether they were seen lying down."""

    max_people: int
    others_fraction: float
    n_tracks: int
    found_fraction: float
    lying_fraction: float

    def to_dict(self) -> dict:
        return {
            "max_people": self.max_people,
            "others_in_view_fraction": round(self.others_fraction, 3),
            "tracks": self.n_tracks,
            "person_found_fraction": round(self.found_fraction, 3),
            "lying_fraction": round(self.lying_fraction, 3),
        }


@dataclass(frozen=True)
class PoseRun:
    """The pose stage's whole output for one clip: video facts, the followed person's raw landmarks, who was in view,
    why decoding stopped early (None when it did not), and every how many decoded frames one was posed (`stride`,
    coach.video.pose_stride). Everything after it is computed from this alone."""

    info: VideoInfo
    raw: PoseSequence
    people: PeopleReport
    decode_error: str | None = None
    stride: int = 1

    def save(self, path: str | Path) -> None:
        """Save as one compressed .npz: the landmark arrays plus the facts as JSON."""
        meta = {
            "info": asdict(self.info),
            "people": asdict(self.people),
            "decode_error": self.decode_error,
            "stride": self.stride,
        }
        self.raw.save_npz(path, meta=np.array(json.dumps(meta)))

    @classmethod
    def load(cls, path: str | Path) -> PoseRun:
        """Load a run saved by `save`."""
        with np.load(path) as d:
            meta = json.loads(str(d["meta"]))
        raw = PoseSequence.load_npz(path)
        return cls(VideoInfo(**meta["info"]), raw, PeopleReport(**meta["people"]), meta["decode_error"], meta["stride"])


def track_poses(
    frames: Iterable[Frame], estimator: PoseEstimator, on_frame: Callable[[Frame, int], None] | None = None
) -> tuple[PoseSequence, PeopleReport]:
    """Detect everyone in every frame, follow the person doing the movement, and stack their poses with where the
    background sat in each frame (the camera's motion).

    Frames are consumed one at a time and dropped; only landmarks are kept. `on_frame(frame, n_people)` is called
    after each frame (progress bars, annotators that need the picture).
    """
    tracker = PersonTracker()
    camera = CameraTracker()
    times: list[float] = []
    counts: list[int] = []
    background: list[np.ndarray] = []
    width = height = 0
    seen: list[np.ndarray] = []
    # the background is followed on another thread while the pose model runs (OpenCV releases the GIL), masking the
    # people found in the frame before: a person moves a few pixels a frame, well inside the mask's margin
    with ThreadPoolExecutor(1, "coach-camera") as pool:
        for frame in frames:
            moving = pool.submit(camera.update, frame.rgb, seen)
            dets = estimator.detect(frame)
            tracker.update(len(times), frame.t_s, dets)
            background.append(moving.result())
            seen = [d.xy_px for d in dets]
            times.append(frame.t_s)
            counts.append(len(dets))
            height, width = frame.rgb.shape[:2]
            if on_frame:
                on_frame(frame, len(dets))
    frame_s = float(np.median(np.diff(times))) if len(times) > 1 else np.inf
    chosen = tracker.follow(frame_s)
    poses = []
    for i, t in enumerate(times):
        d = chosen.get(i)
        if d is None:
            poses.append(PoseFrame.empty(i, t, width, height, counts[i]))
        else:
            poses.append(PoseFrame(i, t, width, height, d.xy_px, d.z, d.visibility, d.presence, d.world_m, counts[i]))
    seq = PoseSequence.from_frames(poses, width, height)
    seq = seq.replace(camera_px=np.array(background).reshape(len(times), 2))
    n = max(len(times), 1)
    people = tracker.people(frame_s)
    in_view = np.zeros(n, int)
    for person in people:
        # a second fit of the followed person's body is not a second person in view
        own = [
            i
            for i, d in person.frames.items()
            if i not in chosen or d is chosen[i] or not same_body(d, chosen[i], tracker.max_jump)
        ]
        in_view[own] += 1
    report = PeopleReport(
        max_people=int(in_view.max()),
        others_fraction=float(np.mean(in_view > 1)),
        n_tracks=len(people),
        found_fraction=len(chosen) / n,
        lying_fraction=float(np.mean([d.lying for d in chosen.values()])) if chosen else 0.0,
    )
    return seq, report

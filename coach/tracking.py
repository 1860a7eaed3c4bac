"""Follow people across frames and pick the one doing the movement, never jumping between people.

A bystander (therapist, nurse, family) is common in rehab clips. Detections are linked into tracks by nearest torso
centre (relative to body size); the followed person is the track whose visible legs move through the widest range
relative to its own pelvis: the patient exercising or walking moves the legs, a bystander mostly stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from coach.landmarks import LEFT_ANKLE, LEFT_HIP, LEFT_KNEE, RIGHT_ANKLE, RIGHT_HIP, RIGHT_KNEE
from coach.pose import Detection

_LEGS = [LEFT_KNEE, RIGHT_KNEE, LEFT_ANKLE, RIGHT_ANKLE]
#: A track found in frames adding up to less than this (s) is not a person: not counted in view, nor joined to the
#: followed person. A detector's false finds (a shadow, a bent body or a body leaving the picture read as someone
#: lying) come and go for a frame or a few, while anyone who is there, even walking through the picture, stays in it
#: longer.
PERSON_MIN_SEEN_S = 0.25
#: The longest time (s) two tracks may share frames and still be one person fitted twice (PersonTracker.follow):
#: MediaPipe's second fit of a body (part of it, shifted) lasts a few frames, while two people in view together
#: share many more.
SECOND_FIT_S = 0.3


def same_body(a: Detection, b: Detection, max_jump: float) -> bool:
    """True when two detections of one frame lie on one body: torso centres within `max_jump` sizes of `b` (MediaPipe
    fitting a person twice, the second fit shifted or partial)."""
    return bool(np.hypot(*(a.centre - b.centre)) <= max_jump * max(b.size, 1.0))


def _leg_pose(d: Detection) -> np.ndarray:
    """Knee and ankle positions relative to the mid-hip, in body sizes (4, 2)."""
    pelvis = d.xy_px[[LEFT_HIP, RIGHT_HIP]].mean(axis=0)
    return (d.xy_px[_LEGS] - pelvis) / d.size


@dataclass
class Track:
    """One person's detections over time (frame index -> Detection) and how much their legs moved."""

    id: int
    frames: dict[int, Detection] = field(default_factory=dict)
    last_t_s: float = 0.0
    activity: float = 0.0
    _last_legs: np.ndarray | None = None

    @property
    def last(self) -> Detection:
        return self.frames[max(self.frames)]

    def add(self, index: int, t_s: float, d: Detection) -> None:
        """Append a detection and accumulate visibility-weighted leg motion."""
        legs = _leg_pose(d)
        if self._last_legs is not None:
            w = float(np.mean(d.visibility[_LEGS]))
            self.activity += w * float(np.linalg.norm(legs - self._last_legs, axis=1).sum())
        self._last_legs = legs
        self.frames[index] = d
        self.last_t_s = t_s


def movement_range(track: Track, min_visibility: float = 0.5) -> float:
    """How much a person moved their legs: for each knee and ankle, the 5-95 percentile range of its position relative
    to the pelvis (in body sizes, so a garbled small figure with a collapsed torso cannot score huge) over the frames
    where it is clearly visible, weighted by how often it is.

    A range, not a sum of frame-to-frame steps: the jitter of a bystander's guessed, unseen legs (a nurse cut off at
    the knees) adds up over frames but spans little, while a patient's lift spans the leg length.
    """
    dets = list(track.frames.values())
    if len(dets) < 3:
        return 0.0
    rel = np.stack([(d.xy_px[_LEGS] - d.xy_px[[LEFT_HIP, RIGHT_HIP]].mean(0)) / d.size for d in dets])
    vis = np.stack([d.visibility[_LEGS] for d in dets]) >= min_visibility
    total = 0.0
    for j in range(len(_LEGS)):
        pts = rel[vis[:, j], j]
        if len(pts) >= 3:
            span = np.percentile(pts, 95, axis=0) - np.percentile(pts, 5, axis=0)
            total += float(np.hypot(*span)) * len(pts) / len(dets)
    return total


class PersonTracker:
    """Link per-frame detections into tracks: greedy nearest torso centre within `max_jump` body sizes.

    A track unseen for more than `forget_s` seconds is closed; a person who comes back later starts a new track,
    which `follow()` may join to the followed one when the two never overlap in time and have the same body size.
    `keep_frames=False` keeps only the newest detection per track (bounded state, for the live path).
    """

    def __init__(self, max_jump: float = 0.5, forget_s: float = 1.0, keep_frames: bool = True) -> None:
        self.max_jump = max_jump
        self.forget_s = forget_s
        self.keep_frames = keep_frames
        self.tracks: list[Track] = []
        self._next_id = 0

    def update(self, index: int, t_s: float, detections: list[Detection]) -> list[Track]:
        """Assign this frame's detections to tracks; returns the tracks updated in this frame."""
        live = [t for t in self.tracks if t_s - t.last_t_s <= self.forget_s and t.frames]
        pairs = []
        for i, d in enumerate(detections):
            for t in live:
                last = t.last
                dist = float(np.hypot(*(d.centre - last.centre))) / max(last.size, 1.0)
                if dist <= self.max_jump:
                    pairs.append((dist, i, t))
        pairs.sort(key=lambda p: p[0])
        used_d, used_t, updated = set(), set(), []
        for _, i, t in pairs:
            if i in used_d or t.id in used_t:
                continue
            used_d.add(i)
            used_t.add(t.id)
            self._add(t, index, t_s, detections[i])
            updated.append(t)
        for i, d in enumerate(detections):
            if i not in used_d:
                t = Track(self._next_id)
                self._next_id += 1
                self.tracks.append(t)
                self._add(t, index, t_s, d)
                updated.append(t)
        return updated

    def _add(self, t: Track, index: int, t_s: float, d: Detection) -> None:
        if not self.keep_frames:
            t.frames.clear()
        t.add(index, t_s, d)

    def people(self, frame_s: float) -> list[Track]:
        """The tracks found in frames adding up to PERSON_MIN_SEEN_S or more, each frame counted for `frame_s`, the
        clip's median frame interval (a lone find linked to another a second later is two frames, not a second)."""
        return [t for t in self.tracks if len(t.frames) * frame_s >= PERSON_MIN_SEEN_S]

    def follow(self, frame_s: float) -> dict[int, Detection]:
        """Frames of the person doing the movement: the most active track, joined with non-overlapping look-alikes
        that are people (`people`; `frame_s` the clip's median frame interval)."""
        if not self.tracks:
            return {}
        longest = max(len(t.frames) for t in self.tracks)
        # the patient is in view most of the clip; a bystander often walks in and out
        best = max(self.tracks, key=lambda t: (movement_range(t) * len(t.frames) / longest, len(t.frames)))
        chosen = dict(best.frames)
        size = np.median([d.size for d in best.frames.values()])
        for t in sorted(self.people(frame_s), key=lambda t: -len(t.frames)):
            if t is best or not self._same_person(t, chosen, frame_s):
                continue
            # of the same size, and never in view together with the followed person but as a second fit of their
            # body: the same person coming back, or their track picked up again after a frame fitted twice
            if 0.7 < np.median([d.size for d in t.frames.values()]) / size < 1.43:
                chosen.update({i: d for i, d in t.frames.items() if i not in chosen})
        return chosen

    def _same_person(self, t: Track, chosen: dict[int, Detection], frame_s: float) -> bool:
        """True when track `t` may be the followed person (`chosen`): never in view together, or only for at most
        SECOND_FIT_S in frames where both lie on the same body (torso centres within `max_jump` body sizes: MediaPipe
        fitting one person twice, after which the tracker may carry on with either fit). Two people in view together
        stand apart in every frame they share but a moment of crossing."""
        shared = set(t.frames) & set(chosen)
        if not shared:
            return True
        if len(shared) * frame_s > SECOND_FIT_S:
            return False
        return all(same_body(t.frames[i], chosen[i], self.max_jump) for i in shared)


class LiveFollower:
    """Online choice of the person to follow: stick with the current track; switch only when it has been lost for
    `patience_s` and another track is in view. Bounded state: only the newest detection per track is kept."""

    def __init__(self, patience_s: float = 1.0) -> None:
        self.tracker = PersonTracker(keep_frames=False, forget_s=patience_s)
        self.current: int | None = None

    def update(self, index: int, t_s: float, detections: list[Detection]) -> Detection | None:
        """The followed person's detection in this frame, or None."""
        updated = {t.id: t for t in self.tracker.update(index, t_s, detections)}
        self.tracker.tracks = [t for t in self.tracker.tracks if t_s - t.last_t_s <= self.tracker.forget_s]
        if self.current in updated:
            return updated[self.current].last
        alive = {t.id for t in self.tracker.tracks}
        if self.current in alive or not updated:
            return None
        best = max(updated.values(), key=lambda t: (t.activity, len(t.frames)))
        self.current = best.id
        return best.last

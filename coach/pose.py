"""MediaPipe PoseLandmarker adapter (Tasks API): the only module that imports mediapipe.

BlazePose's detector finds upright people; a patient lying on a mat (straight-leg raise) is often missed. So the
estimator runs the upright picture every frame and probes the picture turned by +/-90 deg twice a second; once a
turned picture shows a lying person, the turn that shows them head-up runs on every frame until it has not seen them
for a second (a body bent over, read as lying for a moment, does not keep it running for the rest of the clip).

The upright picture is asked for two poses. MediaPipe then runs its person detector on every frame where it tracks
fewer people than asked (a clip of one patient: every frame, 42 ms a frame against 28 ms for one pose on a 1088x1920
clip), and that is kept on purpose: one pose a frame, tracked from the last frame's landmarks with the detector run
only after losing the person, was measured on the labelled corpus and read worse (clips counted exactly 0.92 -> 0.69,
gait events within 2 frames of the label 91% -> 84% and 1 -> 4 missed, one more near-miss counted, TUG 9/9 -> 8/9).
Every orientation has its own landmarker (VIDEO mode needs increasing timestamps per instance).
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from coach.landmarks import LEFT_HIP, LEFT_SHOULDER, NOSE, RIGHT_HIP, RIGHT_SHOULDER
from coach.model import model_path
from coach.types import Frame

log = logging.getLogger(__name__)

#: Frames smaller than this (long side, px) are upscaled before inference: tiny clips defeat the detector.
MIN_LONG_SIDE = 720


@dataclass(frozen=True)
class PoseConfig:
    """Pose stage settings.

    num_poses: people detected in the upright picture (>= 2 so a bystander is seen and not confused with the patient).
    min_detection / min_presence / min_tracking: MediaPipe confidences in [0, 1].
    lying: probe the picture turned by 90 deg to find people lying down ('auto'), always run it ('always'), or never.
    probe_every_s: seconds between probes of the turned pictures while no lying person is tracked.
    hold_s: seconds a turned picture run on every frame keeps running after it last showed a lying person, before it
        goes back to probing: a person hidden for a moment is not lost.
    """

    num_poses: int = 2
    min_detection: float = 0.5
    min_presence: float = 0.5
    min_tracking: float = 0.5
    lying: str = "auto"
    probe_every_s: float = 0.5
    hold_s: float = 1.0

    def __post_init__(self) -> None:
        if self.lying not in ("auto", "always", "never"):
            raise ValueError(f"lying must be 'auto', 'always' or 'never', not {self.lying!r}")
        if not 1 <= self.num_poses <= 5:
            raise ValueError("num_poses must be between 1 and 5")


@dataclass(frozen=True)
class Detection:
    """One person in one frame, in the upright frame's pixels: xy_px (33, 2), z (33,), visibility (33,), presence (33,),
    world_m (33, 3); `turn` is the rotation (deg, counter-clockwise) of the picture the model saw."""

    xy_px: np.ndarray
    z: np.ndarray
    visibility: np.ndarray
    presence: np.ndarray
    world_m: np.ndarray
    turn: int = 0

    @property
    def centre(self) -> np.ndarray:
        """Torso centre (px): mean of shoulders and hips."""
        return self.xy_px[[LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_HIP, RIGHT_HIP]].mean(axis=0)

    @property
    def torso(self) -> float:
        """Torso length (px): mid-shoulder to mid-hip."""
        return float(
            np.hypot(*(self.xy_px[[LEFT_SHOULDER, RIGHT_SHOULDER]].mean(0) - self.xy_px[[LEFT_HIP, RIGHT_HIP]].mean(0)))
        )

    @property
    def size(self) -> float:
        """Body size (px): diagonal of the box around the landmarks that are visible, at least the torso length."""
        vis = self.visibility > 0.3
        pts = self.xy_px[vis] if vis.sum() >= 4 else self.xy_px
        diag = float(np.hypot(*(pts.max(axis=0) - pts.min(axis=0))))
        return max(diag, self.torso, 1.0)

    @property
    def head_left(self) -> bool:
        """True when the nose is to the image-left of the hips."""
        return bool(self.xy_px[NOSE, 0] < self.xy_px[[LEFT_HIP, RIGHT_HIP], 0].mean())

    def torso_inside(self, width: int, height: int) -> bool:
        """True when both shoulders and both hips are inside a picture of width x height px."""
        xy = self.xy_px[[LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_HIP, RIGHT_HIP]]
        return bool(((xy >= 0) & (xy < [width, height])).all())

    @property
    def lying(self) -> bool:
        """True when the trunk (hips -> shoulders) is closer to horizontal than vertical."""
        d = self.xy_px[[LEFT_SHOULDER, RIGHT_SHOULDER]].mean(0) - self.xy_px[[LEFT_HIP, RIGHT_HIP]].mean(0)
        return abs(d[0]) > abs(d[1])


def _unturn(xy_n: np.ndarray, world: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Map normalised image and world coords seen in a picture turned k*90 deg CCW back to the upright picture."""
    x, y = xy_n[:, 0], xy_n[:, 1]
    wx, wy = world[:, 0], world[:, 1]
    if k == 1:
        xy, wxy = np.stack([1 - y, x], 1), np.stack([-wy, wx], 1)
    elif k == 3:
        xy, wxy = np.stack([y, 1 - x], 1), np.stack([wy, -wx], 1)
    else:
        return xy_n, world
    return xy, np.concatenate([wxy, world[:, 2:]], axis=1)


class _Channel:
    """One landmarker looking at the picture turned by k*90 deg; `active` while it should run on every frame, and
    `last_probe_s`/`last_seen_s` the times it last ran as a probe and last saw what it is there for."""

    def __init__(self, k: int, cfg: PoseConfig, model: str, num_poses: int) -> None:
        from mediapipe.tasks.python import BaseOptions, vision

        self.k = k
        self.active = False
        self.last_probe_s = -np.inf
        self.last_seen_s = -np.inf
        self.last_ts_ms = -1
        opts = vision.PoseLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=model),
            running_mode=vision.RunningMode.VIDEO,
            num_poses=num_poses,
            min_pose_detection_confidence=cfg.min_detection,
            min_pose_presence_confidence=cfg.min_presence,
            min_tracking_confidence=cfg.min_tracking,
        )
        self.landmarker = vision.PoseLandmarker.create_from_options(opts)

    def detect(self, square: np.ndarray, t_s: float, to_px: tuple[float, float, float]) -> list[Detection]:
        """Run the landmarker on the turned square picture; `to_px` = (side, x0, y0) maps its normalised coordinates
        back to the frame's pixels (px = coord * side - offset)."""
        import mediapipe as mp

        img = np.ascontiguousarray(np.rot90(square, self.k)) if self.k else square
        ts = max(int(round(t_s * 1000)), self.last_ts_ms + 1)
        self.last_ts_ms = ts
        result = self.landmarker.detect_for_video(mp.Image(image_format=mp.ImageFormat.SRGB, data=img), ts)
        out = []
        for lms, wlms in zip(result.pose_landmarks, result.pose_world_landmarks):
            a = np.array([[p.x, p.y, p.z, p.visibility or 0.0, p.presence or 0.0] for p in lms], float)
            w = np.array([[p.x, p.y, p.z] for p in wlms], float)
            xy_n, world = _unturn(a[:, :2], w, self.k)
            side, x0, y0 = to_px
            xy = xy_n * side - np.array([x0, y0])
            out.append(Detection(xy, a[:, 2], np.clip(a[:, 3], 0, 1), np.clip(a[:, 4], 0, 1), world, self.k * 90))
        return out

    def close(self) -> None:
        self.landmarker.close()


class PoseEstimator:
    """Detect every person in a frame with MediaPipe PoseLandmarker (VIDEO mode), upright and, when needed, lying.

    Use as a context manager; `detect(frame)` returns detections in the frame's pixels (x right, y down).
    """

    def __init__(self, config: PoseConfig | None = None, model: str | None = None) -> None:
        self.config = config or PoseConfig()
        path = str(model_path(model))
        self._upright = _Channel(0, self.config, path, self.config.num_poses)
        # one pose per turned picture: asked for two, MediaPipe kept the lying patient of the straight-leg-raise
        # clip in 32% of frames; asked for one, in 100% (bystanders are found by the upright picture)
        self._turned = [_Channel(k, self.config, path, 1) for k in (3, 1)] if self.config.lying != "never" else []
        self._all = [self._upright, *self._turned]
        # The turned pictures are posed on other threads while the upright one is: a landmarker keeps one core busy,
        # so on two cores a frame with a turned picture takes about as long as one without (the same results: each
        # landmarker still sees its frames in order, one at a time).
        self._pool = ThreadPoolExecutor(len(self._turned), "coach-pose") if self._turned else None

    def detect(self, frame: Frame) -> list[Detection]:
        """All people found in this frame (duplicates across orientations removed, most confident kept)."""
        square, to_px = letterbox(frame.rgb)
        pool = self._pool
        turned = [ch for ch in self._turned if self._should_run(ch, frame.t_s)]
        for ch in turned:
            ch.last_probe_s = frame.t_s
        running = [pool.submit(ch.detect, square, frame.t_s, to_px) for ch in turned] if pool else []
        found = self._upright.detect(square, frame.t_s, to_px)
        lying: list[Detection] = []
        height, width = frame.rgb.shape[:2]
        for job in running:
            # a body cut by the picture's edge is extrapolated by the model, and a turned picture then fits a lying
            # person to it (on the Sports2D clip: the walker leaving the picture, for 0.7 s): only a torso seen whole
            # is taken for someone lying down
            lying += [d for d in job.result() if d.lying and d.torso_inside(width, height)]
        kept = _dedupe(found + lying)
        # Once a lying person is found, the picture turned so that they stand head-up runs on every frame while it
        # shows them: the landmarker then tracks them through a leg lift, which its detector alone misses (on the
        # straight-leg-raise clip, probing found the patient in 13% of frames; tracking from the first find, in all).
        for d in kept:
            if d.turn:
                ch = self._turned[0 if d.head_left else 1]
                ch.active, ch.last_seen_s = True, frame.t_s
        for ch in self._turned:
            if ch.active and frame.t_s - ch.last_seen_s > self.config.hold_s:
                ch.active, ch.last_probe_s = False, frame.t_s
        return kept

    def _should_run(self, ch: _Channel, t_s: float) -> bool:
        """A turned channel runs every frame once active (or when lying='always'), otherwise only on probe frames
        while no turned channel is active."""
        if ch.active or self.config.lying == "always":
            return True
        return not any(c.active for c in self._turned) and t_s - ch.last_probe_s >= self.config.probe_every_s

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        for ch in self._all:
            ch.close()
        self._all = []

    def __enter__(self) -> PoseEstimator:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def letterbox(rgb: np.ndarray) -> tuple[np.ndarray, tuple[float, float, float]]:
    """Pad a frame to a black square (and upscale tiny frames by an integer factor) before inference.

    BlazePose's detector misses people who fill the height of a portrait phone clip (0 of 352 frames of a march clip
    found; all 352 once squared) and people in tiny clips. Returns the square and (side, x0, y0) in original pixels:
    a normalised coordinate u maps back to u * side - x0.
    """
    h, w = rgb.shape[:2]
    f = max(1, int(np.ceil(MIN_LONG_SIDE / max(h, w))))
    if f > 1:
        rgb = np.repeat(np.repeat(rgb, f, axis=0), f, axis=1)
    H, W = rgb.shape[:2]
    side = max(H, W)
    y0, x0 = (side - H) // 2, (side - W) // 2
    if H == W:
        return np.ascontiguousarray(rgb), (side / f, 0.0, 0.0)
    square = np.zeros((side, side, 3), np.uint8)
    square[y0 : y0 + H, x0 : x0 + W] = rgb
    return square, (side / f, x0 / f, y0 / f)


def _dedupe(dets: list[Detection], overlap: float = 0.3) -> list[Detection]:
    """Drop detections of a person already detected: their shoulders and hips lie within `overlap` torso lengths of
    the other's (the bounding box is no guide: a bystander cut off at the knees gets extrapolated legs)."""
    dets = sorted(dets, key=lambda d: -float(np.mean(d.visibility)))
    kept: list[Detection] = []
    for d in dets:
        if all(_torso_distance(d, k) > overlap for k in kept):
            kept.append(d)
    return kept


def _torso_distance(a: Detection, b: Detection) -> float:
    """Mean distance between the shoulders and hips of two detections, in the shorter torso length."""
    idx = [LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_HIP, RIGHT_HIP]
    dist = float(np.linalg.norm(a.xy_px[idx] - b.xy_px[idx], axis=1).mean())
    return dist / max(min(a.torso, b.torso), 1.0)

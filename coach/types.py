"""Frozen containers passed between pipeline stages; shapes and units in each docstring, checked on creation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol

import numpy as np

from coach.landmarks import N_LANDMARKS


def _check_shape(name: str, a: np.ndarray, shape: tuple[int | None, ...]) -> None:
    """Raise ValueError unless array `a` matches `shape` (None = any length)."""
    if a.ndim != len(shape) or any(s is not None and s != d for s, d in zip(shape, a.shape)):
        raise ValueError(f"{name} has shape {a.shape}, expected {shape}")


@dataclass(frozen=True)
class VideoInfo:
    """Facts about a video source: upright size in pixels, nominal fps, duration (s), frame count, the rotation
    (deg, counter-clockwise: 0, 90, 180 or 270) that shows the stored picture upright, as players do, and whether
    the display matrix also mirrors it (`mirrored`: flipped top to bottom before the turn; see coach.video.upright)."""

    source: str
    width: int
    height: int
    fps: float
    duration_s: float
    n_frames: int
    rotation_deg: int = 0
    codec: str = ""
    mirrored: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Frame:
    """One decoded picture: `rgb` (H, W, 3) uint8 upright, `t_s` seconds from the container's timestamps."""

    index: int
    t_s: float
    rgb: np.ndarray

    def __post_init__(self) -> None:
        _check_shape("rgb", self.rgb, (None, None, 3))


@dataclass(frozen=True)
class PoseFrame:
    """Pose of the followed person in one frame.

    xy_px (33, 2) image pixels of the upright frame (x right, y down); z (33,) MediaPipe's relative depth;
    visibility (33,) and presence (33,) in [0, 1]; world_m (33, 3) metres, hip-centred (x right, y down, z away).
    With no person found every array is NaN (visibility 0). `n_people` counts every person detected in the frame.
    """

    index: int
    t_s: float
    width: int
    height: int
    xy_px: np.ndarray
    z: np.ndarray
    visibility: np.ndarray
    presence: np.ndarray
    world_m: np.ndarray
    n_people: int = 1

    def __post_init__(self) -> None:
        _check_shape("xy_px", self.xy_px, (N_LANDMARKS, 2))
        _check_shape("world_m", self.world_m, (N_LANDMARKS, 3))
        for name in ("z", "visibility", "presence"):
            _check_shape(name, getattr(self, name), (N_LANDMARKS,))

    @property
    def found(self) -> bool:
        """True when a person was found in this frame."""
        return bool(np.isfinite(self.xy_px[0, 0]))

    @classmethod
    def empty(cls, index: int, t_s: float, width: int, height: int, n_people: int = 0) -> PoseFrame:
        """A frame where no (followed) person was found."""
        nan = np.full(N_LANDMARKS, np.nan)
        return cls(
            index,
            t_s,
            width,
            height,
            np.full((N_LANDMARKS, 2), np.nan),
            nan,
            np.zeros(N_LANDMARKS),
            np.zeros(N_LANDMARKS),
            np.full((N_LANDMARKS, 3), np.nan),
            n_people,
        )


#: The landmark arrays of a PoseSequence with a row per frame (besides t_s and camera_px).
_PER_FRAME = ("xy_px", "z", "visibility", "world_m", "n_people")


@dataclass(frozen=True)
class PoseSequence:
    """A clip's poses: t_s (T,), xy_px (T, 33, 2), z (T, 33), visibility (T, 33), world_m (T, 33, 3), n_people (T,);
    camera_px (T, 2) where the background sits in each frame (px, relative to the clip's first frame; NaN where its
    motion was not measured: coach.camera_motion), None when the camera was not followed at all (live, synthetic).

    Small (about 2 kB a frame): the whole clip's landmarks fit in memory even when its pictures do not.
    """

    t_s: np.ndarray
    xy_px: np.ndarray
    z: np.ndarray
    visibility: np.ndarray
    world_m: np.ndarray
    n_people: np.ndarray
    width: int
    height: int
    camera_px: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = len(self.t_s)
        _check_shape("t_s", self.t_s, (n,))
        if self.camera_px is not None:
            _check_shape("camera_px", self.camera_px, (n, 2))
        _check_shape("xy_px", self.xy_px, (n, N_LANDMARKS, 2))
        _check_shape("z", self.z, (n, N_LANDMARKS))
        _check_shape("visibility", self.visibility, (n, N_LANDMARKS))
        _check_shape("world_m", self.world_m, (n, N_LANDMARKS, 3))
        _check_shape("n_people", self.n_people, (n,))
        if n > 1 and np.any(np.diff(self.t_s) <= 0):
            raise ValueError("t_s must increase strictly")

    def __len__(self) -> int:
        return len(self.t_s)

    @property
    def found(self) -> np.ndarray:
        """(T,) bool: a person was found in the frame."""
        return np.isfinite(self.xy_px[:, 0, 0])

    @classmethod
    def from_frames(cls, frames: list[PoseFrame], width: int = 0, height: int = 0) -> PoseSequence:
        """Stack pose frames (possibly none) into one sequence."""
        if not frames:
            return cls(
                np.zeros(0),
                np.zeros((0, N_LANDMARKS, 2)),
                np.zeros((0, N_LANDMARKS)),
                np.zeros((0, N_LANDMARKS)),
                np.zeros((0, N_LANDMARKS, 3)),
                np.zeros(0, int),
                width,
                height,
            )
        return cls(
            t_s=np.array([f.t_s for f in frames], float),
            xy_px=np.stack([f.xy_px for f in frames]),
            z=np.stack([f.z for f in frames]),
            visibility=np.stack([f.visibility for f in frames]),
            world_m=np.stack([f.world_m for f in frames]),
            n_people=np.array([f.n_people for f in frames], int),
            width=frames[0].width,
            height=frames[0].height,
        )

    def frame(self, i: int) -> PoseFrame:
        """The i-th frame as a PoseFrame (presence is not kept in sequences: visibility stands for it)."""
        return PoseFrame(
            i,
            float(self.t_s[i]),
            self.width,
            self.height,
            self.xy_px[i],
            self.z[i],
            self.visibility[i],
            self.visibility[i],
            self.world_m[i],
            int(self.n_people[i]),
        )

    def replace(self, **changes) -> PoseSequence:
        """A copy with some arrays replaced."""
        return replace(self, **changes)

    def frames(self, idx: slice | np.ndarray | list[int], t_s: np.ndarray | None = None) -> PoseSequence:
        """The frames `idx` (a slice, or indices with repeats allowed) as a sequence of their own, at their own times
        or at `t_s` (a camera or a pose stage that kept fewer frames, or a clip played at another pace)."""
        arrays = {k: getattr(self, k)[idx] for k in _PER_FRAME}
        camera = None if self.camera_px is None else self.camera_px[idx]
        return self.replace(t_s=self.t_s[idx] if t_s is None else t_s, **arrays, camera_px=camera)

    def save_npz(self, path, **extra: Any) -> None:
        """Save as a compressed .npz (landmarks.npz, the pose cache), with `extra` arrays beside the sequence's."""
        arrays: dict[str, Any] = {k: getattr(self, k) for k in ("t_s", *_PER_FRAME)}
        arrays["camera_px"] = np.zeros((0, 2)) if self.camera_px is None else self.camera_px  # none: not followed
        np.savez_compressed(path, **arrays, **extra, size=np.array([self.width, self.height]))

    @classmethod
    def load_npz(cls, path) -> PoseSequence:
        """Load a sequence saved by save_npz (files saved before the camera was followed have no camera_px)."""
        with np.load(path) as d:
            w, h = (int(v) for v in d["size"])
            camera = d["camera_px"] if "camera_px" in d and len(d["camera_px"]) == len(d["t_s"]) else None
            return cls(d["t_s"], d["xy_px"], d["z"], d["visibility"], d["world_m"], d["n_people"], w, h, camera)


@dataclass(frozen=True)
class AngleSeries:
    """Joint angles: t_s (T,); `values[name]` (T,) degrees, NaN where untrustworthy; `conf[name]` (T,) in [0, 1].

    `view` (T,) per-frame camera view code ('side', 'front', 'oblique', '' when unknown); `facing` (T,) +1 when
    the person faces image-right (x grows), -1 image-left, 0 unknown.
    """

    t_s: np.ndarray
    values: dict[str, np.ndarray]
    conf: dict[str, np.ndarray]
    view: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="<U8"))
    facing: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        n = len(self.t_s)
        for name, a in self.values.items():
            _check_shape(f"values[{name}]", a, (n,))
            if name not in self.conf:
                raise ValueError(f"angle {name} has no confidence")
            _check_shape(f"conf[{name}]", self.conf[name], (n,))

    def __len__(self) -> int:
        return len(self.t_s)

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[name]

    def names(self) -> list[str]:
        """Angle names in a stable order."""
        return list(self.values)


@dataclass(frozen=True)
class BodySample:
    """One frame as the analysers see it, live or offline: time (s), angles (deg, NaN when unknown) and their
    confidences in [0, 1] by name (see kinematics.ANGLES), camera view code, facing (+1 image-right, -1 image-left,
    0 unknown), and the cleaned landmarks xy_px (33, 2) with visibility (33,) for position-based rules."""

    t_s: float
    angles: dict[str, float]
    conf: dict[str, float]
    view: str
    facing: float
    xy_px: np.ndarray
    visibility: np.ndarray


def iter_samples(seq: PoseSequence, angles: AngleSeries):
    """Yield a BodySample per frame of a sequence and its angles (the offline feed of the live analysers)."""
    names = angles.names()
    for i in range(len(seq)):
        yield BodySample(
            t_s=float(seq.t_s[i]),
            angles={n: float(angles.values[n][i]) for n in names},
            conf={n: float(angles.conf[n][i]) for n in names},
            view=str(angles.view[i]) if len(angles.view) else "",
            facing=float(angles.facing[i]) if len(angles.facing) else 0.0,
            xy_px=seq.xy_px[i],
            visibility=seq.visibility[i],
        )


class TaskResult(Protocol):
    """What an exercise or gait analyser returns: a summary part merged into summary.json (top level) and tables
    written as CSV beside it (file name -> (header, rows))."""

    def summary(self) -> dict: ...

    def tables(self) -> dict[str, tuple[list[str], list[list]]]: ...

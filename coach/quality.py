"""How much to trust a clip: whether the whole file could be read, frames with the person, frames with the body cut
by the picture edge, visibility, others in view; each problem becomes a plain-words warning with what to do about
it, and a clip that ends early has its left/right comparisons withheld."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.config import landmark_trust
from coach.exercises import SPECS, ExerciseResult
from coach.exercises.result import side_findings
from coach.landmarks import BODY
from coach.people import PeopleReport
from coach.picture_edge import outside_picture
from coach.types import PoseSequence, TaskResult, VideoInfo

#: Frames (and frame periods of time) a file may fall short of its container's promise and still count as whole:
#: a container's count and duration can differ from what decodes by a frame or two (edit lists, a last frame
#: without a duration); every clip of the labelled corpus decodes exactly its promised count.
MISSING_FRAMES_TOLERATED = 2


@dataclass(frozen=True)
class Completeness:
    """How much of what the container promised could be read: frames decoded, frames expected (0 when the container
    does not say) and seconds promised and read, and whether the file ends early (short in frames and in time).
    Frames are those posed, one every `stride` decoded frames (summary.json's video.pose_stride)."""

    frames_decoded: int
    frames_expected: int
    duration_s: float
    read_s: float
    ends_early: bool
    stride: int = 1

    @property
    def fraction(self) -> float:
        """Share of the promised frames that could be read (1 when nothing was promised)."""
        return min(1.0, self.frames_decoded / self.frames_expected) if self.frames_expected else 1.0

    def to_dict(self) -> dict:
        """summary.json's video fields: complete (None when the container promised no length), frames decoded and
        expected, fraction read, seconds read."""
        known = self.frames_expected > 0
        return {
            "complete": not self.ends_early if known else None,
            "frames_decoded": self.frames_decoded,
            "frames_expected": self.frames_expected if known else None,
            "fraction_read": round(self.fraction, 3) if known else None,
            "duration_read_s": round(self.read_s, 3),
        }

    @classmethod
    def from_video(cls, video: dict) -> Completeness:
        """Back from summary.json's video part (a report rebuilt from a results folder)."""
        expected = int(video.get("frames_expected") or 0)
        decoded = int(video.get("frames_decoded", video.get("frames_analysed", expected)) or 0)
        duration = float(video.get("duration_s") or 0.0)
        read_s = video.get("duration_read_s")
        if read_s is None:  # a summary written before the field: the share of frames read
            read_s = duration * min(1.0, decoded / expected) if expected else duration
        return cls(
            decoded,
            expected,
            duration,
            float(read_s),
            video.get("complete") is False,
            int(video.get("pose_stride") or 1),
        )

    def message(self) -> str:
        """The plain-words warning of a file that ends early."""
        return (
            f"the file ends early: {self.frames_decoded} of {self.frames_expected} frames ({self.fraction:.0%}) "
            f"could be read, the first {self.read_s:.1f} s of {self.duration_s:.1f} s; export or copy the clip "
            "again"
        )

    def seconds_text(self) -> str:
        """The clip's length, '11.9 s', or '4.8 of 11.9 s' when the file ends early."""
        return (f"{self.read_s:.1f} of " if self.ends_early else "") + f"{self.duration_s:.1f} s"

    def frames_text(self) -> str:
        """'352 frames', '141 of 352 frames' when the file ends early, '200 frames (1 in 2 of the clip's)' when one
        frame in `stride` was posed."""
        whole = f"{self.frames_decoded}" + (f" of {self.frames_expected}" if self.ends_early else "") + " frames"
        return whole + (f" (1 in {self.stride} of the clip's)" if self.stride > 1 else "")


def completeness(info: VideoInfo, t_s: np.ndarray, stride: int = 1) -> Completeness:
    """Compare the frames posed (their times, s from the first; one every `stride` decoded frames) with the
    container's frame count and duration, counted in posed frames: a 60 fps clip posed every 2nd frame promises half
    its frames."""
    frame_s = stride / info.fps if info.fps > 0 else 0.0
    expected = -(-info.n_frames // stride)
    read_s = float(t_s[-1]) + frame_s if len(t_s) else 0.0
    short_frames = expected - len(t_s) > MISSING_FRAMES_TOLERATED
    short_time = info.duration_s <= 0 or info.duration_s - read_s > MISSING_FRAMES_TOLERATED * frame_s
    ends_early = expected > 0 and short_frames and short_time
    return Completeness(len(t_s), expected, info.duration_s, read_s, ends_early, stride)


def withhold_side_comparisons(summary: dict, result: TaskResult | None, reason: str) -> dict:
    """The summary with the findings and verdicts that compare the left and right sides (they need the whole set)
    replaced by one finding that says why; counts and per-side measurements stay."""
    note = f"left/right comparison withheld: {reason}, so one side may have been cut off more than the other"
    out = dict(summary)
    if isinstance(result, ExerciseResult) and result.reps:
        spec = SPECS.get(result.exercise)
        sided = set(side_findings(list(result.reps), spec)) if spec else set()
        out["findings"] = [f for f in summary.get("findings", []) if f not in sided] + [note]
    gait = summary.get("gait")
    if isinstance(gait, dict):
        symmetry = {m: d | {"verdict": "withheld"} for m, d in (gait.get("symmetry") or {}).items()}
        out["gait"] = gait | {"verdict": "withheld", "symmetry": symmetry, "findings": [note]}
    return out


def out_of_frame_fraction(seq: PoseSequence) -> np.ndarray:
    """(T,) bool: frames where a body landmark (shoulders to ankles) lies outside the picture or on its edge."""
    if not len(seq):
        return np.zeros(0, bool)
    xy = seq.xy_px[:, list(BODY)]
    return outside_picture(xy, seq.width, seq.height).any(axis=1) & seq.found


def clip_warnings(seq: PoseSequence, people: PeopleReport, read: Completeness, decode_error: str | None) -> list[str]:
    """Plain-words warnings about the clip, each saying what to do."""
    warnings = []
    if read.ends_early:
        warnings.append(read.message())
    elif decode_error:
        warnings.append(
            f"the video is damaged: decoding stopped with an error after {read.frames_decoded} frames "
            f"({decode_error}); results cover the decoded frames. Export or copy the clip again."
        )
    if people.max_people > 1:
        warnings.append(
            f"{people.max_people} people were in view in {people.others_fraction:.0%} of frames; coach "
            "followed the one doing the movement. Film the patient alone for the best results."
        )
    found = people.found_fraction
    if 0 < found < 0.8:
        warnings.append(
            f"the person was found in only {found:.0%} of frames; keep the whole body in view and well lit."
        )
    cut = out_of_frame_fraction(seq)
    if cut.any() and cut.mean() > 0.05:
        warnings.append(
            f"part of the body was outside the picture in {cut.mean():.0%} of frames; step back or "
            "move the camera so head to feet are in view."
        )
    vis = seq.visibility[:, list(BODY)][seq.found] if len(seq) else np.zeros((0, len(BODY)))
    if len(vis) and float(np.median(vis)) < landmark_trust().dim_visibility:
        warnings.append(
            f"the body landmarks were hard to see (median visibility {float(np.median(vis)):.2f}); use "
            "more light and clothes that contrast with the background."
        )
    return warnings

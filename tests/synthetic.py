"""A synthetic landmark sequence (coach.simulate) through everything after pose estimation, as a clip of one person
filmed at 30 fps: the video facts and the people report such a clip has, made in one place for every test."""

from __future__ import annotations

from coach.analysis import Analysis, Settings, analyze_poses
from coach.people import PeopleReport
from coach.types import PoseSequence, VideoInfo

#: One person, found in every frame, standing.
ONE_PERSON = PeopleReport(max_people=1, others_fraction=0.0, n_tracks=1, found_fraction=1.0, lying_fraction=0.0)


def clip_info(seq: PoseSequence, name: str = "clip.mp4") -> VideoInfo:
    """The video facts of a 30 fps clip that holds exactly the sequence's frames."""
    return VideoInfo(name, seq.width, seq.height, 30.0, float(seq.t_s[-1]), len(seq))


def analyse(seq: PoseSequence, settings: Settings, name: str = "clip.mp4") -> Analysis:
    """The sequence analysed under `settings` as a clip of one person (clip_info, ONE_PERSON)."""
    return analyze_poses(clip_info(seq, name), seq, ONE_PERSON, settings)

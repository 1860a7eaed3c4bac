"""Labelled clips changed the way the next patient's clip may differ (mirrored, smaller, cropped, compressed, filmed by
a leaning camera), made by ffmpeg at test time and posed for real: the picture variants of the invariance tests."""

from __future__ import annotations

import hashlib
import os
import subprocess
from functools import cache
from pathlib import Path

import numpy as np

from coach.analysis import Settings
from coach.landmarks import LEG, SIDES
from coach.people import PoseRun
from coach.posecache import cached_pose_run
from coach.simulate.handheld import followed_x
from coach.types import PoseSequence, VideoInfo
from tests.corpus.conftest import CORPUS, POSE_CACHE, corpus_run

#: How far (deg) the tilted variants turn the picture: a phone leaning on a shelf or a chair by a few degrees, as
#: clips filmed at home are (the joint angles coach measures are angles between body segments, which a turn of the
#: camera does not change; the levels it reads against the vertical move by this much).
TILT_DEG = 8
#: ffmpeg video filters and encoder settings of each picture transform (single-threaded, bit-exact: the same bytes on
#: every run, so the pose cache finds them).
PICTURES = {
    "mirrored": ["-vf", "hflip"],
    "360p": ["-vf", "scale=-2:360"],
    "cropped": ["-vf", "crop=trunc(iw*0.9/2)*2:trunc(ih*0.9/2)*2"],
    "low_bitrate": [],  # the rate is set per clip (low_bitrate_args)
    # a phone propped up at home leans: the picture turned TILT_DEG either way, its corners filled black
    "tilted_cw": ["-vf", f"rotate={TILT_DEG}*PI/180:fillcolor=black"],
    "tilted_ccw": ["-vf", f"rotate=-{TILT_DEG}*PI/180:fillcolor=black"],
}
#: "Low bitrate": 0.03 bits per pixel and frame, about what messaging apps send (~0.8 Mbit/s for 720p at 30 fps).
LOW_BPP = 0.03


def low_bitrate_args(info: VideoInfo) -> list[str]:
    """ffmpeg rate control for LOW_BPP at the clip's stored size and frame rate."""
    kbps = int(LOW_BPP * info.width * info.height * info.fps / 1000)
    return ["-b:v", f"{kbps}k", "-maxrate", f"{kbps}k", "-bufsize", f"{2 * kbps}k"]


#: The picture cut at the followed person's mid-shin, feet out of view, as a webcam on a desk or a phone propped too
#: close films (not one of PICTURES: a leg the pose model then cannot read may lose reps, and must be named).
FEET_CUT = "feet_cut"


def feet_cut_args(raw: PoseSequence) -> list[str]:
    """ffmpeg crop keeping the picture above the person's mid-shin: halfway between the median knee and ankle
    heights of both legs over the clip (its stored picture is turned upright by ffmpeg first, as coach turns it)."""
    legs = [LEG[s][j] for s in SIDES for j in ("knee", "ankle")]
    knee, ankle = (np.nanmedian(raw.xy_px[:, legs[i::2], 1]) for i in (0, 1))
    share = (knee + ankle) / 2 / raw.height
    return ["-vf", f"crop=iw:trunc(ih*{share:.3f}/2)*2:0:0"]


#: Filmed by a phone turned to follow the walker, as a therapist films a hallway walk: a window PAN_SHARE of the
#: picture wide whose centre follows the person's pelvis a hand's PAN_LAG_S behind (the floor then crosses the
#: picture at about the walking speed), cut from the picture at the size coach poses it, so that the person is as
#: many pixels tall as in the clip itself and the pan is the only change.
PANNED = "panned"
PAN_SHARE = 0.6
PAN_LAG_S = 0.5
#: The pan's path is given to ffmpeg as straight pieces between knots this far apart (s).
PAN_KNOT_S = 0.25


def pan_path(raw: PoseSequence) -> tuple[np.ndarray, np.ndarray]:
    """(knot times s, window centre as a share of the picture's width) of the follow pan of a clip: the pelvis
    followed with a hand's lag of PAN_LAG_S (coach.simulate.handheld.followed_x), sampled every PAN_KNOT_S."""
    knots = np.arange(raw.t_s[0], raw.t_s[-1] + PAN_KNOT_S, PAN_KNOT_S)
    return knots, followed_x(raw, knots, PAN_LAG_S) / raw.width


def pan_x_px(raw: PoseSequence, t_s: np.ndarray, width: float) -> np.ndarray:
    """The pan window's left edge (px of a picture `width` wide) at times t_s, as panned_args has ffmpeg place it."""
    knots, centre = pan_path(raw)
    crop = np.trunc(width * PAN_SHARE / 2) * 2
    return np.clip(np.trunc(width * np.interp(t_s, knots, centre) - crop / 2), 0, width - crop)


def panned_args(raw: PoseSequence) -> list[str]:
    """ffmpeg scale to the posed size and crop of the follow pan (pan_path): x a sum of straight pieces between the
    knots, held after the last."""
    knots, centre = pan_path(raw)
    pieces = [
        f"gte(t,{a:.3f})*lt(t,{b:.3f})*({c:.5f}+{(d - c) / (b - a):.5f}*(t-{a:.3f}))"
        for a, b, c, d in zip(knots, knots[1:], centre, centre[1:])
    ]
    share = "+".join([*pieces, f"gte(t,{knots[-1]:.3f})*{centre[-1]:.5f}"])
    crop = f"crop=trunc(iw*{PAN_SHARE}/2)*2:ih:'clip(trunc(iw*({share})-ow/2),0,iw-ow)':0:exact=1"
    return ["-vf", f"scale={raw.width}:{raw.height},{crop}"]


def picture_args(name: str, picture: str) -> list[str]:
    """The ffmpeg filter or rate control of a picture transform of a corpus clip."""
    if picture == FEET_CUT:
        return feet_cut_args(corpus_run(name).raw)
    if picture == PANNED:
        return panned_args(corpus_run(name).raw)
    return PICTURES[picture] or low_bitrate_args(corpus_run(name).info)


@cache
def derived_clip(name: str, picture: str) -> Path:
    """The corpus clip transformed by ffmpeg (picture_args), made once: it lives in the pose cache's folder (named
    by its ffmpeg arguments), never in the repository."""
    folder = Path(POSE_CACHE) / "derived"
    folder.mkdir(parents=True, exist_ok=True)
    args = [
        *picture_args(name, picture),
        "-an",
        "-fps_mode",  # every frame at its own time, as in the clip (ffmpeg would make a variable rate constant)
        "passthrough",
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-pix_fmt",
        "yuv420p",
        "-threads",
        "1",
        "-map_metadata",
        "-1",
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
    ]
    out = folder / f"{Path(name).stem}-{picture}-{hashlib.sha256(' '.join(args).encode()).hexdigest()[:8]}.mp4"
    if not out.is_file():
        tmp = folder / f"{out.stem}.{os.getpid()}.tmp.mp4"  # one per process: two test runs may make it at once
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(CORPUS / name), *args, str(tmp)], check=True)
        tmp.replace(out)
    return out


def derived_run(name: str, picture: str, settings: Settings = Settings()) -> PoseRun:
    """Real pose on a derived clip (derived_clip) at the rate `settings`' task needs (every frame with the defaults),
    kept like any corpus clip's."""
    return cached_pose_run(derived_clip(name, picture), settings, POSE_CACHE)

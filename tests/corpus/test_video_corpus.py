"""The corpus's stored-landscape phone clips (display matrix -90 and +90, written by a newer ffmpeg than Debian's)
come out upright, as ffmpeg shows them."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from coach.video import VideoSource
from tests.corpus.conftest import CORPUS
from tests.test_video import ffmpeg_first_frame


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed (apt-get install ffmpeg)")
@pytest.mark.parametrize("name", ["march_phone_rotated_a.mp4", "march_phone_rotated_b.mp4"])
def test_phone_clips_come_out_as_ffmpeg_shows_them(name):
    reference = ffmpeg_first_frame(CORPUS / name)
    got = next(VideoSource(CORPUS / name, max_side=None).frames()).rgb
    assert got.shape == reference.shape
    assert np.abs(got.astype(int) - reference).mean() < 3

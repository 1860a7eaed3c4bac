"""Video source: timestamps from the container, rotation metadata, downscaling, frame iterables, damaged files."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
from make_clips import remux, truncate, write_audio_only, write_synthetic

from coach.quality import completeness
from coach.types import Frame
from coach.video import VideoError, VideoSource, iter_frames, mp4_index_missing, prefetch, probe

SAMPLE = Path(__file__).parents[1] / "sample_videos" / "pose2sim_balance_cam04.mp4"


def test_timestamps_are_container_seconds(tmp_path):
    clip = write_synthetic(tmp_path / "a.mp4", n=45, fps=15.0)
    frames = list(VideoSource(clip).frames())
    assert len(frames) == 45
    np.testing.assert_allclose([f.t_s for f in frames], np.arange(45) / 15.0, atol=1e-3)
    info = probe(clip)
    assert (info.width, info.height, info.n_frames) == (320, 240, 45)
    assert info.fps == pytest.approx(15.0)
    assert info.duration_s == pytest.approx(3.0, abs=0.07)


def test_variable_frame_rate_keeps_real_times(tmp_path):
    from coach.video import VideoSink

    times = [0.0, 0.03, 0.1, 0.5, 0.52, 1.4]
    with VideoSink(tmp_path / "vfr.mp4", 64, 48, 30) as sink:
        for t in times:
            sink.write(np.zeros((48, 64, 3), np.uint8), t)
    got = [f.t_s for f in VideoSource(tmp_path / "vfr.mp4").frames()]
    np.testing.assert_allclose(got, times, atol=1e-3)


def ffmpeg_first_frame(clip: Path, ffmpeg: str = "ffmpeg") -> np.ndarray:
    """The first frame as ffmpeg shows it (its own auto-rotation from the display matrix, like players and phones),
    read back from the PNG it writes."""
    png = subprocess.run(
        [ffmpeg, "-v", "error", "-i", str(clip), "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "-"],
        capture_output=True,
        check=True,
    ).stdout
    with av.open(io.BytesIO(png), "r", format="png_pipe") as c:
        return next(c.decode(video=0)).to_ndarray(format="rgb24")


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed (apt-get install ffmpeg)")
@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_rotated_clip_comes_out_as_ffmpeg_shows_it(tmp_path, rotate):
    """A clip whose display matrix says to turn it (ffmpeg writes the matrix: rotation 0, +90, -180 and -90) comes
    out as ffmpeg itself shows it, pixel for pixel: the reference is outside coach, not a fixture built with coach's
    own belief about the matrix."""
    clip = tmp_path / f"rotate{rotate}.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-i",
            str(SAMPLE),
            "-frames:v",
            "3",
            "-c",
            "copy",
            "-metadata:s:v",
            f"rotate={rotate}",
            str(clip),
        ],
        check=True,
    )
    reference = ffmpeg_first_frame(clip)
    info = probe(clip)
    assert (info.height, info.width) == reference.shape[:2]
    got = next(VideoSource(clip, max_side=None).frames()).rgb
    assert got.shape == reference.shape
    assert np.abs(got.astype(int) - reference).mean() < 3


@pytest.mark.parametrize("hflip, vflip", [(True, False), (False, True), (True, True)])
@pytest.mark.parametrize("rotate", [0, 90, 180, -90])
def test_mirrored_display_matrix_comes_out_as_ffmpeg_shows_it(tmp_path, rotate, hflip, vflip):
    """A display matrix that also mirrors the picture (front cameras, editors) comes out as a recent ffmpeg shows it,
    pixel for pixel. Debian 12's ffmpeg 5.1 ignores the mirror, so the reference is the ffmpeg 9 that the
    imageio-ffmpeg wheel ships: it writes the matrix (-display_rotation/-display_hflip/-display_vflip) and shows it."""
    ffmpeg = pytest.importorskip("imageio_ffmpeg", reason="the test extra installs imageio-ffmpeg").get_ffmpeg_exe()
    clip = tmp_path / "mirrored.mp4"
    flips = (["-display_hflip"] if hflip else []) + (["-display_vflip"] if vflip else [])
    subprocess.run(
        [
            ffmpeg,
            "-v",
            "error",
            "-y",
            "-display_rotation",
            str(rotate),
            *flips,
            "-i",
            str(SAMPLE),
            "-frames:v",
            "3",
            "-c",
            "copy",
            str(clip),
        ],
        check=True,
    )
    reference = ffmpeg_first_frame(clip, ffmpeg)
    info = probe(clip)
    assert info.mirrored == (hflip != vflip)  # both flips together are a half turn
    got = next(VideoSource(clip, max_side=None).frames()).rgb
    assert got.shape == reference.shape
    assert np.abs(got.astype(int) - reference).mean() < 3


def test_large_frames_are_downscaled_once(tmp_path):
    clip = write_synthetic(tmp_path / "big.mp4", n=3, size=(1920, 1080))
    src = VideoSource(clip, max_side=480)
    f = next(src.frames())
    assert f.rgb.shape == (270, 480, 3)
    assert src.info.width == 1920  # facts stay those of the source


def test_iter_frames_accepts_arrays_pairs_and_frames():
    img = np.zeros((10, 12, 3), np.uint8)
    assert [f.t_s for f in iter_frames([img, img], fps=10)] == [0.0, 0.1]
    assert [f.t_s for f in iter_frames([(0.5, img), (0.75, img)])] == [0.5, 0.75]
    frames = [Frame(0, 0.0, img)]
    assert list(iter_frames(frames)) == frames


def test_prefetch_keeps_order_and_reraises():
    def gen():
        yield from range(20)
        raise RuntimeError("decoder broke")

    got = []
    with pytest.raises(RuntimeError, match="decoder broke"):
        for x in prefetch(gen(), depth=3):
            got.append(x)
    assert got == list(range(20))


def _file(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.mp4", "no such file"),
        (lambda d: _file(d / "empty.mp4", b""), r"empty \(0 bytes\)"),
        (lambda d: _file(d / "notes.mp4", b"hello, not a video\n"), "not a video file"),
        (lambda d: write_audio_only(d / "sound.mp4"), "audio only"),
        (lambda d: d, "is a folder"),
    ],
)
def test_unreadable_inputs_raise_a_clear_error(tmp_path, make, message):
    with pytest.raises(VideoError, match=message):
        probe(make(tmp_path))


def test_truncated_clip_decodes_what_it_can_and_says_so(tmp_path):
    """A real clip cut at 40% with its index first: the first frames decode, and comparing them with the container's
    promise says the file ends early (the whole re-muxed clip does not)."""
    whole = remux(SAMPLE, tmp_path / "whole.mp4", index_first=True)
    cut = truncate(whole, tmp_path / "cut.mp4", 0.4)
    src = VideoSource(cut)
    times = np.array([f.t_s for f in src.frames()])
    assert src.info.n_frames == 100 and 10 < len(times) < 60
    read = completeness(src.info, times)
    assert read.ends_early and read.frames_decoded == len(times) and read.frames_expected == 100
    assert read.message().startswith(f"the file ends early: {len(times)} of 100 frames ({len(times)}%) could be read")
    source = VideoSource(whole)
    assert not completeness(source.info, np.array([f.t_s for f in source.frames()])).ends_early


def _ffprobe(clip: Path, *args: str) -> str:
    """What ffprobe prints for `args` (one value, no headers)."""
    cmd = ["ffprobe", "-v", "error", *args, "-of", "csv=p=0", str(clip)]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed (apt-get install ffmpeg)")
def test_a_webm_that_does_not_say_its_length_is_measured_from_its_packets(tmp_path):
    """A WebM written as a browser's MediaRecorder writes it (ffmpeg's live WebM: neither the length nor the frame
    count in its header) gets both from its packets, as ffprobe counts them, and reads as complete (it said "0.0 s"
    and could not tell whether it was whole)."""
    src = write_synthetic(tmp_path / "a.mp4", n=45, fps=15.0)
    webm = tmp_path / "recorded.webm"
    vp9 = ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-f", "webm", "-live", "1"]
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(src), *vp9, str(webm)], check=True)
    assert _ffprobe(webm, "-show_entries", "format=duration") == "N/A"  # the header does not say
    packets = int(_ffprobe(webm, "-count_packets", "-show_entries", "stream=nb_read_packets"))
    info = probe(webm)
    assert info.n_frames == packets == 45
    assert info.duration_s == pytest.approx(3.0, abs=0.07) and info.fps == pytest.approx(15.0, abs=0.5)
    read = completeness(info, np.array([f.t_s for f in VideoSource(webm).frames()]))
    assert read.frames_expected == 45 and not read.ends_early


def test_clip_cut_before_its_index_is_incomplete(tmp_path):
    """A camera writes the index after the pictures: a copy cut off before it cannot be read at all, and the
    message says the file is incomplete, not that it is no video."""
    whole = remux(SAMPLE, tmp_path / "whole.mp4", index_first=False)
    assert not mp4_index_missing(whole)
    cut = truncate(whole, tmp_path / "cut.mp4", 0.4)
    assert mp4_index_missing(cut)
    with pytest.raises(VideoError, match=re.escape("the file is incomplete (cut off while copying?)")):
        probe(cut)

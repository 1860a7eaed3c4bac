"""Writers of the review outputs into a staging folder (see coach.outputs.commit.commit_outputs): report.html,
report.pdf, landmarks_px.trc, angles.mot and annotated.mp4, for the CLI, the batch and the web app alike."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from coach.outputs.commit import OutputSkipped, Writer
from coach.report.data import ReportData

REPORT_HTML = "report.html"
REPORT_PDF = "report.pdf"
TRC = "landmarks_px.trc"
MOT = "angles.mot"
VIDEO = "annotated.mp4"
#: Every file the review writers may write.
REVIEW_FILES = (REPORT_HTML, REPORT_PDF, TRC, MOT, VIDEO)


@dataclass(frozen=True)
class ReviewOptions:
    """Which review outputs to write: annotated video (decodes and encodes the clip again: the slow part), face blur
    in it, the PDF, the OpenSim TRC/MOT."""

    video: bool = True
    blur_face: bool = False
    pdf: bool = True
    opensim: bool = True


def review_writers(
    data: ReportData, source: str | Path | None, options: ReviewOptions = ReviewOptions()
) -> list[Writer]:
    """Writers for the review outputs; the video needs the source clip (skipped when `source` is None)."""
    from coach.report.html import render_html

    @cache
    def html_text() -> str:
        """The report HTML, rendered once for both the page and the PDF; with the clip at hand, the best and worst
        rep's stills."""
        from coach.report.stills import rep_stills

        stills = rep_stills(source, data) if source is not None and Path(source).is_file() else []
        return render_html(data, stills=stills)

    def report(d: Path) -> None:
        """report.html"""
        (d / REPORT_HTML).write_text(html_text(), encoding="utf-8")

    def pdf(d: Path) -> None:
        """report.pdf"""
        from coach.report.pdf import html_to_pdf

        html_to_pdf(html_text(), d / REPORT_PDF)

    def opensim(d: Path) -> None:
        """angles.mot and landmarks_px.trc"""
        from coach.report.opensim import write_mot, write_trc

        write_mot(d / MOT, data.angles)
        if data.poses is not None:
            write_trc(d / TRC, data.poses)

    writers: list[Writer] = [report]
    if options.pdf:
        writers.append(pdf)
    if options.opensim:
        writers.append(opensim)
    if options.video and source is not None and (data.poses is not None or data.raw is not None):
        writers.append(_video_writer(source, data, options.blur_face))
    return writers


def _video_writer(source: str | Path, data: ReportData, blur_face: bool) -> Writer:
    """The writer of annotated.mp4, drawn on the source clip."""

    def video(d: Path) -> None:
        """annotated.mp4; when the clip has gone meanwhile (moved or deleted), only this file is skipped."""
        from coach.report.annotate import write_annotated_video
        from coach.video import VideoError

        try:
            write_annotated_video(source, data, d / VIDEO, blur_face=blur_face)
        except (VideoError, OSError) as e:
            if Path(source).is_file():
                raise
            (d / VIDEO).unlink(missing_ok=True)
            raise OutputSkipped(
                f"{VIDEO} was not drawn: the clip {source} was moved or deleted while the results "
                "were written; the other results are kept (draw it later with `coach report "
                "FOLDER --video CLIP`)"
            ) from e

    return video

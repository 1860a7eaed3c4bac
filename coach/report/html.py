"""The review report as one self-contained HTML file: styles inline, plots as inline SVG data URIs, no script, no
web font, no external request (a Content-Security-Policy forbids any), so it opens offline and prints the same."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from coach import DISCLAIMER, SCHEMA_VERSION, __version__
from coach.numbers import cell_text
from coach.quality import Completeness
from coach.report.data import ReportData
from coach.report.patient import PatientDetails
from coach.report.plots import report_figures
from coach.report.svg import to_svg
from coach.report.tables import confidence_notes, report_tables
from coach.report.words import (
    camera_advice,
    rules_text,
    score_explained,
    score_text,
    summary_sentences,
    task_text,
    view_text,
)

#: Files written beside the report (named in its footer).
SIDE_FILES = "summary.json, frames.csv, task tables (reps.csv / strides.csv / events.csv), landmarks_px.trc, angles.mot"


def _cls(v) -> str:
    """CSS class of a cell: text is left-aligned, verdicts are coloured (symmetric / asymmetric)."""
    if not isinstance(v, str):
        return ""
    return "text " + v if "symmetric" in v else "text"


def _svg_uri(svg: str) -> str:
    """An SVG document as a base64 data: URI (inline image, no file, no request)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def frame_rate_text(fps: float, stride: int) -> str:
    """'60 fps', or '60 fps, posed 30 a second' when one frame in `stride` was posed."""
    return f"{float(fps):.0f} fps" + (f", posed {float(fps) / stride:.0f} a second" if stride > 1 else "")


def running_line(clip: str, patient: PatientDetails, report_date: str) -> str:
    """The line printed at the foot of every PDF page (patient when given, clip, date filmed when given, report
    date), so that a printed page filed on its own still says whose it is."""
    parts = [patient.patient.strip(), clip]
    parts += [f"filmed {patient.date_filmed}" if patient.date_filmed else "", f"report {report_date}"]
    return " · ".join(p for p in parts if p)


def render_html(data: ReportData, date: datetime | None = None, stills: list | None = None) -> str:
    """The whole report as an HTML string; `stills` (coach.report.stills.Still) of the best and worst rep when the
    clip was at hand."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("coach.report", "templates"), autoescape=select_autoescape(["html", "j2"]))
    env.filters["cell"] = cell_text
    env.filters["cls"] = _cls
    s = data.summary
    video = s.video
    patient = PatientDetails.from_summary(s.patient)
    report_date = (date or datetime.now(UTC)).strftime("%Y-%m-%d")
    return env.get_template("report.html.j2").render(
        clip=data.clip_name,
        date=report_date,
        running=running_line(data.clip_name, patient, report_date),
        task=task_text(s),
        view=view_text(s),
        duration=f"{Completeness.from_video(video.to_dict()).seconds_text()}, {video.width}x{video.height} px, "
        f"{frame_rate_text(video.fps, video.pose_stride or 1)}",
        advice=camera_advice(data.task),
        score=score_text(s),
        score_note=score_explained(s),
        patient=patient.facts(),
        summary=summary_sentences(data),
        tables=report_tables(data),
        figures=[(f.key, f.title, _svg_uri(to_svg(f)), f.note) for f in report_figures(data)],
        notes=confidence_notes(data),
        stills=stills or [],
        disclaimer=s.disclaimer or DISCLAIMER,
        version=s.coach_version or __version__,
        schema=s.schema_version or SCHEMA_VERSION,
        rules=rules_text(s),
        files=SIDE_FILES,
    )

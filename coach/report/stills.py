"""Key-frame stills for the report: the best and the worst rep (by score) at their peak, with the skeleton, the
angle arcs and the counters drawn as in the annotated video, as PNG data URIs (the report stays one file)."""

from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass
from pathlib import Path

from coach.draw import annotate, default_annotators
from coach.report.data import ReportData, or_nan
from coach.summary import RepSummary

#: Width (px) of a still in the report: two side by side fill the A4 text width at print resolution.
STILL_WIDTH_PX = 480


@dataclass(frozen=True)
class Still:
    """A titled picture: caption and its PNG as a data: URI."""

    caption: str
    uri: str


def _score(numbered: tuple[int, RepSummary]) -> float:
    """A rep's score as a float (NaN when missing)."""
    return or_nan(numbered[1].score)


def chosen_reps(data: ReportData) -> list[tuple[str, int, RepSummary]]:
    """('best', number, rep) and ('worst', number, rep) by score, numbered per side as the tables number them; one
    rep, or reps all scored the same, give just one still; none without scored reps. Reps seen whole come first: a
    rep marked uncertain (it crossed a gap in the landmarks) is shown only when no other was scored, since its peak
    frame may not show the body."""
    reps = sorted(data.reps(), key=lambda r: or_nan(r.start_s))
    count: dict[str, int] = {}
    numbered = []
    for r in reps:
        count[r.side] = count.get(r.side, 0) + 1
        numbered.append((count[r.side], r))
    scored = [n for n in numbered if math.isfinite(_score(n)) and n[1].peak_s is not None]
    scored = [n for n in scored if not n[1].uncertain] or scored
    if not scored:
        return []
    best, worst = max(scored, key=_score), min(scored, key=_score)
    return [("best", *best)] + ([("worst", *worst)] if _score(worst) < _score(best) else [])


def _png_uri(rgb) -> str:
    """An RGB array as a PNG data: URI, scaled to STILL_WIDTH_PX wide."""
    from PIL import Image

    img = Image.fromarray(rgb)
    img = img.resize((STILL_WIDTH_PX, max(1, round(img.height * STILL_WIDTH_PX / img.width))))
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def rep_stills(source: str | Path, data: ReportData) -> list[Still]:
    """The stills of chosen_reps, drawn on the analysed frames nearest their peaks (one pass over the clip, stopping
    after the last peak)."""
    from coach.report.annotate import OverlayTimeline, analysed_frames

    chosen = chosen_reps(data)
    seq = data.drawn
    if not chosen or seq is None or not seq.width:
        return []
    src = analysed_frames(source, data)
    timeline = OverlayTimeline(data)
    wanted = {i: or_nan(r.peak_s) for i, (_, _, r) in enumerate(chosen)}
    frames: dict[int, object] = {}
    previous = None
    for frame in src.frames():
        for i, t in wanted.items():
            if i not in frames and frame.t_s >= t:
                near = previous if previous is not None and t - previous.t_s < frame.t_s - t else frame
                scale = frame.rgb.shape[1] / seq.width
                frames[i] = annotate(near.rgb, timeline.state(near.t_s, scale), default_annotators())
        if len(frames) == len(wanted):
            break
        previous = frame
    return [
        Still(
            f"{which.capitalize()} rep: {r.side} {number}, score {_score((number, r)):.0f}, peak "
            f"{or_nan(r.peak_deg):.0f} deg at {or_nan(r.peak_s):.1f} s",
            _png_uri(frames[i]),
        )
        for i, (which, number, r) in enumerate(chosen)
        if i in frames
    ]

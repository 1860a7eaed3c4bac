"""Static plots for reports: a FigureSpec drawn with matplotlib (object API, no pyplot state) as self-contained SVG.

Text is stored as paths, so the SVG needs no font and renders the same in a browser and in the PDF.
"""

from __future__ import annotations

import io

import numpy as np

from coach.report.plots import FigureSpec


def _c(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """matplotlib colour (0-1 floats) of an RGB colour."""
    r, g, b = rgb
    return r / 255.0, g / 255.0, b / 255.0


def to_svg(spec: FigureSpec, width_in: float = 7.5, height_in: float = 3.0) -> str:
    """The figure as an SVG document (str)."""
    buf = io.StringIO()
    figure(spec, width_in, height_in).savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def figure(spec: FigureSpec, width_in: float = 7.5, height_in: float = 3.0):
    """The figure drawn with matplotlib (a Figure); its legend sits outside the plot, on the right, so it never
    covers a bar or a line."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), layout="constrained")
    ax = fig.add_subplot()
    for s in spec.shades:
        ax.axvspan(s.x0, s.x1, color=_c(s.rgb), alpha=0.12, lw=0)
        ax.text(
            (s.x0 + s.x1) / 2,
            1.0,
            s.label,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=6,
            color=_c(s.rgb),
        )
    for m in spec.marks:
        ax.axvline(m.x, color=_c(m.rgb), lw=0.8, ls="--" if m.dash else "-", alpha=0.7)
    for line in spec.lines:
        if line.lo is not None and line.hi is not None:
            ax.fill_between(line.x, line.lo, line.hi, color=_c(line.rgb), alpha=0.2, lw=0)
        ax.plot(line.x, line.y, color=_c(line.rgb), lw=1.6, ls="--" if line.dash else "-", label=line.name)
    if spec.bars:
        width = 0.8 / len(spec.bars)
        for k, b in enumerate(spec.bars):
            x = np.arange(len(b.categories)) + (k - (len(spec.bars) - 1) / 2) * width
            ax.bar(x + 1, b.values, width, color=_c(b.rgb), label=b.name)
        ax.set_xticks(np.arange(1, max(len(b.categories) for b in spec.bars) + 1))
    ax.set_title(spec.title, fontsize=10, pad=12 if spec.shades else 6)
    ax.set_xlabel(spec.x_label, fontsize=8)
    ax.set_ylabel(spec.y_label, fontsize=8)
    ax.tick_params(labelsize=7)
    ax.grid(alpha=0.3, lw=0.5)
    if spec.lines or spec.bars:
        fig.legend(fontsize=7, loc="outside right upper", frameon=False)
    return fig

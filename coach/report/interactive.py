"""Interactive plots for the web app: a FigureSpec drawn as a Plotly figure (zoom, hover values)."""

from __future__ import annotations

import numpy as np

from coach.report.plots import FigureSpec


def _rgba(rgb: tuple[int, int, int], alpha: float = 1.0) -> str:
    """CSS rgba() text of an RGB colour."""
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha})"


def to_plotly(spec: FigureSpec):
    """The figure as a plotly.graph_objects.Figure."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for s in spec.shades:
        fig.add_vrect(
            x0=s.x0,
            x1=s.x1,
            fillcolor=_rgba(s.rgb, 0.12),
            line_width=0,
            annotation_text=s.label,
            annotation_position="top left",
            annotation_font_size=9,
        )
    for m in spec.marks:
        fig.add_vline(x=m.x, line_color=_rgba(m.rgb, 0.7), line_dash="dash" if m.dash else "solid", line_width=1)
    for line in spec.lines:
        if line.lo is not None and line.hi is not None:
            fig.add_trace(
                go.Scatter(
                    x=np.concatenate([line.x, line.x[::-1]]),
                    y=np.concatenate([line.hi, line.lo[::-1]]),
                    fill="toself",
                    fillcolor=_rgba(line.rgb, 0.2),
                    line_width=0,
                    hoverinfo="skip",
                    showlegend=False,
                    name=f"{line.name} band",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=line.x,
                y=line.y,
                mode="lines",
                name=line.name,
                line={"color": _rgba(line.rgb), "dash": "dash" if line.dash else "solid"},
            )
        )
    for b in spec.bars:
        fig.add_trace(go.Bar(x=b.categories, y=b.values, name=b.name, marker_color=_rgba(b.rgb)))
    fig.update_layout(
        title=spec.title,
        xaxis_title=spec.x_label,
        yaxis_title=spec.y_label,
        barmode="group",
        template="plotly_white",
        margin={"l": 50, "r": 20, "t": 50, "b": 40},
        hovermode="x unified",
    )
    return fig

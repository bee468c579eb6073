"""Charts as PNG images for people who would rather look than read (R8.4): matplotlib's object API with the Agg
canvas, drawn on one worker thread so the event loop keeps answering while a chart is drawn, and imported only
when the first chart is asked for (it adds a second to start-up)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO

DRAWER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")
"""One chart at a time: drawing is CPU-bound, two at once would only share the same core."""
COLOURS = ("#1f6fb2", "#e0a100", "#2e9e5b", "#c0392b")
WIDTH_INCHES, DPI = 8.0, 110


@dataclass(frozen=True)
class Panel:
    """One bar chart: `values` per label, horizontal bars for named groups, vertical for a distribution."""

    title: str
    labels: tuple[str, ...]
    values: tuple[int, ...]
    horizontal: bool = True
    percent: bool = True
    """Values are percents (0..100, axis fixed to 100) rather than counts."""


def height_of(panel: Panel) -> float:
    return 1.3 + 0.38 * len(panel.labels) if panel.horizontal else 3.2


def draw(panels: Sequence[Panel]) -> bytes:
    """The panels one under the other, as PNG bytes."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_INCHES, sum(height_of(p) for p in panels)), dpi=DPI, layout="constrained")
    axes = figure.subplots(len(panels), 1, squeeze=False, height_ratios=[height_of(p) for p in panels])
    for (ax,), panel, colour in zip(axes, panels, COLOURS, strict=False):
        ax.set_title(panel.title, loc="left", fontsize=12, fontweight="bold")
        ax.spines[["top", "right"]].set_visible(False)
        suffix = "%" if panel.percent else ""
        if panel.horizontal:
            positions = range(len(panel.labels))
            bars = ax.barh(positions, panel.values, color=colour)
            ax.set_yticks(positions, panel.labels)
            ax.invert_yaxis()
            if panel.percent:
                ax.set_xlim(0, 110)
        else:
            bars = ax.bar(panel.labels, panel.values, color=colour)
            ax.tick_params(axis="x", labelsize=8)
        ax.bar_label(bars, labels=[f"{v}{suffix}" for v in panel.values], padding=3, fontsize=9)
    out = BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


async def render(panels: Sequence[Panel]) -> bytes:
    """Draws off the event loop."""
    return await asyncio.get_running_loop().run_in_executor(DRAWER, draw, tuple(panels))

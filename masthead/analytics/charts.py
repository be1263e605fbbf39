"""Charts drawn on the server as SVG, from plain lists of numbers: no script, no library.

Each chart is an image with a name that says what it shows (``role="img"``,
an ``aria-label`` and a ``<title>``: the total, the highest value and where it
falls), so a reader who cannot see it loses nothing; its numbers are also in
the table beside it. Text and axes take the page's own colour
(``currentColor``); the marks are colours dark enough against white for
marks (3:1 and more), and the CSS gives lighter ones on the admin's dark theme.
Lengths are in the ``viewBox``'s units, so a chart fills its box at any width.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FIRST = "#00676a"  # teal: 6.5:1 on white
SECOND = "#9e3a00"  # rust: 6.6:1 on white
FONT = 'font-family="inherit" font-size="14"'


def nice_step(largest: float, ticks: int = 4) -> int:
    """An axis step of 1, 2 or 5 times a power of ten, so ``ticks`` steps reach ``largest``."""
    if largest <= 0:
        return 1
    power = 10 ** math.floor(math.log10(largest / ticks))
    for step in (1, 2, 5, 10):
        if largest / ticks <= step * power:
            return max(int(step * power), 1)
    return int(10 * power)  # pragma: no cover - the loop always returns


def axis_top(largest: float) -> tuple[int, int]:
    """The axis's top value and its number of steps (4 up to 5 steps; 0 to 4 when all are 0)."""
    step = nice_step(largest)
    count = max(math.ceil(largest / step), 1) if largest > 0 else 4
    return step * count, count


def number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def describe(title: str, values: Sequence[float], labels: Sequence[str], at: str = "at") -> str:
    """What the chart says, in words: its total and its highest point."""
    if not values or not any(values):
        return f"{title}: none in this range."
    top = max(range(len(values)), key=lambda n: values[n])
    most = f"the most, {number(values[top])}, {at} {labels[top]}"
    return f"{title}: {number(sum(values))} in all; {most}."


def _svg(width: int, height: int, label: str, body: list[str], css: str) -> SafeString:
    return mark_safe(
        f'<svg class="analytics-chart {css}" role="img" aria-label="{escape(label)}" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)}</title>{''.join(body)}</svg>"
    )


def _label_step(count: int, room: int = 10) -> int:
    return max(1, math.ceil(count / room))


def _y_axis(
    top: int, steps: int, left: int, plot_top: int, plot_bottom: int, right: int
) -> list[str]:
    parts = []
    for n in range(steps + 1):
        value = top * n / steps
        y = plot_bottom - (plot_bottom - plot_top) * n / steps
        parts.append(
            f'<path class="analytics-chart__grid" d="M{left} {y:.1f}H{right}" '
            f'stroke="currentColor" stroke-opacity="{0.6 if n == 0 else 0.18}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="currentColor" {FONT}>'
            f"{number(value)}</text>"
        )
    return parts


def column_chart(
    values: Sequence[float], labels: Sequence[str], *, title: str, at: str = "at", width: int = 720
) -> SafeString:
    """Upright columns, one per label (page views per hour, per day)."""
    height, left, right, top_margin, bottom = 244, 60, width - 10, 14, 212
    top, steps = axis_top(max(values, default=0))
    parts = _y_axis(top, steps, left, top_margin, bottom, right)
    slot = (right - left) / max(len(values), 1)
    step = _label_step(len(values))
    for n, value in enumerate(values):
        size = (bottom - top_margin) * value / top
        x = left + slot * n + slot * 0.15
        parts.append(
            f'<rect class="analytics-chart__first" x="{x:.1f}" y="{bottom - size:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{size:.1f}" fill="{FIRST}"/>'
        )
        if n % step == 0:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{bottom + 18}" text-anchor="middle" '
                f'fill="currentColor" {FONT}>{escape(labels[n])}</text>'
            )
    return _svg(width, height, describe(title, values, labels, at), parts, "analytics-chart--wide")


def line_chart(
    series: Sequence[tuple[str, Sequence[float]]],
    labels: Sequence[str],
    *,
    title: str,
    width: int = 720,
) -> SafeString:
    """One line per series over the same labels (page views and readers per day); a legend."""
    height, left, right, top_margin, bottom = 264, 60, width - 10, 36, 232
    top, steps = axis_top(max((v for _, values in series for v in values), default=0))
    parts = _y_axis(top, steps, left, top_margin, bottom, right)
    count = max((len(values) for _, values in series), default=0)
    gap = (right - left) / max(count - 1, 1)
    step = _label_step(count)
    for n, label in enumerate(labels):
        if n % step == 0:
            parts.append(
                f'<text x="{left + gap * n:.1f}" y="{bottom + 18}" text-anchor="middle" '
                f'fill="currentColor" {FONT}>{escape(label)}</text>'
            )
    words = []
    for index, (name, values) in enumerate(series):
        colour, css = (FIRST, "first") if index == 0 else (SECOND, "second")
        dash = "" if index == 0 else ' stroke-dasharray="7 4"'
        points = [
            (left + gap * n, bottom - (bottom - top_margin) * value / top)
            for n, value in enumerate(values)
        ]
        if len(points) == 1:
            points.append((right, points[0][1]))
        path = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points)
        parts.append(
            f'<path class="analytics-chart__line-{css}" d="{path}" fill="none" '
            f'stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        key_x = left + 8 + index * 150
        parts.append(
            f'<path class="analytics-chart__line-{css}" d="M{key_x} 14h28" stroke="{colour}" '
            f'stroke-width="2.5"{dash}/><text x="{key_x + 34}" y="18" fill="currentColor" '
            f"{FONT}>{escape(name)}</text>"
        )
        words.append(describe(name, values, labels, "on"))
    return _svg(width, height, f"{title}. " + " ".join(words), parts, "analytics-chart--wide")


def bar_chart(
    values: Sequence[float], labels: Sequence[str], *, title: str, width: int = 360
) -> SafeString:
    """Bars lying down, a label to the left of each (devices, kinds of reader)."""
    row, left, right, top_margin = 30, 96, width - 56, 6
    height = top_margin * 2 + row * max(len(values), 1)
    largest = max(values, default=0) or 1
    parts = [
        f'<path class="analytics-chart__grid" d="M{left} {top_margin}V{height - top_margin}" '
        f'stroke="currentColor" stroke-opacity="0.6"/>'
    ]
    for n, value in enumerate(values):
        y = top_margin + row * n
        size = (right - left) * value / largest
        parts.append(
            f'<text x="{left - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end" '
            f'fill="currentColor" {FONT}>{escape(labels[n])}</text>'
            f'<rect class="analytics-chart__first" x="{left}" y="{y + 5}" width="{size:.1f}" '
            f'height="{row - 10}" fill="{FIRST}"/>'
            f'<text x="{left + size + 6:.1f}" y="{y + row / 2 + 4:.1f}" fill="currentColor" '
            f"{FONT}>{number(value)}</text>"
        )
    return _svg(
        width, height, describe(title, values, labels, "for"), parts, "analytics-chart--bars"
    )


def sparkline(values: Sequence[float], *, title: str, width: int = 240) -> SafeString:
    """A small line with no axes (a story's page views per day), its highest point marked."""
    height, pad = 40, 3
    largest = max(values, default=0) or 1
    gap = (width - pad * 2) / max(len(values) - 1, 1)
    points = [
        (pad + gap * n, height - pad - (height - pad * 2) * value / largest)
        for n, value in enumerate(values)
    ] or [(pad, height - pad)]
    path = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points)
    top = max(range(len(points)), key=lambda n: values[n]) if values else 0
    parts = [
        f'<path d="M{pad} {height - pad}H{width - pad}" stroke="currentColor" '
        f'stroke-opacity="0.3"/>',
        f'<path class="analytics-chart__line-first" d="{path}" fill="none" stroke="{FIRST}" '
        f'stroke-width="2"/>',
        f'<circle class="analytics-chart__first" cx="{points[top][0]:.1f}" '
        f'cy="{points[top][1]:.1f}" r="3" fill="{FIRST}"/>',
    ]
    label = describe(title, values, [f"day {n + 1}" for n in range(len(values))], "on")
    return _svg(width, height, label, parts, "analytics-chart--spark")

"""The dashboards' charts as inline SVG drawn on the server (issue 18): no
script, nothing to load, readable on a phone (the drawing scales to the
width it has; labels sit on their own line above the bars) and by a
screen reader (``role="img"``, a title, a description, each bar's value in
its own ``<title>``). The geometry is rules/charts.py's."""

from html import escape
from qlvbdh_policy.rules import charts

# one colour per series, distinguishable for the common colour blindnesses
COLOURS = ("#1f6fb2", "#e07b00", "#6a6a6a")
OVERDUE_COLOURS = ("#c62828", "#8a8a8a")  # overdue red, in hand grey
TEXT = "#212529"
LEGEND_LINE = 20


def _a(value):
    return escape(str(value), quote=True)


def _legend(names, colours):
    """One line per series: no guess at how wide a name is drawn."""
    return "".join(
        f'<rect x="0" y="{4 + LEGEND_LINE * number}" width="14" height="14" '
        f'fill="{colours[number]}"></rect>'
        f'<text x="20" y="{16 + LEGEND_LINE * number}" font-size="14" '
        f'fill="{TEXT}">{_a(name)}</text>'
        for number, name in enumerate(names))


def _legend_height(names):
    return LEGEND_LINE * len(names) + 8


def _bar(bar, names, show, label, colours):
    text = f"{label}: {names[bar.series]} {show(bar.value)}"
    return (f'<rect class="chart-bar series-{bar.series}" x="{bar.x}" y="{bar.y}" '
            f'width="{bar.width}" height="{bar.height}" fill="{colours[bar.series]}" '
            f'data-value="{_a(bar.value)}"><title>{_a(text)}</title></rect>')


def _open(chart_id, layout, title, description, names):
    height = layout.height + _legend_height(names)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="qlvbdh-chart" id="{_a(chart_id)}" '
            f'viewBox="0 0 {layout.width} {height}" width="100%" role="img" '
            f'preserveAspectRatio="xMinYMin meet" font-family="sans-serif" '
            f'aria-labelledby="{_a(chart_id)}-title {_a(chart_id)}-desc">'
            f'<title id="{_a(chart_id)}-title">{_a(title)}</title>'
            f'<desc id="{_a(chart_id)}-desc">{_a(description)}</desc>')


def bar_rows(chart_id, title, description, items, names, show=str, scale=None,
             colours=COLOURS):
    """Horizontal bars, a row per item: ``items`` [(label, [value per
    series])], ``names`` the series' names, ``show`` writes a value."""
    layout = charts.rows(items, series=len(names), scale=scale)
    parts = [_open(chart_id, layout, title, description, names), _legend(names, colours),
             f'<g transform="translate(0 {_legend_height(names)})">']
    parts += [f'<text class="chart-label" x="{label.x}" y="{label.y}" font-size="15" '
              f'font-weight="600" fill="{TEXT}">{_a(label.text)}</text>'
              for label in layout.labels]
    for bar in layout.bars:
        parts.append(_bar(bar, names, show, layout.labels[bar.row].text, colours))
        parts.append(f'<text x="{bar.text_x}" y="{bar.text_y}" font-size="13" '
                     f'fill="{TEXT}">{_a(show(bar.value))}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def bar_columns(chart_id, title, description, items, names, show=str, colours=COLOURS):
    """Vertical bars, a group per item (a month): ``items`` [(label,
    [value per series])]."""
    layout = charts.columns(items, series=len(names))
    parts = [_open(chart_id, layout, title, description, names), _legend(names, colours),
             f'<g transform="translate(0 {_legend_height(names)})">']
    for y, value in layout.ticks:
        parts.append(f'<line x1="{32}" y1="{y}" x2="{layout.width}" y2="{y}" '
                     f'stroke="#d0d0d0" stroke-width="1"></line>'
                     f'<text x="28" y="{y + 4}" font-size="11" text-anchor="end" '
                     f'fill="{TEXT}">{_a(show(value))}</text>')
    parts += [f'<text class="chart-label" x="{label.x}" y="{label.y}" font-size="12" '
              f'text-anchor="middle" fill="{TEXT}">{_a(label.text)}</text>'
              for label in layout.labels]
    for bar in layout.bars:
        parts.append(_bar(bar, names, show, layout.labels[bar.row].text, colours))
        if bar.value:
            parts.append(f'<text x="{bar.text_x}" y="{bar.text_y}" font-size="11" '
                         f'text-anchor="middle" fill="{TEXT}">{_a(show(bar.value))}</text>')
    parts.append("</g></svg>")
    return "".join(parts)

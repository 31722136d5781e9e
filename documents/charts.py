"""Chart.js settings for a bar chart drawn beside a table (static/js/dashboards.js draws any
`<canvas data-chart>` from the JSON it names): the figures drawn are the table's figures."""

SERIES_COLOURS = ["#003a70", "#0a7bbd", "#7b3294", "#1b7837", "#e08214", "#b2182b", "#8c8c8c"]


def bar_chart(labels, series: list[tuple[str, list, str]], *, stacked=True, horizontal=False) -> dict:
    return {
        "type": "bar",
        "data": {
            "labels": labels,
            "datasets": [
                {"label": name, "data": values, "backgroundColor": colour} for name, values, colour in series
            ],
        },
        "options": {
            "indexAxis": "y" if horizontal else "x",
            "responsive": True,
            "scales": {"x": {"stacked": stacked}, "y": {"stacked": stacked, "beginAtZero": True}},
        },
    }

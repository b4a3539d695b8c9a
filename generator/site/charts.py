"""Bar charts drawn as SVG at build time (no charting script), and registrations from the git history.

Each chart is an accessible image (`role="img"`, `<title>`, `<desc>` with every value) that the page
shows with alt text and a data table beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.i18n.catalogs import _
from generator.site.render import Renderer

WIDTH = 640
ROW = 22
TOP = 8
LABEL_CHARS = 42  # longer labels are shortened in the image; the table beside it has them in full
CHAR_WIDTH = 7.4  # 12px Verdana (the widest font the chart names), per character on average


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    short_label: str
    y: float
    width: float


@dataclass(frozen=True)
class Chart:
    slug: str  # file name under stats/
    title: str  # in the page's language, as the unit
    unit: str  # what is counted, e.g. "member organisations"
    bars: tuple[Bar, ...]
    label_width: float
    height: int

    @property
    def path(self) -> str:
        return f"stats/{self.slug}.svg"

    @property
    def description(self) -> str:
        if not self.bars:
            return _("{title}: no data yet.").format(title=self.title)
        values = "; ".join(f"{b.label}: {b.value}" for b in self.bars)
        return _("{title}, in {unit}. {values}.").format(title=self.title, unit=self.unit, values=values)

    @property
    def total(self) -> int:
        return sum(b.value for b in self.bars)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(slug: str, title: str, unit: str, values: Iterable[tuple[str, int]]) -> Chart:
    rows = list(values)
    label_width = min(LABEL_CHARS, max((len(_short(label)) for label, _ in rows), default=4)) * CHAR_WIDTH + 12
    room = WIDTH - label_width - 56  # the value is written after the bar
    top = max((v for _, v in rows), default=0) or 1
    bars = tuple(Bar(label, value, _short(label), TOP + n * ROW, round(room * value / top, 1))
                 for n, (label, value) in enumerate(rows))
    return Chart(slug, title, unit, bars, round(label_width, 1), TOP * 2 + ROW * max(len(rows), 1))


def chart_svg(renderer: Renderer, chart: Chart) -> str:
    return renderer.render("chart.svg.j2", chart=chart, width=WIDTH, row=ROW)


def registrations_by_month(files: Iterable[str], added: Mapping[str, str]) -> list[tuple[str, int]]:
    """New coalitions per month (YYYY-MM), every month from the first to the last, gaps included."""
    months = Counter(added[f][:7] for f in files if added.get(f))
    if not months:
        return []
    first, last = min(months), max(months)
    year, month = int(first[:4]), int(first[5:])
    rows = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        rows.append((key, months.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return rows

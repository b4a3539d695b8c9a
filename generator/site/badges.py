"""The badges a coalition can show on its own website: its status and its criteria met, as SVG images and as
a JSON endpoint for shields.io. Its page shows both at their own size, so their text is the same size."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.objects import Coalition
from generator.site.open_data import json_file
from generator.site.render import Files, Renderer

STATUS_COLOURS = {"eligible": "#1a7f37", "forming": "#8a4b00", "shortlisted": "#0a58ca", "merged": "#57606a",
                  "archived": "#57606a"}
ALL_MET, SOME_MISSING = "#1a7f37", "#8a4b00"


def badge_width(text: str) -> int:
    # Verdana 11px: about 6.5 px per character plus padding — close enough for a badge.
    return int(len(text) * 6.5) + 12


@dataclass(frozen=True)
class Badge:
    label: str
    message: str
    colour: str

    @property
    def left(self) -> int:
        return badge_width(self.label)

    @property
    def right(self) -> int:
        return badge_width(self.message)

    @property
    def width(self) -> int:
        return self.left + self.right


def status_badge(coalition: Coalition) -> Badge:
    return Badge("ImPACT", coalition.status_label.lower(), STATUS_COLOURS[coalition.status])


def criteria_badge(coalition: Coalition) -> Badge:
    met, count = coalition.criteria_met, len(coalition.criteria)
    return Badge("ImPACT criteria", f"{met}/{count}", ALL_MET if met == count else SOME_MISSING)


def badge(renderer: Renderer, shown: Badge) -> str:
    return renderer.render("badge.svg.j2", label=shown.label, message=shown.message, colour=shown.colour,
                           left=shown.left, right=shown.right)


def coalition_badges(renderer: Renderer, coalition: Coalition) -> Files:
    status = status_badge(coalition)
    return {
        f"badges/{coalition.id}.svg": badge(renderer, status),
        f"badges/{coalition.id}-criteria.svg": badge(renderer, criteria_badge(coalition)),
        f"badges/{coalition.id}.json": json_file({"schemaVersion": 1, "label": status.label, "message": status.message,
                                                  "color": status.colour.lstrip("#")}),
    }

"""The badges a coalition can show on its own website: its status and its criteria met, as SVG images and as
a JSON endpoint for shields.io."""

from __future__ import annotations

from generator.model.objects import Coalition
from generator.site.open_data import json_file
from generator.site.render import Files, Renderer

STATUS_COLOURS = {"eligible": "#1a7f37", "forming": "#8a4b00", "shortlisted": "#0a58ca", "merged": "#57606a",
                  "archived": "#57606a"}
ALL_MET, SOME_MISSING = "#1a7f37", "#8a4b00"


def badge_width(text: str) -> int:
    # Verdana 11px: about 6.5 px per character plus padding — close enough for a badge.
    return int(len(text) * 6.5) + 12


def badge(renderer: Renderer, label: str, message: str, colour: str) -> str:
    left, right = badge_width(label), badge_width(message)
    return renderer.render("badge.svg.j2", label=label, message=message, colour=colour, left=left, right=right)


def coalition_badges(renderer: Renderer, coalition: Coalition) -> Files:
    status, colour = coalition.status_label.lower(), STATUS_COLOURS[coalition.status]
    met, count = coalition.criteria_met, len(coalition.criteria)
    return {
        f"badges/{coalition.id}.svg": badge(renderer, "ImPACT", status, colour),
        f"badges/{coalition.id}-criteria.svg": badge(renderer, "ImPACT criteria", f"{met}/{count}",
                                                     ALL_MET if met == count else SOME_MISSING),
        f"badges/{coalition.id}.json": json_file({"schemaVersion": 1, "label": "ImPACT", "message": status,
                                                  "color": colour.lstrip("#")}),
    }

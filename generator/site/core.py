"""The core pages: one page per coalition with its badges and open data, the home page, the directory, the
criteria, the FAQ, and the registry-wide open data. One page set (see pages.page_sets), with the coalitions'
own files beside it (rendered in runs by pages.all_files).
"""

from __future__ import annotations

from generator.insight.figures import figures
from generator.model.objects import Coalition, Registry
from generator.site.badges import coalition_badges, criteria_badge, status_badge
from generator.site.open_data import coalition_json, coalitions_csv, coalitions_json
from generator.site.render import Files, Renderer


def coalition_files(renderer: Renderer, coalition: Coalition) -> Files:
    """A coalition's page, and with the shared files its badges and its record (api/<id>.json)."""
    page = renderer.page("coalition.md.j2", c=coalition, badges=(status_badge(coalition), criteria_badge(coalition)))
    if not renderer.shared:
        return {f"coalitions/{coalition.id}.md": page}
    return {
        f"coalitions/{coalition.id}.md": page,
        **coalition_badges(renderer, coalition),
        f"api/{coalition.id}.json": coalition_json(coalition, renderer.site),
    }


def core_pages(renderer: Renderer, registry: Registry) -> Files:
    """Home, directory, criteria, FAQ and (shared by every language) the registry-wide open data."""
    context = {"registry": registry, "figures": figures(registry)}
    files: Files = {
        "index.md": renderer.page("home.md.j2", **context),
        "coalitions/index.md": renderer.page("directory.md.j2", **context),
        "criteria.md": renderer.page("criteria.md.j2", **context),
        "faq.md": renderer.page("faq.md.j2", **context),
    }
    if renderer.shared:
        files.update({"api/coalitions.json": coalitions_json(registry, renderer.site),
                      "api/coalitions.csv": coalitions_csv(registry)})
    return files

"""Every file of the generated site: the coalitions' own files (core.py) and the page sets beyond them.

A page set is a function of the renderer and the registry that returns a group of files: the core
pages (core.py), the Register page (register.py), the learning community's and maintainers' pages
(community.py). Add a group to `page_sets` to add pages; only this module imports the page sets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from generator import parallel
from generator.errors import ImpactError
from generator.model.objects import Coalition, Registry
from generator.site.community import community_pages
from generator.site.core import coalition_files, core_pages
from generator.site.open_data import schema_file
from generator.site.register import register_page
from generator.site.render import Files, Renderer

PageSet = Callable[[Renderer, Registry], Files]


def page_sets() -> tuple[PageSet, ...]:
    """Every group of generated files beyond the coalition pages. Add a group here to add pages."""
    return (core_pages, register_page, community_pages)


def all_files(renderer: Renderer, registry: Registry) -> Files:
    count = len(registry.coalitions)
    if not parallel.pays(count):
        return _merge(_coalitions_files(renderer, registry.coalitions), _registry_files(renderer, registry))
    # Forked workers render the page sets (each one long task, so first) and the coalitions in runs.
    renderer.env.get_template("coalition.md.j2")  # compiled here, inherited by the workers
    renderer.env.get_template("badge.svg.j2")
    tasks: list[Callable[[], Files]] = [partial(page_set, renderer, registry) for page_set in page_sets()]
    tasks += [partial(_coalitions_files, renderer, registry.coalitions[r.start:r.stop])
              for r in parallel.slices(count, parallel.workers() * 4)]
    files: Files = {}
    for part in parallel.forked(tasks):
        _merge(files, part)
    return _merge(files, _schema(renderer))


def _coalitions_files(renderer: Renderer, coalitions: Sequence[Coalition]) -> Files:
    files: Files = {}
    for coalition in coalitions:
        _merge(files, coalition_files(renderer, coalition))
    return files


def _registry_files(renderer: Renderer, registry: Registry) -> Files:
    files: Files = {}
    for page_set in page_sets():
        files.update(page_set(renderer, registry))
    files.update(_schema(renderer))
    return files


def _schema(renderer: Renderer) -> Files:
    return {"schema/coalition.schema.json": schema_file(renderer.schema, renderer.site)} if renderer.shared else {}


def _merge(files: Files, more: Files) -> Files:
    """Add `more` to `files`; two generated files with one name would silently lose one of them."""
    clash = files.keys() & more.keys()
    if clash:
        raise ImpactError(f"two generated files would have the same name: {', '.join(sorted(clash))} — a coalition "
                          "id takes an address of the site's own (the schema reserves such ids)")
    files.update(more)
    return files

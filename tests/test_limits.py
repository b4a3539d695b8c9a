"""Markdown costs time linear in the text (issue #12, item 5): the worst valid files validate and render fast,
and what would be slow or crash is refused with the field, the line and what to do.

Figures on the 2-core box: a description of 10,000 `[` took 23 s to render (a 243 KiB file of such fields
16 minutes to build); now every worst case below validates and renders a whole ≤ 256 KiB file in under
0.3 s. The bounds here are generous on purpose: they only catch a return of quadratic time.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from generator.registry.validate import validate
from generator.settings import make_settings
from generator.site.build import generate, site_config
from generator.site.render import render_markdown

from .support.registry import EXAMPLE

MAX_BYTES = 256 * 1024
HONEST = ("Our [report](https://report.example.org/2026) and [see [1]](https://example.org/notes) with `code [x](y)`"
          " and *emphasis*.")
HONEST_HTML = ('<p>Our <a href="https://report.example.org/2026" rel="nofollow noopener ugc">report</a> and '
               '<a href="https://example.org/notes" rel="nofollow noopener ugc">see [1]</a> with <code>code [x](y)'
               "</code> and <em>emphasis</em>.</p>")


def _blocks(unit: str, size: int, lines: int = 198) -> str:
    """`unit` repeated up to `size` characters, with a blank line before a block would pass `lines` lines."""
    out, run, length = [], 0, 0
    while length < size:
        if run + unit.count("\n") > lines:
            out.append("\n")
            run, length = 0, length + 1
        out.append(unit)
        run, length = run + unit.count("\n"), length + len(unit)
    return "".join(out)[:size].rstrip() + "\n"


WORST: dict[str, Callable[[int], str]] = {  # the slowest shapes found, each within the limits
    "brackets": lambda n: "[" * n,  # the case
    "bracket-lines": lambda n: _blocks("[\n", n),
    "link-openings": lambda n: "[x](" * (n // 4),
    "backticks": lambda n: "``a`" * (n // 4),
    "raw-html": lambda n: "<a " * (n // 3),
    "emphasis": lambda n: "*_" * (n // 2),
    "setext-headings": lambda n: _blocks("a\n=\n", n),
    "nested-lists": lambda n: _blocks("- " * 16 + "a\n", n),
    "nested-ordered": lambda n: _blocks("1. " * 16 + "a\n", n),
}


def _literal(text: str, indent: str) -> str:
    """A YAML literal block scalar (`|-`) holding `text`."""
    return "|-\n" + "".join(f"{indent}{line}\n" if line else "\n" for line in text.rstrip("\n").split("\n"))


def worst_file(shape: str) -> str:
    """A valid coalition file just under 256 KiB: the description and as many update bodies as fit, all `shape`."""
    make = WORST[shape]
    description, body = make(9999)[:9999], make(4999)[:4999]
    text = (EXAMPLE.read_text(encoding="utf-8").replace("id: example-ocean-futures", "id: example-worst-markdown")
            .replace("description: |\n  This entry is **fictional**. It shows every field a coalition can fill in.\n",
                     "description: " + _literal(description, "  ")))
    head, _, tail = text.partition("updates:\n")
    tail = tail[tail.index("contact:"):]
    update = "  - date: '2026-01-{day:02d}'\n    title: Update {n:03d}\n    body: " + _literal(body, "      ")
    size = len(update.format(day=1, n=0).encode())
    count = min(500, (MAX_BYTES - 512 - len((head + tail).encode())) // size)
    return head + "updates:\n" + "".join(update.format(day=1 + n % 28, n=n) for n in range(count)) + tail


def test_every_worst_field_renders_fast_and_keeps_honest_text() -> None:
    for shape, make in WORST.items():
        field = HONEST + "\n\n" + make(9999 - len(HONEST) - 2)
        started = time.perf_counter()
        html = str(render_markdown(field))
        elapsed = time.perf_counter() - started
        assert elapsed < 2, f"{shape}: {elapsed:.1f} s for one field"  # ≤ 0.2 s measured; brackets 23 s before
        assert html.startswith(HONEST_HTML), shape


def test_every_worst_file_validates_and_builds_its_files_fast(registry_root) -> None:  # type: ignore[no-untyped-def]
    render_markdown("warm-up")  # the first call builds the processors
    for shape in WORST:
        text = worst_file(shape)
        assert 200 * 1024 < len(text.encode()) <= MAX_BYTES, shape
        settings = make_settings(registry_root({"example-worst-markdown.yml": text}))
        getattr(render_markdown, "cache_clear", lambda: None)()  # every field rendered afresh
        started = time.perf_counter()
        report = validate(settings, similarity=False)
        assert report.ok, (shape, [p.message for p in report.problems if p.severity == "error"])
        files = generate(settings, report, site_config(settings))[1]  # every page, feed and data file
        elapsed = time.perf_counter() - started
        # About 0.5 s measured per file (validation, pages, hub, feeds, maintainers' page); 16 minutes before.
        assert elapsed < 20, f"{shape}: {elapsed:.1f} s to validate and generate"
        assert "coalitions/example-worst-markdown.md" in files


def test_nesting_too_deep_is_refused_and_never_crashes(registry_root) -> None:  # type: ignore[no-untyped-def]
    """4,900 nested list markers in one line (10 KB) raised RecursionError in Python-Markdown."""
    deep = "- " * 4900 + "a"
    html = str(render_markdown(deep))  # shown as plain text
    assert html == f"<p>{deep}</p>"
    entry = EXAMPLE.read_text(encoding="utf-8").replace(
        "  This entry is **fictional**. It shows every field a coalition can fill in.\n",
        f"  Fine first line.\n  {deep}\n")
    report = validate(make_settings(registry_root({"example-ocean-futures.yml": entry})), similarity=False)
    errors = [p for p in report.problems if p.severity == "error"]
    assert [(p.rule, p.pointer) for p in errors] == [("markdown-limits", "/description")]
    assert errors[0].message.startswith("description, line 2 of the text: it nests lists, quotes or indents 4900 "
                                        "levels deep; at most 16 are allowed")
    assert errors[0].line > 1


def test_a_block_of_too_many_lines_is_refused(registry_root) -> None:  # type: ignore[no-untyped-def]
    body = "".join(f"      line {i}\n" for i in range(201))
    entry = EXAMPLE.read_text(encoding="utf-8").replace("    body: The drafting group met in *Nairobi*.\n",
                                                        f"    body: |\n{body}")
    report = validate(make_settings(registry_root({"example-ocean-futures.yml": entry})), similarity=False)
    errors = [p for p in report.problems if p.severity == "error"]
    assert [(p.rule, p.pointer) for p in errors] == [("markdown-limits", "/updates/0/body")]
    assert "updates[0].body, line 201 of the text: more than 200 lines" in errors[0].message
    assert "blank lines" in errors[0].message
    fine = entry.replace("      line 100\n", "\n")  # one blank line splits the block: accepted
    assert validate(make_settings(registry_root({"example-ocean-futures.yml": fine})), similarity=False).ok
    # A line of other white space (U+3000) is no blank line for Markdown: it does not split a block.
    spaced = entry.replace("      line 100\n", "      \u3000\n")
    report = validate(make_settings(registry_root({"example-ocean-futures.yml": spaced})), similarity=False)
    assert [p.rule for p in report.problems if p.severity == "error"] == ["markdown-limits"]

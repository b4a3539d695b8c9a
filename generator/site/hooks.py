"""MkDocs hooks that `impact build` passes to its MkDocs build (never written into mkdocs.yml).

They save work the registry's site does not need, and the site comes out byte for byte the same:

- Every generated page is one raw HTML block, already escaped and cleaned by the renderer. Run
  through Python-Markdown, each would be parsed twice more by html.parser (MkDocs' anchor scan and
  Markdown's raw-HTML stash) only to come out unchanged: at 1,000 coalitions that was half of the
  MkDocs build. The HTML goes straight to the theme instead.
- The docs folder's other files (badges, open data, feeds: four per coalition) are hard-linked into
  the site instead of copied, which took a second at 1,000 coalitions. `impact build` never rewrites
  a docs file in place (write_tree replaces it), so a published site cannot change through a link.

The docs folder itself stays ordinary Markdown, so `zensical build` (or MkDocs without the hooks)
builds the same site, only slower. One hook also refuses: a page whose front matter MkDocs did not
read (so without the flag) stops the build instead of putting entry text through Markdown.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

from generator.i18n.languages import BY_CODE

PRE_RENDERED = "impact_prerendered"  # front matter flag written by Renderer.page
_ANCHOR = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]+)"')

# The theme's two toggles carry `autocomplete` on checkboxes, which HTML does not allow there (the Nu
# checker reports it on every page); no configuration removes it and the markup sits outside any
# template block, so the rendered pages are mended instead of overriding the theme's whole base template.
THEME_MARKUP_FIXES = (
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
)


# The theme writes each language's home page as the page's hreflang alternates; main.html writes the same page in
# each language instead (as the sitemap does), so the theme's are taken out.
_THEME_ALTERNATES = re.compile(r'\n\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')

_linked: list[Any] = []  # this build's docs files to link into the site once it is written


def on_files(files: Any, config: Any) -> Any:
    docs = config["docs_dir"]  # absolute, and the very string each docs file's src_dir holds
    _linked.clear()
    for file in list(files):
        if file.src_dir == docs and file.generated_by is None and file.abs_src_path \
                and not file.is_documentation_page():
            files.remove(file)
            _linked.append(file)
    return files


def on_post_build(config: Any) -> None:
    """Link the docs files in, below anything the theme or the pages wrote (MkDocs' own precedence)."""
    made: set[Path] = set()
    for file in _linked:
        target = Path(file.abs_dest_path)
        if os.path.lexists(target):
            continue
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        try:
            target.hardlink_to(file.abs_src_path)
        except OSError:  # another file system, or no hard links there
            shutil.copyfile(file.abs_src_path, target)
    _linked.clear()


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if page.meta.get(PRE_RENDERED) is not True:
        # Every page `impact build` writes carries the flag; one without it lost its front matter, and
        # Markdown would turn its entry text into links and images. `impact build` checked the files
        # before (front_matter.check_pages): this is the same rule where MkDocs reads them.
        from mkdocs.exceptions import PluginError

        raise PluginError(f"{page.file.src_uri}: MkDocs did not read `{PRE_RENDERED}: true` in its front matter")
    page.impact_html = markdown
    return ""


def on_page_content(html: str, page: Any, **_: Any) -> str:
    pre_rendered: str | None = getattr(page, "impact_html", None)
    if pre_rendered is None:
        return html
    del page.impact_html
    # What MkDocs' own scan would have found: ids other pages may link to with #anchor.
    page.present_anchor_ids = set(_ANCHOR.findall(pre_rendered))
    return pre_rendered.strip()


def mend(html: str, code: str = "en") -> str:
    """A page as the theme wrote it, mended: the markup fixes, the theme's hreflang links out, `<html lang dir>`."""
    for old, new in THEME_MARKUP_FIXES:
        html = html.replace(old, new)
    direction = BY_CODE[code].direction if code in BY_CODE else "ltr"
    # The theme writes the direction on <body> only; WCAG and Arabic readers want it on <html> too.
    theme_tag = f'<html lang="{code}" class="no-js">'
    html = html.replace(theme_tag, theme_tag.replace(" class=", f' dir="{direction}" class=', 1), 1)
    return _THEME_ALTERNATES.sub("", html)


def _language(config: Any) -> str:
    return str((config.get("theme") or {}).get("language") or "en")


def on_post_page(output: str, config: Any, **_: Any) -> str:
    return mend(output, _language(config))


_SITEMAP_URL = re.compile(r"(<loc>([^<]*)</loc>.*?)(\s*</url>)", re.S)
SITEMAP_NAMESPACES = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
                      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">')


def sitemap_with_alternates(sitemap: str, site_url: str, alternates: list[Any]) -> str:
    """Each page of the sitemap with its versions in every language (hreflang), as its head lists them."""
    def add(match: re.Match[str]) -> str:
        path = match.group(2).removeprefix(site_url)
        links = "".join(f'\n         <xhtml:link rel="alternate" hreflang="{alt["lang"]}" href="{alt["url"]}{path}"/>'
                        for alt in alternates)
        return match.group(1) + links + match.group(3)

    return _SITEMAP_URL.sub(add, sitemap).replace(*SITEMAP_NAMESPACES, 1)


def on_post_template(output_content: str, template_name: str, config: Any, **_: Any) -> str:
    alternates = (config.get("extra") or {}).get("alternate")
    if template_name == "sitemap.xml" and alternates:
        return sitemap_with_alternates(output_content, str(config["site_url"]), alternates)
    return mend(output_content, _language(config))

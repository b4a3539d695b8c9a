"""The renderer: the site templates in a Jinja environment, with the filters and labels they use.

Entry text is inert everywhere: plain-text fields are escaped by Jinja's autoescape, Markdown fields
are rendered here with no extension and cleaned with an allow-list (nh3), every output has its e-mail
addresses obfuscated, and every generated page keeps entry text inside one raw HTML block so MkDocs'
own Markdown never reads it. Pure: the page sets (pages.py) turn what it renders into files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup, escape

from generator.errors import ImpactError
from generator.i18n import catalogs, places, terms
from generator.i18n.languages import ENGLISH, Language, language, site_prefix
from generator.markdown import blocks as markdown_blocks
from generator.markdown.limits import bounded_markdown
from generator.markdown.sanitise import clean_html, obfuscate_email, redact_emails
from generator.model.objects import STATUS_LABELS
from generator.registry.criteria import CRITERIA, CriteriaSettings
from generator.site.front_matter import quoted
from generator.site.hooks import PRE_RENDERED

Files = dict[str, str | bytes]

_BLANK_LINES = re.compile(r"\n\s*\n")


_MARKDOWN = bounded_markdown()  # built once: building costs more than a field; linear in the text (issue #12)


@lru_cache(maxsize=4096)  # an update's body is shown on its page, on the hub and in the Atom feed: rendered once
def render_markdown(text: str) -> Markup:
    """Limited Markdown → sanitised HTML. No extensions, no images (no request to other hosts), no raw HTML,
    links only to absolute http(s) addresses (sanitise.py). Text beyond the Markdown limits (too many lines
    without a blank line, nesting too deep: the validator refuses it) is shown as plain paragraphs."""
    if markdown_blocks.excess(text) is None:
        html = _MARKDOWN.reset().convert(text)
        html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h4>").replace("</h2>", "</h4>")
    else:
        html = "".join(f"<p>{escape(part)}</p>" for part in _BLANK_LINES.split(text) if part.strip())
    # Raw HTML is removed tag by tag (markdown_limits.py): a block of it can leave an empty paragraph.
    clean = clean_html(html).replace("<p></p>", "")
    return Markup(_BLANK_LINES.sub("\n", clean))  # noqa: S704 — sanitised by nh3 in clean_html


def _finalize(value: object) -> object:
    """Applied by Jinja to every {{ … }} output."""
    if isinstance(value, Markup):
        return Markup(redact_emails(str(value)))  # noqa: S704 — already-safe HTML, only addresses rewritten
    if isinstance(value, str):
        return redact_emails(value)
    return value


@dataclass(frozen=True)
class Licence:
    id: str  # SPDX identifier, e.g. CC-BY-4.0
    name: str
    url: str  # absolute


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str  # absolute, ends with '/'; used in embed snippets and feeds
    repository: str  # https://github.com/owner/repo, for "edit this entry" links
    branch: str
    contact: str = ""  # the maintainers' e-mail address, shown only obfuscated
    code_licence: Licence | None = None  # the tool's code
    data_licence: Licence | None = None  # the registry's data: the pages and the open data


class Renderer:
    """The templates in one site language: its catalog for their messages, the glossary for the UN's terms.

    English (the site's root) also writes the files every language shares: badges, open data, feeds.
    """

    def __init__(self, templates: Path, site: SiteInfo, criteria_settings: CriteriaSettings,
                 schema: Mapping[str, Any], language_code: str = ENGLISH.code) -> None:
        if not templates.is_dir():
            raise ImpactError(f"the site templates folder {templates} is missing")
        self.site = site
        self.schema = schema
        self.criteria_settings = criteria_settings
        self.language: Language = language(catalogs.check_language(language_code))
        self.shared = self.language == ENGLISH  # this renderer writes the files all languages share
        self.env = Environment(loader=FileSystemLoader(str(templates)), autoescape=True, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                               finalize=_finalize, extensions=["jinja2.ext.i18n"])
        # The messages follow the active language (catalogs.use_language), set by render() to this one's.
        self.env.install_gettext_callables(catalogs._, catalogs.ngettext, newstyle=True,  # type: ignore[attr-defined]
                                           pgettext=catalogs.pgettext)
        self.env.filters.update(markdown=render_markdown, obfuscate_email=obfuscate_email,
                                quoted=lambda text: Markup(quoted(str(text))),  # noqa: S704 — a quoted scalar
                                labels=lambda values, table: [table.get(v, v) for v in values])
        code = self.language.code
        with catalogs.use_language(code):
            status_labels = {status: catalogs._(label) for status, label in STATUS_LABELS.items()}
        self.env.globals.update(
            site=site, lang=self.language, root="../" * site_prefix(code).count("/"),
            STATUS_LABELS=status_labels, THEME_LABELS=terms.labels("theme", code),
            REGION_LABELS=terms.labels("region", code), SECTOR_LABELS=terms.labels("sector", code),
            CONSTITUENCY_LABELS=terms.labels("constituency", code), PACT_LABELS=terms.labels("pact", code),
            SDG_LABELS={int(goal): label for goal, label in terms.labels("sdg", code).items()}, CRITERIA=CRITERIA,
            criteria_settings=criteria_settings, country_name=places.country_name)

    def render(self, template: str, **context: Any) -> str:
        try:
            with catalogs.use_language(self.language.code):
                text = self.env.get_template(template).render(**context)
        except TemplateError as exc:
            raise ImpactError(f"site template {template}: {exc}") from exc
        return text

    def page(self, template: str, **context: Any) -> str:
        """A Markdown page whose body is one raw HTML block (no blank lines inside it).

        The front matter flags it, so that `impact build` hands the HTML to the theme without running
        it through Markdown (hooks.py); templates write entry text into it with `|quoted`
        (front_matter.py), and `impact build` reads every page back before building (check_pages).
        """
        text = self.render(template, **context)
        head, sep, body = text.partition("\n---\n")
        if not head.startswith("---\n") or not sep:  # no front matter, no flag: refused, not built unflagged
            raise ImpactError(f"site template {template}: a page template starts with front matter "
                              "between two --- lines")
        body = _BLANK_LINES.sub("\n", body).strip()
        return f"{head}\n{PRE_RENDERED}: true{sep}{body}\n"

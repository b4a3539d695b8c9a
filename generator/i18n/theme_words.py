"""The site's own words in the theme's templates (overrides/404.html), in one language.

MkDocs renders those templates itself, with no gettext: each language's mkdocs.yml carries the words already
translated (extra.impact_words, written by site/languages.py while the language is active), and the template
falls back to the English below when they are missing (a mkdocs.yml written by hand, Zensical).
"""

from __future__ import annotations

from markupsafe import escape

from generator.i18n.catalogs import _


def theme_words(site_url: str) -> dict[str, str]:
    """The 404 page's heading and sentences in the active language; `site_url` is the language's own root."""
    home = str(escape(site_url))
    # HTML: the catalog's translation is trusted as the template's own text; only the addresses are filled in.
    links = _('<a href="{home}">Go to the home page</a> or <a href="{coalitions}">browse all coalitions</a>.')
    return {
        "not_found_title": _("Page not found"),
        "not_found_text": _("This page does not exist. Coalition pages keep their address for good, so the link may "
                            "contain a typing mistake."),
        "not_found_links": links.format(home=home, coalitions=f"{home}coalitions/"),
    }

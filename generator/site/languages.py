"""One language's mkdocs.yml: the theme's own translations, the translated navigation and titles, the language
selector and hreflang alternates that lead to the same page in every language, and the draft-translation note.

Each language is its own MkDocs build (Material translates its interface by `theme.language` for a whole
build): English at the site's root, the others in /<code>/ with the same paths.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape

from generator.i18n import catalogs
from generator.i18n.catalogs import N_
from generator.i18n.languages import ENGLISH, language, site_prefix
from generator.i18n.theme_words import theme_words

# The shipped mkdocs.yml's words, for the catalogs (a registry's own navigation titles stay as it writes them
# unless the catalogs have them).
SHIPPED_WORDS = (
    N_("ImPACT Coalitions Registry"), N_("Home"), N_("Coalitions"), N_("Criteria"), N_("FAQ"), N_("Register"),
    N_("Learning hub"), N_("Statistics"), N_("Maintainers"),
    N_("The open registry and learning community of the ImPACT Coalitions formed after the 2024 UN Civil Society "
       "Conference to push governance reforms toward and beyond the Pact for the Future."),
    N_("Registry data is open data. Entries are written by the coalitions themselves."),
)
REVIEW_HEADER = "x-native-review"  # a catalog's header: "none" until a native speaker has reviewed it


def reviewed(code: str) -> bool:
    """Whether a native speaker has reviewed the language's catalog (English is the original)."""
    if code == ENGLISH.code:
        return True
    return catalogs.translations(code).info().get(REVIEW_HEADER, "none").strip().casefold() not in {"", "none"}


def _words(value: Any) -> Any:
    return catalogs._(value) if isinstance(value, str) and value else value


def _nav(nav: Any) -> Any:
    """The navigation with its titles translated: [{title: page or [..]}, page, …] as mkdocs.yml writes it."""
    if isinstance(nav, list):
        return [_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {_words(title): _nav(item) for title, item in nav.items()}
    return nav


def draft_note(code: str, repository: str, branch: str) -> str:
    """The visible note on every page of a translation no native speaker has reviewed yet ('' otherwise)."""
    if reviewed(code):
        return ""
    guide = f"{repository}/blob/{branch}/CONTRIBUTING.md#translations" if repository else ""
    text = escape(catalogs._("This translation is a draft that no native speaker has reviewed yet."))
    if not guide:
        return str(text)
    link = escape(catalogs._("Help improve it"))
    return f'{text} <a href="{escape(guide)}" hreflang="en">{link}</a>.'


def language_config(resolved: dict[str, Any], code: str, languages: tuple[str, ...], site_url: str) -> dict[str, Any]:
    """mkdocs.yml for the language `code`, from the resolved English one."""
    config = dict(resolved)
    config["theme"] = {**config["theme"], "language": code}
    config["site_url"] = site_url + site_prefix(code)
    extra = dict(config.get("extra") or {})
    up = "../" * site_prefix(code).count("/")  # from this language's root to the site's
    if len(languages) > 1:
        extra["alternate"] = [{"name": language(other).name, "lang": other, "link": up + site_prefix(other),
                               "url": site_url + site_prefix(other)} for other in languages]
    with catalogs.use_language(code):
        for key in ("site_name", "site_description", "copyright"):
            if key in config:
                config[key] = _words(config[key])
        if "nav" in config:
            config["nav"] = _nav(config["nav"])
        extra["impact_words"] = theme_words(config["site_url"])  # the 404 page's words (MkDocs has no gettext)
        extra["impact_draft_note"] = draft_note(code, str(extra.get("repository") or "").rstrip("/"),
                                                str(extra.get("branch") or "main"))
    config["extra"] = extra
    return config

"""Country names in the site's languages: the registry's own English names (reference.py), CLDR's elsewhere.

Babel carries the Unicode CLDR's territory names for every language; the registry's country table is English
only. A code CLDR does not name keeps the English name, so a page never shows a bare code.
"""

from __future__ import annotations

from functools import cache

from generator import reference
from generator.i18n import catalogs
from generator.i18n.languages import ENGLISH


@cache
def _territories(code: str) -> dict[str, str]:
    try:
        from babel import Locale  # the site's set has it; the small set (validate, from-issue) may not
    except ImportError:
        return {}  # the English names, then
    return dict(Locale.parse(code).territories)


def country_name(country: str, code: str | None = None) -> str:
    """The name of the country `country` (ISO 3166 two-letter code) in the language `code` (default: the active one)."""
    code = code or catalogs.active()
    english = reference.countries()[country].name
    if code == ENGLISH.code:
        return english
    return _territories(code).get(country, english)

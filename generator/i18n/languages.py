"""The site's languages: the six official languages of the United Nations, English at the site's root."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # BCP 47, as in <html lang> and the site's folder (/fr/)
    name: str  # in the language itself, as the language selector shows it
    direction: str = "ltr"  # <html dir>


ENGLISH = Language("en", "English")
# The order of the UN's own language menus (Arabic, Chinese, English, French, Russian, Spanish).
LANGUAGES: tuple[Language, ...] = (
    Language("ar", "العربية", "rtl"),
    Language("zh", "中文"),
    ENGLISH,
    Language("fr", "Français"),
    Language("ru", "Русский"),
    Language("es", "Español"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
CODES = tuple(BY_CODE)
TRANSLATED = tuple(code for code in CODES if code != ENGLISH.code)  # the languages with a catalog


def language(code: str) -> Language:
    """The site language `code` names; KeyError for any other."""
    return BY_CODE[code]


def site_prefix(code: str) -> str:
    """The folder of a language's pages in the site: '' for English (the root), 'fr/' for French."""
    return "" if code == ENGLISH.code else f"{code}/"

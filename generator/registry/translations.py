"""A coalition's language and its own translations: what the schema cannot say about them.

    language: pt            # the file's texts are Portuguese (default: en)
    translations:
      en:                   # into one of the site's languages, never into pt itself
        name: Example Coalition for River Voices
        objectives: [...]   # all of them, in the same order

The schema checks the tag's shape and the translations' fields; this module compares them with each other
and with the entry's own texts. The site reads the same language rule (`same_language`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.i18n.catalogs import _, ngettext
from generator.i18n.languages import ENGLISH
from generator.problems import Problem
from generator.registry.load import Document

DEFAULT_LANGUAGE = ENGLISH.code  # the schema's default for `language`


def entry_language(data: Mapping[str, Any]) -> str:
    """The BCP 47 tag of an entry's own texts."""
    language = data.get("language")
    return language if isinstance(language, str) and language else DEFAULT_LANGUAGE


def same_language(tag: str, code: str) -> bool:
    """Whether a text tagged `tag` ('pt-BR', 'fr') is in the language `code` ('pt', 'fr'): tags compare by their
    language subtag, without case, so a French page reads fr-CA as French."""
    return tag.split("-", 1)[0].casefold() == code.split("-", 1)[0].casefold()


def _error(document: Document, rule: str, message: str, pointer: str) -> Problem:
    line, column = document.locate_key(pointer)
    return Problem("error", rule, message, document.file, pointer, line, column)


def translation_errors(document: Document) -> list[Problem]:
    """A translation into the entry's own language, and translated objectives that are not all of them.

    Defensive about types, as the other cross-field checks: it runs even when the schema fails."""
    data = document.data
    translations = data.get("translations")
    if not isinstance(translations, dict):
        return []
    language = entry_language(data)
    objectives = data.get("objectives")
    count = len(objectives) if isinstance(objectives, list) else 0
    problems: list[Problem] = []
    for code, translation in translations.items():
        pointer = f"/translations/{code}"
        if isinstance(code, str) and same_language(language, code):
            problems.append(_error(document, "translation-same-language", _(
                "translations.{code} translates the entry into its own language ({language}) — the name, summary "
                "and objectives are already in {language}: remove translations.{code}, or set language: to the "
                "language the file is really written in").format(code=code, language=language), pointer))
            continue
        translated = translation.get("objectives") if isinstance(translation, dict) else None
        if isinstance(translated, list) and len(translated) != count:
            problems.append(_error(document, "translation-objectives-count", ngettext(
                "translations.{code}.objectives has {translated} objective but objectives has {count} — translate "
                "every objective, in the same order, or leave translations.{code}.objectives out",
                "translations.{code}.objectives has {translated} objectives but objectives has {count} — translate "
                "every objective, in the same order, or leave translations.{code}.objectives out",
                len(translated)).format(code=code, translated=len(translated), count=count), f"{pointer}/objectives"))
    return problems

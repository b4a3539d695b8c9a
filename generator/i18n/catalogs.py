"""gettext catalogs (generator/locale/<code>/LC_MESSAGES/impact.po, compiled to .mo by `make i18n-compile`).

Messages are written in English in the code (`_("…")`, placeholders in braces filled by str.format) and in
the templates (Jinja's i18n extension, `_("… %(name)s", name=…)`). The active language is per process
(per context): the CLI sets it from --lang, the site build renders each language with its own catalog.
The stdlib reads the compiled catalogs, so validating needs no Babel; Babel extracts, updates and compiles.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from generator.errors import ImpactError
from generator.i18n.languages import CODES, ENGLISH

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "impact"

_active: ContextVar[str] = ContextVar("impact_language", default=ENGLISH.code)


def check_language(code: str) -> str:
    """`code` if it is one of the six site languages; otherwise an error that lists them."""
    if code not in CODES:
        raise ImpactError(f"unknown language '{code}': use one of {', '.join(CODES)}")
    return code


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The catalog of a site language (English: the messages as written)."""
    check_language(code)
    if code == ENGLISH.code:
        return gettext.NullTranslations()
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    except OSError as exc:
        raise ImpactError(f"the {code} catalog {path} cannot be read ({exc.strerror}): "
                          "run `make i18n-compile`") from exc


def active() -> str:
    return _active.get()


def set_language(code: str) -> None:
    """Make `code` the language of every message from now on (the CLI's --lang)."""
    translations(code)  # fails here, before any work, on an unknown code or a missing catalog
    _active.set(code)


@contextmanager
def use_language(code: str) -> Iterator[None]:
    """Messages in `code` inside the block (a report in the language its coalition file declares)."""
    translations(code)
    token = _active.set(code)
    try:
        yield
    finally:
        _active.reset(token)


def N_(message: str) -> str:
    """Mark `message` for the catalogs where it is defined; it is translated where it is shown."""
    return message


def _(message: str) -> str:
    """`message` in the active language."""
    return translations(_active.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count` in the active language (Arabic and Russian have several plurals)."""
    return translations(_active.get()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in the active language, told apart from the same English words meant otherwise."""
    return translations(_active.get()).pgettext(context, message)

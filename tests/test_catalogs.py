"""The translations' catalogs: complete, not fuzzy, the same placeholders as English, compiled as written, and
up to date with the messages in the code and the templates (issue #15, item 6)."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from generator.i18n.catalogs import DOMAIN, LOCALE_DIR
from generator.i18n.languages import TRANSLATED
from generator.site.languages import REVIEW_HEADER

CHECKOUT = Path(__file__).resolve().parent.parent
POT = LOCALE_DIR / f"{DOMAIN}.pot"
PYBABEL = str(Path(sys.executable).with_name("pybabel"))
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\([A-Za-z_][A-Za-z0-9_]*\)[sd]")


def catalog(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def forms(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def translations(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_the_template_holds_every_message_of_the_code_and_the_templates(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.pot"
    done = subprocess.run([PYBABEL, "extract", "--mapping-file", "babel.cfg", "--no-wrap", "-o", str(fresh), "."],
                          cwd=CHECKOUT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    extracted = {message.id for message in catalog(fresh) if message.id}
    committed = {message.id for message in catalog(POT) if message.id}
    assert len(extracted) > 10
    assert sorted(map(str, extracted - committed)) == [], "run `make i18n-update` and translate the new messages"
    assert sorted(map(str, committed - extracted)) == [], "run `make i18n-update`: the catalogs hold old messages"


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalog_translates_every_message_and_nothing_else(code: str) -> None:
    wanted = {message.id for message in catalog(POT) if message.id}
    translated = catalog(po_path(code))
    have = {message.id for message in translated if message.id}
    assert sorted(map(str, wanted - have)) == [], f"{code}: missing; run `make i18n-update`"
    assert sorted(map(str, have - wanted)) == [], f"{code}: obsolete; run `make i18n-update`"
    empty = [message.id for message in translated if message.id and not all(translations(message))]
    fuzzy = [message.id for message in translated if message.id and message.fuzzy]
    assert empty == [], f"{code}: untranslated"
    assert fuzzy == [], f"{code}: fuzzy (check the translation, then remove the fuzzy flag)"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_the_placeholders_of_the_english(code: str) -> None:
    wrong = []
    for message in catalog(po_path(code)):
        if not message.id:
            continue
        english = set().union(*(placeholders(form) for form in forms(message)))
        for text in translations(message):
            # A plural form may leave the number out ("one member"), never name another placeholder.
            if placeholders(text) - english or (not isinstance(message.id, tuple) and placeholders(text) != english):
                wrong.append((message.id, text))
    assert wrong == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalog_is_the_written_one(code: str) -> None:
    """The tool reads the .mo (the stdlib, no Babel): it must say what the .po says (`make i18n-compile`)."""
    with (po_path(code).with_suffix(".mo")).open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    for message in catalog(po_path(code)):
        if not message.id or not all(translations(message)):  # an empty entry fails the test above
            continue
        if isinstance(message.id, tuple):
            for n, text in enumerate(translations(message)):
                # A number that takes form n (French and Spanish have a form for exact millions).
                count = next(c for c in [*range(200), 10**6] if compiled.plural(c) == n)  # type: ignore[attr-defined]
                assert compiled.ngettext(message.id[0], message.id[1], count) == text, (code, message.id, n)
        else:
            key = f"{message.context}\x04{message.id}" if message.context else message.id
            assert compiled._catalog.get(key) == message.string, (code, message.id)  # type: ignore[attr-defined]


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalog_says_how_it_was_drafted_and_whether_a_native_speaker_reviewed_it(code: str) -> None:
    text = po_path(code).read_text(encoding="utf-8")
    header = text.split('msgid ""', 1)[0]
    assert "drafted by" in header and "CONTRIBUTING.md" in header and "review" in header
    review = re.search(rf'^"{REVIEW_HEADER}: ([^"\\]*)\\n"$', text, re.I | re.M)
    assert review is not None and review.group(1).strip()

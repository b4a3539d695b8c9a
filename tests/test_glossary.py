"""The glossary of UN terms in the six UN languages (generator/reference/glossary.csv, see GLOSSARY.md): it parses,
it covers exactly the registry's keys with the registry's English labels, every cell is filled, the columns are
not swapped (Arabic script in `ar`, CJK in `zh`, Cyrillic in `ru`), every row names its source, and a row marked
as checked against a UN text says where."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from generator import reference

GLOSSARY = Path(__file__).resolve().parents[1] / "generator" / "reference" / "glossary.csv"
HEADER = ["kind", "key", "en", "ar", "zh", "fr", "ru", "es", "source", "checked", "checked_against"]
KINDS = {"region", "constituency", "sdg", "pact", "theme", "sector", "term"}
PACT_NAMES = {
    "pact-for-the-future": "Pact for the Future",
    "global-digital-compact": "Global Digital Compact",
    "declaration-future-generations": "Declaration on Future Generations",
    "summit-of-the-future": "Summit of the Future",
}

ARABIC = re.compile(r"[\u0600-\u06FF]")
CJK = re.compile(r"[\u4E00-\u9FFF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")


@pytest.fixture(scope="module")
def table() -> tuple[list[str], list[dict[str, str]]]:
    with GLOSSARY.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def rows(table) -> list[dict[str, str]]:
    return table[1]


def _of(rows: list[dict[str, str]], kind: str) -> dict[str, dict[str, str]]:
    return {row["key"]: row for row in rows if row["kind"] == kind}


def _registry_labels() -> dict[str, dict[str, str]]:
    return {
        "region": dict(reference.REGION_LABELS),
        "constituency": dict(reference.constituency_labels()),
        "sdg": {str(goal): label for goal, label in reference.sdg_labels().items()},
        "pact": {**reference.pact_chapter_labels(), **PACT_NAMES},
        "theme": dict(reference.THEME_LABELS),
        "sector": dict(reference.SECTOR_LABELS),
    }


def test_header_is_exact(table):
    assert table[0] == HEADER


def test_file_is_utf8_without_bom():
    raw = GLOSSARY.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")


def test_every_row_has_every_cell_filled(rows):
    assert rows
    for row in rows:
        assert None not in row, f"extra cells in {row}"
        empty = [column for column in HEADER if not (row.get(column) or "").strip()]
        assert not empty, f"{row['kind']}/{row['key']}: empty {empty}"
        assert all(value == value.strip() for value in row.values()), f"{row['kind']}/{row['key']}: stray spaces"


def test_kinds_and_unique_keys(rows):
    assert {row["kind"] for row in rows} == KINDS
    pairs = [(row["kind"], row["key"]) for row in rows]
    assert len(pairs) == len(set(pairs)), "a kind/key pair is listed twice"


@pytest.mark.parametrize("kind", ["region", "constituency", "sdg", "pact", "theme", "sector"])
def test_keys_are_the_registrys(rows, kind):
    assert set(_of(rows, kind)) == set(_registry_labels()[kind])


def test_sdgs_are_one_to_seventeen(rows):
    assert set(_of(rows, "sdg")) == {str(goal) for goal in range(1, 18)}


def test_pact_chapters_are_those_of_pact_structure(rows):
    chapters = {key for key in _of(rows, "pact") if key not in PACT_NAMES}
    assert chapters == set(reference.pact_chapter_labels())
    assert {"I", "II", "III", "IV", "V", "annex-gdc", "annex-fg"} == chapters


@pytest.mark.parametrize("kind", ["region", "constituency", "sdg", "pact", "theme", "sector"])
def test_english_is_the_registrys_label(rows, kind):
    labels = _registry_labels()[kind]
    wrong = {key: (row["en"], labels[key]) for key, row in _of(rows, kind).items() if row["en"] != labels[key]}
    assert not wrong, f"en differs from the registry's label (glossary, registry): {wrong}"


def test_terms_used_by_the_engagement_plan_keep_their_labels(rows):
    terms = _of(rows, "term")
    assert terms["member-states"]["en"] == reference.ENGAGEMENT_LABELS["member_states"]
    assert terms["un-country-teams"]["en"] == reference.ENGAGEMENT_LABELS["un_country_teams"]
    assert {"member-states", "un-country-teams", "united-nations", "civil-society",
            "major-groups-other-stakeholders", "un-civil-society-conference"} <= set(terms)


def test_checked_is_yes_or_no_and_yes_says_where(rows):
    for row in rows:
        assert row["checked"] in {"yes", "no"}, f"{row['kind']}/{row['key']}: checked={row['checked']!r}"
        if row["checked"] == "yes":
            assert re.search(r"https://\S+", row["checked_against"]), f"{row['kind']}/{row['key']}: no address"


def test_registry_words_are_not_claimed_as_checked(rows):
    for row in rows:
        if row["source"] == "registry":
            assert row["checked"] == "no", f"{row['kind']}/{row['key']}: the registry's own words are not a UN text"


def test_columns_are_not_swapped(rows):
    for row in rows:
        where = f"{row['kind']}/{row['key']}"
        assert ARABIC.search(row["ar"]), f"{where}: ar has no Arabic script: {row['ar']!r}"
        assert CJK.search(row["zh"]), f"{where}: zh has no CJK characters: {row['zh']!r}"
        assert CYRILLIC.search(row["ru"]), f"{where}: ru has no Cyrillic: {row['ru']!r}"
        for column in ("en", "fr", "es"):
            assert LATIN_LETTER.search(row[column]), f"{where}: {column} has no Latin letters"
            assert not (ARABIC.search(row[column]) or CJK.search(row[column]) or CYRILLIC.search(row[column])), \
                f"{where}: {column} holds another script: {row[column]!r}"


def test_sources_name_a_un_document_or_the_registry(rows):
    for row in rows:
        source = row["source"]
        assert source == "registry" or re.search(r"A/RES/\d+", source), \
            f"{row['kind']}/{row['key']}: source names no A/RES/ symbol: {source!r}"


def test_themes_and_sectors_are_the_registrys_own_words(rows):
    for row in rows:
        if row["kind"] in {"theme", "sector"}:
            assert row["source"] == "registry"

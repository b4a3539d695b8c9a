"""api/coalitions.csv: every cell one cell for a strict reader, and no line of any cell a spreadsheet formula
(issue #12, item 4)."""

from __future__ import annotations

import csv
import dataclasses
import io
import re

import pytest

from generator.model.objects import Registry
from generator.registry.validate import validate
from generator.settings import make_settings
from generator.site.build import generate, site_config
from generator.site.open_data import coalitions_csv, csv_safe

from .support.registry import EXAMPLE

# Lines a spreadsheet could take for a formula: = + - @ and their full-width forms (after blanks), tab, CR.
FORMULA = re.compile("^(?:[ \u00a0\u3000]*[=+\\-@\uff1d\uff0b\uff0d\uff20]|[\t\r])")
PAYLOAD = "@SUM(1+1)*cmd|' /C calc'!A0"

MULTI_LINE_SUMMARY = (EXAMPLE.read_text(encoding="utf-8")
                      .replace("id: example-ocean-futures", "id: example-formula-lines")
                      .replace("summary: >-\n  A fictional coalition used in the registry's tests: it pushes for a "
                               "stronger voice of coastal\n  communities in global ocean governance.\n",
                               "summary: |-\n  Clean rivers for all.\n  =HYPERLINK(\"https://evil.example.org\")\n"
                               "   +1+1\n  -2+3\n  ＝1+1\n  ＠SUM(A1)\n"))


@pytest.fixture
def registry(registry_root) -> Registry:  # type: ignore[no-untyped-def]
    settings = make_settings(registry_root({"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8"),
                                            "example-formula-lines.yml": MULTI_LINE_SUMMARY}))
    report = validate(settings, similarity=False)
    assert report.ok, [p.message for p in report.problems if p.severity == "error"]
    return generate(settings, report, site_config(settings))[0]


def strict_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def assert_no_formula_line(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            for line in re.split("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]", cell):
                assert not FORMULA.match(line), (cell, line)


def test_a_multi_line_summary_is_one_cell_and_no_line_starts_a_formula(registry: Registry) -> None:
    text = coalitions_csv(registry)
    rows = strict_rows(text)
    assert len(rows) == 3 and {len(row) for row in rows} == {len(rows[0])}
    summary = next(row for row in rows if row[0] == "example-formula-lines")[rows[0].index("summary")]
    assert summary.splitlines() == ["Clean rivers for all.", "'=HYPERLINK(\"https://evil.example.org\")", "' +1+1",
                                    "'-2+3", "'＝1+1", "'＠SUM(A1)"]
    assert_no_formula_line(rows)
    # A reader that takes every physical line for a row sees no formula either.
    for line in text.splitlines():
        assert not FORMULA.match(line.lstrip('"')), line


def test_a_bare_carriage_return_is_quoted_and_neutralised(registry: Registry) -> None:
    """The loader now refuses CR, but the writer does not rely on it: a name with a bare CR stays one cell."""
    ocean = registry.coalitions[0]
    hostile = dataclasses.replace(ocean, name="Clean Rivers\r" + PAYLOAD, acronym="\r=1+1")
    text = coalitions_csv(dataclasses.replace(registry, coalitions=(hostile,)))
    rows = strict_rows(text)
    assert len(rows) == 2 and len(rows[1]) == len(rows[0])
    assert rows[1][rows[0].index("name")] == "Clean Rivers\r'" + PAYLOAD
    assert rows[1][rows[0].index("acronym")] == "'\r'=1+1"
    assert_no_formula_line(rows)
    for line in re.split("\r\n|\r|\n", text):  # a reader splitting rows at a bare CR
        assert not FORMULA.match(line.lstrip('"')), line


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("plain - text", "plain - text"), ("a\n@b\u2028+c", "a\n'@b\u2028'+c"),
    ("\tx", "'\tx"), ("  -1", "'  -1"), ("－1", "'－1"), (None, ""), (12, "12"),
])
def test_csv_safe_neutralises_every_line(value: object, expected: str) -> None:
    assert csv_safe(value) == expected

"""Issue #12: files that passed validation crashed the build. Each reproduction is now refused, with its line.

- `country: "KE\\n"` validated (jsonschema-rs refused, Python jsonschema found no error) and the build died;
- an event URL ending in a line break killed the calendar feed;
- an id `"earth-governance\\n"` in a file named with a line break made a second record;
- a milestone dated 9999-12-31 validated and overflowed the calendar;
- a carriage return in a one-line field reached the CSV; U+202E was refused in names but not in titles.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.errors import BuildRefused
from generator.registry.load import Document, load_text
from generator.registry.report import Report
from generator.registry.schemas import LINE_BREAKS, load_schema, schema_problems
from generator.registry.validate import validate
from generator.settings import make_settings
from generator.site.build import build_site

from .support.entries import put
from .support.hostile import base_entry, dump
from .support.registry import CHECKOUT, EXAMPLE, make_root

SCHEMA = json.loads((CHECKOUT / "schema" / "coalition.schema.json").read_text(encoding="utf-8"))
ONE_LINE = {"$ref": "#/$defs/single_line"}
BIDI_FREE = SCHEMA["properties"]["name"]["pattern"]
VALIDATOR = load_schema(CHECKOUT / "schema" / "coalition.schema.json")


def _fields(node: dict[str, Any], where: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """(path, schema) of every field; '[]' stands for a list's first item."""
    for name, child in node.get("properties", {}).items():
        yield (*where, name), child
        yield from _fields(child, (*where, name))
    if isinstance(node.get("items"), dict):
        yield (*where, "[]"), node["items"]
        yield from _fields(node["items"], (*where, "[]"))


# Every field but free text is one line: names, titles, codes, addresses, dates (issue #12).
SINGLE_LINE = [tuple(p.split(".")) for p in (
    "id", "name", "acronym", "status_note", "founded", "members.[].name", "members.[].country",
    "members.[].constituency_other", "members.[].website", "workplan.[].date", "workplan.[].title",
    "related_initiatives.[].name", "related_initiatives.[].url", "updates.[].date", "updates.[].title",
    "events.[].date", "events.[].end_date", "events.[].title", "events.[].location", "events.[].url",
    "resources.[].title", "resources.[].url", "contact.email", "contact.url", "maintainers.[]", "sources.[]")]
SHOWN_AS_TEXT = [path for path, node in _fields(SCHEMA) if node.get("pattern") == BIDI_FREE]
# A valid value for each one-line field that is not free text.
VALID = {"id": "example-field", "founded": "2024-05-10", "country": "KE", "website": "https://example.org",
         "date": "2024-05-10", "end_date": "2024-05-11", "url": "https://example.org", "email": "coalition@example.org",
         "maintainers": "example-volunteer", "sources": "https://example.org"}


def _problems(report: Report, file: str) -> list[Any]:
    return [p for e in report.entries if e.file == file for p in e.problems if p.severity == "error"]


def test_the_schema_marks_exactly_the_one_line_fields() -> None:
    marked = {".".join(path) for path, node in _fields(SCHEMA) if node.get("$ref") == ONE_LINE["$ref"]}
    assert marked == {".".join(p) for p in SINGLE_LINE}
    # every text field is one or the other, and a multi-line one says so: a new field must choose a side
    texts = {".".join(path) for path, node in _fields(SCHEMA) if node.get("type") == "string"}
    multi_line = {"summary", "description", "objectives.[]", "workplan.[].description", "needs.[].description",
                  "offers.[].description", "support_requested", "governance", "resourcing", "updates.[].body",
                  "engagement.member_states", "engagement.un_country_teams", "engagement.un_agencies",
                  "engagement.support_needed", "exceptions.regional-diversity"}
    assert texts == marked | multi_line and not marked & multi_line
    described = {".".join(path): node.get("description", "") for path, node in _fields(SCHEMA)}
    for field in multi_line:
        assert "several lines" in described[field.removesuffix(".[]")], field


@pytest.mark.parametrize("brk", list(LINE_BREAKS), ids=lambda c: f"U+{ord(c):04X}")
def test_every_line_break_in_every_one_line_field_is_refused_with_its_line(tmp_path: Path, brk: str) -> None:
    files: dict[str, str] = {}
    pointers: dict[str, str] = {}
    for index, path in enumerate(SINGLE_LINE):
        entry = copy.deepcopy(base_entry(index))
        file = f"{entry['id']}.yml"
        good = VALID.get(path[-1] if path[-1] != "[]" else path[-2], "Fictional text (example)")
        pointers[f"registry/coalitions/{file}"] = put(entry, path, good[:2] + brk + good[2:])
        files[file] = json.dumps(entry, indent=1)  # JSON is YAML: every character escaped, so it arrives exactly
        # The schema refuses it too, for every tool that reads the schema rather than our loader.
        data = json.loads(files[file])
        refused = schema_problems(Document(file, data, {}, {}), VALIDATOR)
        assert ("single-line", pointers[f"registry/coalitions/{file}"]) in {(p.rule, p.pointer) for p in refused}
    report = validate(make_settings(make_root(tmp_path / "repo", files)), similarity=False)
    # Only "\n" gets past our loader: it refuses VT, FF and NEL escapes as control characters, and CR, U+2028
    # and U+2029 in every text (tests/test_load.py). The schema refuses them all, for every other tool.
    rule = "single-line" if brk == "\n" else "yaml-syntax"
    for file, pointer in pointers.items():
        problems = [p for p in _problems(report, file) if p.pointer == pointer]
        # one message for the field: the line break, not also the pattern it breaks
        assert [p.rule for p in problems] == [rule], (file, pointer, _problems(report, file))
        assert problems[0].line > 1
        assert rule == "yaml-syntax" or "must be on one line: remove the line break" in problems[0].message


def test_every_multi_line_field_keeps_its_line_breaks(tmp_path: Path) -> None:
    entry = base_entry(1)
    entry["description"] = "First paragraph.\n\nSecond paragraph \U0001f30a.\n"
    entry["summary"] = "A fictional coalition whose summary is folded\nover two lines.\n"
    entry["updates"][0]["body"] = "- one\n- two\n"
    entry["engagement"]["member_states"] = "Brief the missions.\nThen the capitals.\n"
    report = validate(make_settings(make_root(tmp_path / "repo", {"hostile-0001.yml": dump(entry)})),
                      similarity=False)
    assert report.ok, report.problems
    # and a title is a title: the same line break there is refused
    entry["events"][0]["title"] = "Public\nmeeting"
    report = validate(make_settings(make_root(tmp_path / "again", {"hostile-0001.yml": dump(entry)})),
                      similarity=False)
    assert [p.rule for p in report.problems if p.severity == "error"] == ["single-line"]


@pytest.mark.parametrize("mark", ["\u202e", "\u202a", "\u2066", "\u2069"], ids=lambda c: f"U+{ord(c):04X}")
def test_direction_marks_are_refused_in_every_one_line_text_shown_on_the_site(tmp_path: Path, mark: str) -> None:
    assert {".".join(p) for p in SHOWN_AS_TEXT} == {
        "name", "acronym", "status_note", "members.[].name", "members.[].constituency_other", "workplan.[].title",
        "related_initiatives.[].name", "updates.[].title", "events.[].title", "events.[].location",
        "resources.[].title"}
    files, pointers = {}, {}
    for index, path in enumerate(SHOWN_AS_TEXT):
        entry = copy.deepcopy(base_entry(index))
        pointers[f"registry/coalitions/{entry['id']}.yml"] = put(entry, path, f"Ev{mark}il Org (example)")
        files[f"{entry['id']}.yml"] = dump(entry)
    report = validate(make_settings(make_root(tmp_path / "repo", files)), similarity=False)
    for file, pointer in pointers.items():
        problems = _problems(report, file)
        assert [(p.rule, p.pointer) for p in problems] == [("schema", pointer)], file
        assert "change the text's direction" in problems[0].message and problems[0].line > 1


# --- the reproductions of the issue, through validation and the real build --------------------------------------

def _refused_by_build(root: Path) -> None:
    with pytest.raises(BuildRefused):  # refused before anything is written: not a KeyError or an OverflowError
        build_site(make_settings(root))


@pytest.mark.parametrize(("old", "new", "pointer", "rule", "words"), [
    ("    country: KE\n", '    country: "KE\\n"\n', "/members/0/country", "single-line", "must be on one line"),
    ("    website: https://coastal.example.org\n", '    website: "https://coastal.example.org\\n"\n',
     "/members/0/website", "single-line", "remove the line break at its end"),
    ("founded: \"2024-05-10\"\n", "founded: \"9999-12-31\"\n", "/founded", "invalid-date", "1900 to 2100"),
    ('  - date: "2024-09-20"\n', "  - date: 9999-12-31\n", "/workplan/1/date", "invalid-date", "1900 to 2100"),
    ('  - date: "2024-09-20"\n', "  - date: 0000-01-01\n", "/workplan/1/date", "invalid-date", "1900 to 2100"),
], ids=["country KE\\n", "url \\n", "founded 9999", "milestone 9999-12-31", "milestone 0000-01-01"])
def test_what_crashed_the_build_is_refused_with_its_line(tmp_path: Path, old: str, new: str, pointer: str,
                                                         rule: str, words: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    root = make_root(tmp_path / "repo", {EXAMPLE.name: text.replace(old, new, 1)})
    report = validate(make_settings(root))
    problems = _problems(report, f"registry/coalitions/{EXAMPLE.name}")
    assert [(p.rule, p.pointer) for p in problems] == [(rule, pointer)]
    assert words in problems[0].message and problems[0].line > 1
    _refused_by_build(root)


def test_an_event_address_ending_in_a_line_break_is_refused(tmp_path: Path) -> None:
    entry = base_entry(7)
    entry["events"][0]["url"] = "https://event.example.org/\n"
    root = make_root(tmp_path / "repo", {"hostile-0007.yml": dump(entry)})
    problems = _problems(validate(make_settings(root)), "registry/coalitions/hostile-0007.yml")
    assert [(p.rule, p.pointer) for p in problems] == [("single-line", "/events/0/url")]
    _refused_by_build(root)


def test_an_id_with_a_line_break_makes_no_second_record(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", with_real_registry=True)
    original = (root / "registry" / "coalitions" / "earth-governance.yml").read_text(encoding="utf-8")
    assert "\nid: earth-governance\n" in original
    twin = original.replace("\nid: earth-governance\n", '\nid: "earth-governance\\n"\n', 1)
    (root / "registry" / "coalitions" / "earth-governance\n.yml").write_text(twin, encoding="utf-8")
    report = validate(make_settings(root))
    problems = _problems(report, "registry/coalitions/earth-governance\n.yml")
    assert problems and {p.rule for p in problems} <= {"single-line", "duplicate-id"}
    assert any(p.rule == "single-line" and p.pointer == "/id" and p.line > 1 for p in problems)
    _refused_by_build(root)


def test_a_refusal_the_explaining_engine_cannot_explain_is_still_an_error(tmp_path: Path) -> None:
    # The old country pattern: jsonschema-rs refuses "KE\n", Python's `$` accepts it. Fail closed, never accept.
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"type": "object", "properties": {"country": {"pattern": "^[A-Z]{2}$"}}}))
    document = load_text('country: "KE\\n"\n', "registry/coalitions/x.yml").document
    assert document is not None
    problems = schema_problems(document, load_schema(schema))
    assert [(p.severity, p.rule, p.file) for p in problems] == [("error", "schema", "registry/coalitions/x.yml")]
    assert "disagree" in problems[0].message and "maintainers" in problems[0].message

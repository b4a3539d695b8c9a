"""Hostile input through every output: payload × free-text field, built and checked in each format."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.settings import make_settings
from generator.validate import validate

from .browser import browser_page
from .conftest import make_root
from .hostile import FIELDS, PAYLOADS, dump, hostile_entries
from .sites import BuiltSite, build_in, git_commit_all, served

# One-line fields shown as names, titles and links: invisible direction-changing characters and line
# breaks there are refused (schema/coalition.schema.json, issue #12).
NAME_FIELDS = {"name", "acronym", "status_note", "members.name", "members.constituency_other", "workplan.title",
               "related_initiatives.name", "updates.title", "events.title", "events.location", "resources.title"}
CASES = hostile_entries()


def refused(field: str, kind: str) -> bool:
    payload = PAYLOADS.get(kind, "")
    if "\r" in payload:  # a carriage return is refused in every text, by the loader (issue #12)
        return True
    return field in NAME_FIELDS and (kind == "bidi-zero-width" or "\n" in payload)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = make_root(tmp_path_factory.mktemp("hostile") / "repo")
    for field, kind, entry in CASES:
        if not refused(field, kind):
            (root / "registry" / "coalitions" / f"{entry['id']}.yml").write_text(dump(entry), encoding="utf-8")
    git_commit_all(root)
    return build_in(root)


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.bad: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    re.match(r"\s*(javascript|data|vbscript):", value, re.I):
                self.bad.append(f"<{tag} {name}={value[:40]}>")
        if tag in ("iframe", "object", "embed", "base", "meta") and tag != "meta":
            self.bad.append(f"<{tag}>")
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append(dict(attrs).get("src") or "")

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert" in data:
            self.bad.append(f"inline script: {data[:60]}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def test_every_field_and_payload_class_is_covered() -> None:
    covered = {(field, kind) for field, kind, _ in CASES}
    assert {field for field, _ in covered} == set(FIELDS)
    assert {kind for _, kind in covered} == {*PAYLOADS, "very-long"}
    assert len(CASES) >= 400


def test_invisible_direction_characters_in_names_are_refused_with_a_line(tmp_path: Path) -> None:
    files = {f"{e['id']}.yml": dump(e) for f, k, e in CASES if refused(f, k) and k == "bidi-zero-width"}
    assert len(files) == len(NAME_FIELDS)
    report = validate(make_settings(make_root(tmp_path / "repo", files)))
    for entry in report.entries:
        if entry.id is None:
            continue
        problems = [p for p in entry.problems if p.severity == "error"]
        assert problems and all(p.rule == "schema" and p.line > 1 for p in problems), entry.file
        assert "direction" in problems[0].message


def test_every_hostile_entry_is_built(hostile_site: BuiltSite) -> None:
    listed = json.loads((hostile_site.site / "api" / "coalitions.json").read_text())["coalitions"]
    assert len(listed) == sum(not refused(f, k) for f, k, _ in CASES)


def test_html_pages_carry_no_active_content_from_entries(hostile_site: BuiltSite) -> None:
    pages = list(hostile_site.site.rglob("*.html"))
    assert len(pages) > 400
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parser = Elements()
        parser.feed(text)
        assert parser.bad == [], page
        assert all(src == "" or not re.match(r"(https?:)?//", src) for src in parser.scripts), page
        assert "root:x:0:0" not in text and "site_name:" not in text, page  # no file read into the site
        assert len(re.findall(r"<title>.*?</title>", text, re.S)) == 1, page  # the front matter held


def test_json_keeps_the_text_exactly_and_stays_valid(hostile_site: BuiltSite) -> None:
    for field, kind, entry in CASES:
        if refused(field, kind) or kind != "front-matter":
            continue
        data = json.loads((hostile_site.site / "api" / f"{entry['id']}.json").read_text(encoding="utf-8"))
        assert PAYLOADS["front-matter"] in json.dumps(data, ensure_ascii=False).replace("\\n", "\n")
    for path in (hostile_site.site / "badges").glob("*.json"):
        json.loads(path.read_text())


def test_csv_cells_never_start_a_formula(hostile_site: BuiltSite) -> None:
    rows = list(csv.reader(io.StringIO((hostile_site.site / "api" / "coalitions.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 1 + sum(not refused(f, k) for f, k, _ in CASES)
    width = len(rows[0])
    for row in rows:
        assert len(row) == width
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell[:40]


def test_svg_badges_are_well_formed_and_inert(hostile_site: BuiltSite) -> None:
    for path in (hostile_site.site / "badges").glob("*.svg"):
        tree = ET.parse(path)  # noqa: S314 — our own output
        tags = {element.tag.split("}")[-1] for element in tree.iter()}
        assert tags <= {"svg", "title", "rect", "g", "text"}, path


def test_no_email_address_in_plain_text(hostile_site: BuiltSite) -> None:
    pattern = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
    for path in hostile_site.site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".csv", ".xml", ".svg", ".ics", ".atom", ".js"}:
            assert not pattern.search(path.read_text(encoding="utf-8", errors="replace")), path


@pytest.mark.browser
def test_in_chromium_nothing_runs_and_nothing_leaves(hostile_site: BuiltSite) -> None:
    ids = [entry["id"] for field, kind, entry in CASES if not refused(field, kind)
           and field in ("name", "summary", "description", "updates.body", "members.name", "events.title")]
    with served(hostile_site.site) as url, browser_page() as (page, watch):
        for path in ["", "coalitions/", *[f"coalitions/{i}/" for i in ids]]:
            page.goto(url + path)
            links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
            assert not [link for link in links if link.lower().startswith(("javascript:", "data:"))], path
            executed = page.evaluate("() => window.__pwned === true")
            assert executed is False
        assert watch.dialogs == []
        assert watch.foreign_requests == []
        assert [e for e in watch.console_errors if "alert" in e] == []

"""Fuzzing with hypothesis: arbitrary Unicode in valid-by-construction files, and arbitrary YAML,
through `validate` and `build`: no crash, no traceback, every rejection a problem with a rule and a line."""

from __future__ import annotations

import copy
import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.errors import BuildRefused
from generator.registry.validate import validate
from generator.settings import make_settings
from generator.site.build import build_site

from .support.entries import put
from .support.hostile import FIELDS, base_entry
from .support.registry import make_root

# Any character YAML can carry in a double-quoted scalar (not lone surrogates, which UTF-8 cannot encode).
TEXT = st.characters(blacklist_categories=("Cs",))
SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def yaml_text(document: Any) -> str:
    yaml = YAML()
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


@st.composite
def coalitions(draw: st.DrawFn, index: int) -> dict[str, Any]:
    entry = copy.deepcopy(base_entry(index))
    for field in draw(st.lists(st.sampled_from(sorted(FIELDS)), min_size=1, max_size=6, unique=True)):
        put, limit = FIELDS[field]
        put(entry, draw(st.text(TEXT, min_size=20, max_size=min(limit, 300))))
    return entry


def assert_located(problems: list[Any]) -> None:
    for problem in problems:
        assert problem.rule and problem.line >= 1 and problem.column >= 1 and problem.message, problem


@SLOW
@given(st.tuples(coalitions(0), coalitions(1), coalitions(2)))
def test_arbitrary_unicode_goes_through_validate_and_build(tmp_path: Path, entries: tuple[dict[str, Any], ...]) -> None:
    root = tmp_path / "repo"
    shutil.rmtree(root, ignore_errors=True)
    make_root(root, {f"{e['id']}.yml": yaml_text(e) for e in entries})
    settings_ = make_settings(root)
    report = validate(settings_)
    assert_located(report.problems)
    try:
        result = build_site(settings_)
    except BuildRefused as refused:
        assert not report.ok
        assert all(p.file in str(refused) for p in report.problems if p.severity == "error")
        return
    assert report.ok
    assert result.coalitions == 3
    for entry in entries:
        assert (result.site_dir / "coalitions" / entry["id"] / "index.html").is_file()


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(TEXT, max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(TEXT, min_size=1, max_size=12), inner,
                                                                max_size=4),
    max_leaves=25)


@QUICK
@given(st.dictionaries(st.sampled_from(["id", "name", "members", "themes", "workplan", "contact", "extra", "summary"]),
                       json_like, max_size=6))
def test_arbitrary_yaml_is_reported_never_raised(tmp_path: Path, document: dict[str, Any]) -> None:
    root = make_root(tmp_path / "repo")
    path = root / "registry" / "coalitions" / "fuzzed.yml"
    path.write_text(yaml_text(document), encoding="utf-8")
    report = validate(make_settings(root), [path])
    assert_located(report.problems)
    assert not report.ok  # nothing this shape is a complete coalition


# --- any file that validates also builds (issue #12) ------------------------------------------------------------

DATES = st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat), st.sampled_from([
    "1900-01-01", "2100-12-31", "2024-02-29", "9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01",
    "2024-05-10\n"]))
URLS = st.sampled_from(["https://example.org", "http://x", "https://[::1]/", "https://example.org/a?b=c&d=e#f",
                        "https://", "https://example.org/\n", "https://xn--bcher-kva.example/",
                        "https://example.org/" + "a" * 480, "https://example.org/%20x"])
VISIBLE = st.characters(blacklist_categories=("Cs", "Cc"))  # the loader refuses control characters anyway
ONE_LINE_TEXT = st.one_of(st.text(VISIBLE, min_size=1, max_size=150), st.sampled_from([
    "Name \U0001f30a (example)", "Trailing space (example) ", "\tTabbed title", "x" * 150, "Ocean\u2028Futures",
    "Title\r", "Ev\u202eil", "=HYPERLINK(\"https://evil.example.org\")", "Title\n"]))
MULTI_LINE_TEXT = st.one_of(st.text(VISIBLE | st.just("\n"), min_size=20, max_size=300), st.sampled_from([
    "Line one, long enough.\nLine two.\n", "Paragraph.\n\nParagraph \U0001f30a.\n", "Carriage\r\nreturn text",
    "A separator\u2028inside a long enough text", "=cmd|' /C calc'!A0\n+1 and more words", "Trailing spaces  \n"]))
EDGES_BY_FIELD: dict[str, st.SearchStrategy[str]] = {
    "founded": DATES, "workplan.[].date": DATES, "updates.[].date": DATES, "events.[].date": DATES,
    "events.[].end_date": DATES,
    "members.[].website": URLS, "related_initiatives.[].url": URLS, "events.[].url": URLS, "resources.[].url": URLS,
    "contact.url": URLS, "sources.[]": URLS,
    "members.[].country": st.sampled_from(["KE", "NO", "XK", "TW", "PS", "VA", "KE\n", "ke", "ZZ"]),
    "contact.email": st.sampled_from(["coalition@example.org", "a@b.c", "x" * 64 + "@example.org",
                                      "o'brien+news@sub-domain.example.org", "coalition@example.org\n",
                                      "a@" + "b" * 63 + ".example.org"]),
    "maintainers.[]": st.sampled_from(["example-volunteer", "a", "A-B-c", "x" * 39, "example-volunteer\n"]),
    **{field: ONE_LINE_TEXT for field in (
        "name", "acronym", "status_note", "members.[].name", "members.[].constituency_other", "workplan.[].title",
        "related_initiatives.[].name", "updates.[].title", "events.[].title", "events.[].location",
        "resources.[].title")},
    **{field: MULTI_LINE_TEXT for field in (
        "summary", "description", "objectives.[]", "workplan.[].description", "updates.[].body",
        "engagement.member_states", "needs.[].description", "offers.[].description", "support_requested",
        "governance", "resourcing", "exceptions.regional-diversity")},
}
CHANGES = st.lists(st.sampled_from(sorted(EDGES_BY_FIELD)).flatmap(
    lambda field: st.tuples(st.just(field), EDGES_BY_FIELD[field])), max_size=5)
BUILDS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@BUILDS
@given(st.tuples(CHANGES, CHANGES, CHANGES))
@example(([("members.[].country", "KE\n")], [("workplan.[].date", "9999-12-31")],
          [("events.[].url", "https://event.example.org/\n"), ("events.[].date", "2100-12-31")]))
def test_every_file_that_validates_also_builds(tmp_path: Path, changes: tuple[list[tuple[str, str]], ...]) -> None:
    root = tmp_path / "repo"
    shutil.rmtree(root, ignore_errors=True)
    entries = [base_entry(0)]  # one plain entry: the build always has a coalition
    for index, entry_changes in enumerate(changes, start=1):
        entry = base_entry(index)
        for field, value in entry_changes:
            put(entry, tuple(field.split(".")), value)
        entries.append(entry)
    make_root(root, {f"{e['id']}.yml": yaml_text(e) for e in entries})
    settings_ = make_settings(root)
    report = validate(settings_, similarity=False)
    assert_located(report.problems)
    coalitions = [e for e in report.entries if e.file.startswith("registry/coalitions/")]
    for entry in coalitions:  # refused files leave; everything accepted must build
        if not entry.ok:
            (root / entry.file).unlink()
    kept = [e.id for e in coalitions if e.ok]
    assert "hostile-0000" in kept
    result = build_site(settings_)
    assert result.coalitions == len(kept)
    for entry_id in kept:
        assert (result.site_dir / "coalitions" / str(entry_id) / "index.html").is_file()

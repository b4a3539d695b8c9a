"""Fuzzing with hypothesis: arbitrary Unicode in valid-by-construction files, and arbitrary YAML,
through `validate` and `build`: no crash, no traceback, every rejection a problem with a rule and a line."""

from __future__ import annotations

import copy
import io
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.build import BuildRefused, build_site
from generator.settings import make_settings
from generator.validate import validate

from .conftest import make_root
from .hostile import FIELDS, base_entry

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

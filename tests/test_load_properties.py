"""Property-based tests of the loader: any text and any bytes come back as data or as located problems.

Never an exception: the loader runs on whatever a pull request contains.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.registry.load import LoadResult, load_bytes, load_text
from generator.registry.validate import validate
from generator.settings import Settings, make_settings

from .support.registry import EXAMPLE, make_root

LOADER_RULES = {"yaml-syntax", "duplicate-key", "yaml-alias", "yaml-tag", "not-a-mapping", "too-large", "encoding"}
_BREAKS = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")

ANY_TEXT = st.text(st.characters(exclude_categories=()))  # lone surrogates and control characters included
# Fragments that reach deeper into the parser than random characters do.
YAML_PIECES = ["a", "id", ":", ": ", " ", "  ", "\n", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "!t ", "!!str ", "'",
               '"', "# c", "? ", "\t", "|", ">-", "---", "...", "%YAML 1.2\n", "\\x00", "\\u0007", "\ud800", "é", "1",
               "0x1F", "1e999", "null", "true", "NO", "2024-02-30", "\r\n", "\ufeff", "\x85", "\u2028", "\x00"]
YAML_TEXT = st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join)
TEXTS = ANY_TEXT | YAML_TEXT
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")


@st.composite
def damaged_example(draw: st.DrawFn) -> str:
    """The example coalition with a few pieces cut out or inserted: mostly-valid files."""
    text = EXAMPLE_TEXT
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        else:
            text = text[:at] + draw(st.sampled_from(YAML_PIECES) | ANY_TEXT) + text[at:]
    return text


def assert_well_formed(result: LoadResult, text: str) -> None:
    assert isinstance(result, LoadResult)
    if result.document is not None:
        assert result.problems == ()
        assert isinstance(result.document.data, dict)
        return
    assert result.problems, "a refused file must say why"
    lines = len(_BREAKS.split(text)) + 1
    for problem in result.problems:
        assert problem.severity == "error"
        assert problem.rule in LOADER_RULES
        assert problem.message
        assert 1 <= problem.line <= lines, problem
        assert problem.column >= 1


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_loads_or_gives_located_problems(text: str) -> None:
    assert_well_formed(load_text(text, "f.yml"), text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_load_or_give_located_problems(raw: bytes) -> None:
    assert_well_formed(load_bytes(raw, "f.yml"), raw.decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path]:
    root = make_root(tmp_path_factory.mktemp("properties") / "repo")
    return make_settings(root), root / "registry" / "coalitions" / "example-ocean-futures.yml"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS | damaged_example())
def test_any_text_as_a_coalition_file_is_validated_without_exception(registry: tuple[Settings, Path],
                                                                     text: str) -> None:
    settings_, path = registry
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    report = validate(settings_, [path])
    assert [e.file for e in report.entries] == ["registry/coalitions/example-ocean-futures.yml"]
    for problem in report.problems:
        assert problem.rule and problem.message and problem.line >= 1 and problem.column >= 1
        assert problem.file == "registry/coalitions/example-ocean-futures.yml"

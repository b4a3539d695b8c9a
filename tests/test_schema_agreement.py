"""The two schema engines give the same verdict: jsonschema-rs decides "valid?", jsonschema explains.

If they disagreed, a file could pass that jsonschema would reject (or be rejected without a message).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load import load_file
from generator.schemas import load_schema

from .conftest import CASES, CHECKOUT
from .hostile import FIELDS, base_entry

VALIDATOR = load_schema(CHECKOUT / "schema" / "coalition.schema.json")


def same_verdict(data: Any) -> None:
    errors = list(VALIDATOR.detailed.iter_errors(data))
    assert VALIDATOR.is_valid(data) == (not errors), [e.message for e in errors]


def test_engines_agree_on_every_case_file_and_the_shipped_registry() -> None:
    files = [*CASES.rglob("*.yml"), *(CHECKOUT / "registry" / "coalitions").glob("*.yml")]
    assert len(files) >= 12
    for path in files:
        loaded = load_file(path, str(path))
        if loaded.document is not None:
            same_verdict(loaded.document.data)


# Values near each constraint's edge: wrong types, bad formats, lengths, enums, dates, URLs, addresses.
EDGES = st.sampled_from([
    "", "x", "2024-02-29", "2023-02-29", "2024-13-01", "24-01-01", "https://example.org", "http://x", "ftp://x",
    "https://exa mple.org", "https://", "coalition@example.org", "not-an-address", "a@b", "KE", "ke", "XX", "IND",
    "health", "Health", "lead", "global", "ngos", "other", "I", "VI", "annex-gdc", 0, 1, 17, 18, 56, 57, -1, 1.5,
    True, False, None, [], {}, ["health"], ["health", "health"], "x" * 19, "x" * 20, "x" * 600, "x" * 601,
    "example-volunteer", "-bad-handle", "Name\u202eReversed",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(FIELDS)), EDGES), max_size=4),
       st.sampled_from(["founded", "origin", "youth_focus", "sdgs", "pact_actions", "themes", "contact",
                        "maintainers", "sources", "listed_from_public_sources", "exceptions", "commitments"]),
       EDGES)
def test_engines_agree_on_values_at_the_edges(changes: list[tuple[str, Any]], field: str, value: Any) -> None:
    entry: dict[str, Any] = copy.deepcopy(base_entry(1))
    for name, edge in changes:
        FIELDS[name][0](entry, edge)
    entry[field] = value
    same_verdict(entry)
    members = entry["members"]
    members[0] = {**members[0], "country": value} if isinstance(value, str) else members[0]
    same_verdict(entry)
    entry["workplan"][0]["date"] = value
    same_verdict(entry)
    entry["contact"] = {"email": value, "url": value} if not isinstance(value, dict) else value
    same_verdict(entry)


def test_a_broken_schema_is_a_configuration_error(tmp_path: Path) -> None:
    import pytest

    from generator.problems import ImpactError

    broken = tmp_path / "schema.json"
    broken.write_text('{"type": "object", "properties": {"a": {"type": "no-such-type"}}}')
    with pytest.raises(ImpactError, match="not a valid JSON Schema"):
        load_schema(broken)

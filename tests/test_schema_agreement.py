"""The two schema engines give the same verdict: jsonschema-rs decides "valid?", jsonschema explains.

If they disagreed, a file could pass that jsonschema would reject (or be rejected without a message).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import jsonschema_rs
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.registry.load import load_file
from generator.registry.schemas import load_schema

from .support.hostile import FIELDS, base_entry
from .support.registry import CASES, CHECKOUT

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
EDGE_VALUES: list[Any] = [
    "", "x", "2024-02-29", "2023-02-29", "2024-13-01", "24-01-01", "https://example.org", "http://x", "ftp://x",
    "https://exa mple.org", "https://", "coalition@example.org", "not-an-address", "a@b", "KE", "ke", "XX", "IND",
    "health", "Health", "lead", "global", "ngos", "other", "I", "VI", "annex-gdc", 0, 1, 17, 18, 56, 57, -1, 1.5,
    True, False, None, [], {}, ["health"], ["health", "health"], "x" * 19, "x" * 20, "x" * 600, "x" * 601,
    "example-volunteer", "-bad-handle", "Name\u202eReversed",
    # issue #12: where Python's `$` and the other engines parted, and dates beyond the calendar
    "KE\n", "2024-05-10\n", "https://example.org\n", "coalition@example.org\n", "example-volunteer\n",
    "health\n", "9999-12-31", "0000-01-01", "1899-12-31", "2100-12-31", "Name\r", "Name\u2028", "x" * 19 + "\n",
]
EDGES = st.sampled_from(EDGE_VALUES)


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


# One value at a time in an otherwise valid entry: above, a value that breaks one field hides what the
# engines think of the same value in the next.
_ONE_AT_A_TIME = {
    "id": ("id",), "name": ("name",), "founded": ("founded",), "country": ("members", 0, "country"),
    "website": ("members", 0, "website"), "milestone": ("workplan", 0, "date"), "title": ("events", 0, "title"),
    "event url": ("events", 0, "url"), "email": ("contact", "email"), "maintainer": ("maintainers", 0),
}


def test_engines_agree_on_each_edge_value_in_each_kind_of_field() -> None:
    for path in _ONE_AT_A_TIME.values():
        for value in EDGE_VALUES:
            entry: dict[str, Any] = copy.deepcopy(base_entry(1))
            node: Any = entry
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = value
            same_verdict(entry)


def test_a_broken_schema_is_a_configuration_error(tmp_path: Path) -> None:
    import pytest

    from generator.errors import ImpactError

    broken = tmp_path / "schema.json"
    broken.write_text('{"type": "object", "properties": {"a": {"type": "no-such-type"}}}')
    with pytest.raises(ImpactError, match="not a valid JSON Schema"):
        load_schema(broken)


# Addresses the e-mail pattern accepts: dot-separated local parts, labels with inner hyphens, lengths at the limits.
_LOCAL = st.text("abcXYZ019_%+'-", min_size=1, max_size=40)
_LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", fullmatch=True)


@settings(max_examples=300, deadline=None)
# Found by this test: jsonschema-rs refuses a domain label with "--" in its 3rd and 4th characters (reserved
# for IDNA A-labels), which the pattern accepted; the pattern now refuses such labels too.
@example("0", "0.00--0")
@example("info", "xn--abc.example.org")
@given(st.lists(_LOCAL, min_size=1, max_size=4).map(".".join), st.lists(_LABEL, min_size=2, max_size=4).map(".".join))
def test_every_address_the_email_pattern_accepts_is_an_email_to_both_engines(local: str, domain: str) -> None:
    # The pattern must sit inside jsonschema-rs's `format: email`, or Python (whose check is only "has an @")
    # and Rust would disagree about a file: the pattern is what makes them agree.
    email = VALIDATOR.schema["properties"]["contact"]["properties"]["email"]
    address = f"{local}@{domain}"
    if re.search(email["pattern"], address) and len(address) <= email["maxLength"]:
        contact = {"type": "string", "format": "email"}
        fast = jsonschema_rs.validator_for(contact, validate_formats=True)
        assert fast.is_valid(address), address
    entry: dict[str, Any] = copy.deepcopy(base_entry(1))
    entry["contact"]["email"] = address
    same_verdict(entry)

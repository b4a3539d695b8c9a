"""The schemas themselves: valid draft 2020-12, documented field by field, closed to unknown fields.

Editors show each field's title and description while a volunteer types (yaml-language-server), and the
register form and CONTRIBUTING are built from them, so every field must have both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from .support.registry import CHECKOUT

SCHEMAS = sorted((CHECKOUT / "schema").glob("*.schema.json"))
COALITION = CHECKOUT / "schema" / "coalition.schema.json"


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _subschemas(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema that defines data, with a readable location.

    Combinators (allOf, …) and if/then/else only tighten fields defined elsewhere: they are walked for
    the fields they define but are not fields themselves.
    """
    if not isinstance(node, dict):
        return
    yield where or "(root)", node
    yield from _fields_of(node, where)


def _fields_of(node: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, child in node.get("properties", {}).items():
        yield from _subschemas(child, f"{where}.{name}" if where else name)
    if isinstance(node.get("items"), dict):
        yield from _subschemas(node["items"], f"{where}[]")
    for keyword in ("allOf", "anyOf", "oneOf"):
        for child in node.get(keyword, []):
            if isinstance(child, dict) and "if" not in child:
                yield from _fields_of(child, where)
    for name, child in node.get("$defs", {}).items():
        yield from _subschemas(child, f"$defs.{name}")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_against_the_2020_12_metaschema(path: Path) -> None:
    schema = _load(path)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_a_title_and_a_description(path: Path) -> None:
    schema = _load(path)
    missing = []
    for location, node in _subschemas(schema):
        is_property = not location.endswith("[]") or node.get("type") == "object"  # object items are fields too
        if is_property and not (isinstance(node.get("title"), str) and node["title"].strip()
                                and isinstance(node.get("description"), str) and node["description"].strip()):
            missing.append(location)
    assert missing == []


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_object_refuses_unknown_fields(path: Path) -> None:
    open_objects = [location for location, node in _subschemas(_load(path))
                    if (node.get("type") == "object" or "properties" in node)
                    and node.get("additionalProperties") is not False]
    assert open_objects == []


def _fixed_length(pattern: object) -> bool:
    """Anchored at both ends, with no unbounded repeat: e.g. a country code or a date."""
    return isinstance(pattern, str) and pattern.startswith("^") and pattern.endswith(r"(?![\s\S])") and \
        not re.search(r"[*+]|\{[0-9]+,\}", pattern.removesuffix(r"(?![\s\S])"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_text_has_a_length_limit(path: Path) -> None:
    """Issue #12: a bounded length keeps every check of a value cheap, whatever a pattern costs."""
    unbounded = [location for location, node in _subschemas(_load(path)) if node.get("type") == "string"
                 and "maxLength" not in node and not _fixed_length(node.get("pattern"))]
    assert unbounded == []


def test_the_walk_reaches_nested_fields() -> None:
    """The checks above would pass vacuously if the walk missed the nested objects."""
    locations = {location for location, _ in _subschemas(_load(COALITION))}
    assert {"members[]", "members[].country", "workplan[].date", "contact.email", "commitments.inclusivity",
            "exceptions.regional-diversity", "needs[].regions"} <= locations


def test_the_coalition_schema_has_the_design_fields() -> None:
    schema = _load(COALITION)
    required = {"schema_version", "id", "name", "summary", "themes", "objectives", "members", "engagement",
                "workplan"}
    assert set(schema["required"]) == required
    assert set(schema["else"]["required"]) == {"contact", "maintainers", "commitments"}
    themes = set(schema["properties"]["themes"]["items"]["enum"])
    assert {"peace-security", "digital-cooperation", "climate-environment", "financing-development", "human-rights",
            "gender-equality", "youth-future-generations", "global-governance-reform", "health",
            "science-technology", "culture-faith", "justice-rule-of-law"} <= themes
    assert list(schema["properties"]["exceptions"]["properties"]) == ["regional-diversity"]

"""What the link check looks at: the web addresses of the entries that passed validation (every value of a
`format: uri` field of the coalition schema), the files that hold each, and the entries the validator calls
stale."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.registry.report import Report

WEB_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True)
class Entry:
    file: str
    id: str
    maintainers: tuple[str, ...]


@dataclass(frozen=True)
class Targets:
    links: Mapping[str, tuple[str, ...]]  # address → the files that name it, sorted
    stale: tuple[str, ...]  # ids the validator's `stale` warning names
    entries: Mapping[str, Entry]  # file → the entry: who to mention
    skipped: tuple[str, ...]  # coalition files with errors: not checked


def uri_values(schema: Mapping[str, Any], data: Any) -> Iterator[str]:
    """Every text in `data` at a place the schema marks `format: uri`, found by walking both together.

    Follows local `$ref`s and the `allOf`/`anyOf`/`oneOf` branches, so a new address field is checked as soon as
    the schema has it.
    """
    definitions = schema.get("$defs", {})

    def walk(node: Any, value: Any, refs: frozenset[str]) -> Iterator[str]:
        if not isinstance(node, Mapping):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and ref not in refs:
            yield from walk(definitions.get(ref.removeprefix("#/$defs/")), value, refs | {ref})
        if node.get("format") == "uri" and isinstance(value, str):
            yield value
        for key in ("allOf", "anyOf", "oneOf"):
            for branch in node.get(key, []):
                yield from walk(branch, value, refs)
        if isinstance(value, Mapping):
            for name, sub in node.get("properties", {}).items():
                if name in value:
                    yield from walk(sub, value[name], frozenset())
        if isinstance(value, list) and isinstance(node.get("items"), Mapping):
            for item in value:
                yield from walk(node["items"], item, frozenset())

    yield from walk(schema, data, frozenset())


def targets(report: Report, schema: Mapping[str, Any], coalitions_folder: str) -> Targets:
    """The addresses, stale ids and entries of a validation report of the whole registry."""
    links: dict[str, set[str]] = {}
    stale: list[str] = []
    entries: dict[str, Entry] = {}
    skipped: list[str] = []
    for entry in report.entries:
        if not entry.file.startswith(coalitions_folder + "/"):
            continue  # decisions.yml and maintainers.yml hold no addresses
        if not entry.ok or entry.data is None or entry.id is None:
            skipped.append(entry.file)
            continue
        entries[entry.file] = Entry(entry.file, entry.id, tuple(entry.data.get("maintainers", ())))
        for url in uri_values(schema, entry.data):
            if urlsplit(url).scheme.lower() in WEB_SCHEMES:  # the schema allows only these today
                links.setdefault(url, set()).add(entry.file)
        if any(p.rule == "stale" for p in entry.problems):  # the validator's one stale rule decides
            stale.append(entry.id)
    return Targets({url: tuple(sorted(files)) for url, files in sorted(links.items())}, tuple(sorted(stale)),
                   entries, tuple(sorted(skipped)))

"""Coalition entries as data: set a field anywhere in one, or load one as the registry loads a file."""

from __future__ import annotations

from typing import Any

from generator.registry.load import Document, load_text

from .hostile import dump


def put(entry: dict[str, Any], path: tuple[str, ...], value: str) -> str:
    """Set `path` in `entry` (the first list item, created if needed); return its JSON Pointer."""
    node: Any = entry
    pointer = ""
    for part, following in zip(path, (*path[1:], None), strict=True):
        key: Any = 0 if part == "[]" else part
        pointer += f"/{key}"
        if following is None:
            if isinstance(node, list):
                node[:] = [value, *node[1:]]
            else:
                node[key] = value
        else:
            if isinstance(node, dict) and key not in node:
                node[key] = [] if following == "[]" else {}
            if isinstance(node, list) and not node:
                node.append({})
            node = node[key]
    return pointer


def document_of(entry: dict[str, Any], file: str = "registry/coalitions/example.yml") -> Document:
    """`entry` written out as YAML and read back through the registry's loader (positions and all)."""
    loaded = load_text(dump(entry), file)
    assert loaded.document is not None, loaded.problems
    return loaded.document

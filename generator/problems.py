"""Findings as data: every check returns `Problem`s; only the CLI prints them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    severity: Severity
    rule: str
    message: str
    file: str
    pointer: str = ""
    line: int = 1
    column: int = 1

    def as_json(self) -> dict[str, object]:
        return {"severity": self.severity, "rule": self.rule, "message": self.message,
                "pointer": self.pointer, "line": self.line, "column": self.column}


def pointer_to_field(pointer: str) -> str:
    """'/members/2/country' → 'members[2].country', the way a volunteer reads a field path."""
    field = ""
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if part.isdigit():
            field += f"[{part}]"
        else:
            field += f".{part}" if field else part
    return field or "(the file)"


def join_pointer(pointer: str, part: str | int) -> str:
    return f"{pointer}/{str(part).replace('~', '~0').replace('/', '~1')}"

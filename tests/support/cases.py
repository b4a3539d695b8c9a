"""The registry's test cases under tests/cases/: a folder of coalition files and the expected.json they must give."""

from __future__ import annotations

import json
from pathlib import Path

from .registry import CASES


def case_folders(kind: str) -> list[Path]:
    """Every case folder of `kind` ("valid" or "invalid")."""
    return sorted(p.parent for p in (CASES / kind).rglob("expected.json"))


def case_id(folder: Path) -> str:
    return folder.relative_to(CASES).as_posix()


def case_files(folder: Path) -> tuple[dict[str, str | bytes], bytes | None]:
    """The coalition files of a case (name → bytes), and its decisions.yml if it has one."""
    files: dict[str, str | bytes] = {}
    decisions = None
    for path in sorted(folder.iterdir()):
        if path.name == "decisions.yml":
            decisions = path.read_bytes()
        elif path.name.endswith(".recipe.json"):
            recipe = json.loads(path.read_text(encoding="utf-8"))
            files[recipe["file"]] = recipe["text"] + recipe["repeat"] * recipe["times"]
        elif path.suffix == ".yml":
            files[path.name] = path.read_bytes()  # bytes: an encoding case must reach the loader as it is
    return files, decisions

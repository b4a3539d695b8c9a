"""The GitHub workflows of this checkout, read as data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .registry import CHECKOUT

WORKFLOWS = CHECKOUT / ".github" / "workflows"


def read_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def load(name: str) -> dict[Any, Any]:
    data = read_yaml(WORKFLOWS / name)
    assert "on" in data, "ruamel.yaml reads YAML 1.2: the key `on` stays a string"
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]

"""The maintainers' curated decisions (registry/decisions.yml) and the public status they set."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem
from generator.registry.load import load_file
from generator.registry.schemas import load_schema, schema_problems


@dataclass(frozen=True, slots=True)
class Decision:
    coalition: str
    decision: str  # shortlisted | merged | archived
    date: str
    merged_into: str | None
    note: str


def load_decisions(path: Path, file: str, schema_path: Path) -> tuple[list[Decision], list[Problem]]:
    if not path.exists():
        return [], []
    loaded = load_file(path, file)
    if loaded.document is None:
        return [], list(loaded.problems)
    problems = schema_problems(loaded.document, load_schema(schema_path))
    if problems:
        return [], problems
    decisions = [Decision(d["coalition"], d["decision"], d["date"], d.get("merged_into"), d.get("note", ""))
                 for d in loaded.document.data["decisions"]]
    return decisions, []


def decision_target_problems(path: Path, file: str, decisions: list[Decision], ids: Collection[str]) -> list[Problem]:
    """Every decision must name coalitions that exist (`unknown-decision-target`)."""
    loaded = load_file(path, file)
    problems = []
    for index, decision in enumerate(decisions):
        for field, target in (("coalition", decision.coalition), ("merged_into", decision.merged_into)):
            if target is not None and target not in ids:
                pointer = f"/decisions/{index}/{field}"
                line, column = loaded.document.locate(pointer) if loaded.document else (1, 1)
                problems.append(Problem("error", "unknown-decision-target",
                                        f"decisions[{index}].{field}: no coalition has the id '{target}' — check "
                                        "the spelling against the file names in registry/coalitions/",
                                        file, pointer, line, column))
    return problems


def curated_status(decisions: list[Decision]) -> Mapping[str, Decision]:
    """The decision in force for each coalition: the latest by date (file order breaks ties)."""
    latest: dict[str, Decision] = {}
    for decision in decisions:
        current = latest.get(decision.coalition)
        if current is None or decision.date >= current.date:
            latest[decision.coalition] = decision
    return latest

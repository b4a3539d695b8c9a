"""The validation report: what `impact validate` found in each file. Pure data; validate.py fills it,
reporters.py writes it out, model.py builds the site's registry from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.problems import Problem
from generator.registry.criteria import CriteriaSettings, CriterionResult
from generator.registry.decisions import Decision


@dataclass(frozen=True)
class EntryReport:
    file: str
    id: str | None
    problems: tuple[Problem, ...]
    criteria: Mapping[str, CriterionResult] | None = None
    status: str | None = None  # public status (docs/site.md); None when the file cannot be published
    data: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)
    path: Path | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def eligible(self) -> bool:
        """Meets all four criteria and can be published (an entry with an error cannot)."""
        return self.ok and self.criteria is not None and all(r.met for r in self.criteria.values())


@dataclass(frozen=True)
class Report:
    entries: tuple[EntryReport, ...]
    criteria_settings: CriteriaSettings
    decisions: Mapping[str, Decision] = field(default_factory=dict)
    whole_registry: bool = True  # False when files were named: reporters then explain each in full

    @property
    def problems(self) -> list[Problem]:
        return [p for e in self.entries for p in e.problems]

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    @property
    def eligible(self) -> int:
        return sum(e.eligible for e in self.entries)

    @property
    def ok(self) -> bool:
        return self.errors == 0

"""Data-driven validator tests: every folder under tests/cases/ with an expected.json is one case.

A case folder holds coalition files (`*.yml`, copied to registry/coalitions/), optionally a
`decisions.yml` (copied to registry/decisions.yml) and `*.recipe.json` files for files too large to
commit. `expected.json` lists every problem the whole-registry run must report — no more, no fewer:

    {"problems": [{"file": "registry/coalitions/x.yml", "rule": "schema", "line": 5, "column": 10,
                   "pointer": "/summary", "severity": "error", "message": "a part of the message"}],
     "entries": {"registry/coalitions/x.yml": {"status": "forming",
                                               "criteria": {"work-plan": "met|justified|missed"},
                                               "values": {"/members/0/country": "NO"}}}}

`severity` defaults to "error"; `message` (a substring), `entries` and everything inside them are optional.
Adding a case is adding a folder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.problems import Problem
from generator.registry.report import Report
from generator.registry.validate import validate
from generator.settings import make_settings

from .support.cases import case_files, case_folders, case_id
from .support.registry import CASES

ERROR_RULES = ("yaml-syntax", "duplicate-key", "yaml-alias", "yaml-tag", "not-a-mapping", "too-large", "encoding",
               "schema", "id-mismatch", "duplicate-id", "unknown-country", "region-required",
               "primary-region-required", "constituency-required", "commitments", "invalid-date",
               "unknown-decision-target", "single-line", "markdown-limits", "address-in-link")


def _run(folder: Path, registry_root: Callable[..., Path]) -> tuple[Report, dict[str, Any]]:
    files, decisions = case_files(folder)
    assert files, f"{folder} has no coalition file"
    root = registry_root(files)
    if decisions is not None:
        (root / "registry" / "decisions.yml").write_bytes(decisions)
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return validate(make_settings(root)), expected


def _key(problem: Problem | dict[str, Any]) -> tuple[str, str, str, int, int, str]:
    if isinstance(problem, Problem):
        return (problem.file, problem.severity, problem.rule, problem.line, problem.column, problem.pointer)
    return (problem["file"], problem.get("severity", "error"), problem["rule"], problem["line"], problem["column"],
            problem["pointer"])


def _check_problems(report: Report, expected: dict[str, Any]) -> None:
    assert sorted(map(_key, report.problems)) == sorted(map(_key, expected["problems"]))
    by_key = {_key(p): p for p in report.problems}
    for wanted in expected["problems"]:
        problem = by_key[_key(wanted)]
        assert wanted.get("message", "") in problem.message
        # every message tells a volunteer what to do, not only what is wrong
        assert " — " in problem.message or "add " in problem.message, problem.message


def _check_entries(report: Report, expected: dict[str, Any]) -> None:
    entries = {e.file: e for e in report.entries}
    for file, wanted in expected.get("entries", {}).items():
        entry = entries[file]
        assert entry.status == wanted["status"]
        for criterion_id, state in wanted.get("criteria", {}).items():
            result = entry.criteria[criterion_id] if entry.criteria else None
            assert result is not None
            found = "justified" if result.justified else "met" if result.met else "missed"
            assert found == state, (criterion_id, result.detail)
        for pointer, value in wanted.get("values", {}).items():
            data: Any = entry.data
            for part in pointer.split("/")[1:]:
                data = data[int(part)] if isinstance(data, list) else data[part]
            assert data == value, pointer


@pytest.mark.parametrize("folder", case_folders("invalid"), ids=case_id)
def test_invalid_case_reports_exactly_its_problems(folder: Path, registry_root: Callable[..., Path]) -> None:
    report, expected = _run(folder, registry_root)
    assert not report.ok
    rule = folder.relative_to(CASES / "invalid").parts[0]
    assert rule in {p.rule for p in report.problems}, f"the {rule} case does not produce {rule}"
    _check_problems(report, expected)
    _check_entries(report, expected)


@pytest.mark.parametrize("folder", case_folders("valid"), ids=case_id)
def test_valid_case_passes_with_exactly_its_warnings(folder: Path, registry_root: Callable[..., Path]) -> None:
    report, expected = _run(folder, registry_root)
    assert report.ok, [p for p in report.problems if p.severity == "error"]
    assert all(p["severity"] == "warning" for p in expected["problems"])
    _check_problems(report, expected)
    _check_entries(report, expected)
    files, _ = case_files(folder)
    assert {f"registry/coalitions/{name}" for name in files} <= set(expected["entries"])


def test_every_error_rule_has_a_case() -> None:
    folders = {p.name for p in (CASES / "invalid").iterdir() if p.is_dir()}
    assert folders == set(ERROR_RULES)


def test_too_large_covers_both_size_and_depth() -> None:
    assert {case_id(f) for f in case_folders("invalid/too-large")} == {"invalid/too-large/bytes",
                                                                           "invalid/too-large/depth"}

"""The report data of generator/registry/report.py on its own: EntryReport.ok and .eligible, Report's counts, the order
problems are listed in, and the public status an entry gets. Entries come from real text through
check_coalition_text, or from real criteria results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.problems import Problem
from generator.registry.criteria import evaluate
from generator.registry.load import load_text
from generator.registry.report import EntryReport, Report
from generator.registry.validate import check_coalition_text, validate
from generator.settings import make_settings

from .support.hostile import base_entry, dump
from .support.registry import EXAMPLE, checkout_criteria

CRITERIA = checkout_criteria()
FILE = "registry/coalitions/hostile-0000.yml"
ERROR = Problem("error", "schema", "wrong", FILE, "/name", 3, 7)
WARNING = Problem("warning", "synergies", "advice", FILE)


def example(coalition_id: str = "hostile-0000") -> dict[str, Any]:
    """The eligible example coalition, read through the loader, under another id."""
    loaded = load_text(EXAMPLE.read_text(encoding="utf-8"), FILE)
    assert loaded.document is not None
    return {**loaded.document.data, "id": coalition_id}


def one_milestone(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "workplan": data["workplan"][:1]}  # criterion 4 (work plan) is missed


def met() -> dict[str, Any]:
    results = evaluate(example(), CRITERIA)
    assert all(r.met for r in results.values())
    return results


def missed() -> dict[str, Any]:
    results = evaluate(one_milestone(example()), CRITERIA)
    assert [k for k, r in results.items() if not r.met] == ["work-plan"]
    return results


# --- EntryReport ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("problems", "ok"), [((), True), ((WARNING,), True), ((ERROR,), False),
                                              ((WARNING, ERROR), False)], ids=["none", "warning", "error", "both"])
def test_an_entry_is_ok_unless_it_has_an_error(problems: tuple[Problem, ...], ok: bool) -> None:
    assert EntryReport(FILE, "hostile-0000", problems).ok is ok


def test_an_entry_is_eligible_when_it_is_ok_and_meets_all_four_criteria() -> None:
    assert EntryReport(FILE, "hostile-0000", (WARNING,), met(), "eligible").eligible
    assert not EntryReport(FILE, "hostile-0000", (), missed(), "forming").eligible
    assert not EntryReport(FILE, "hostile-0000", (ERROR,), met()).eligible  # an error cannot be published
    assert not EntryReport(FILE, None, ()).eligible  # never judged: a governance file, or one that did not load


def test_data_and_path_do_not_count_in_comparisons() -> None:
    one = EntryReport(FILE, "hostile-0000", (), data={"a": 1}, path=Path("a.yml"))
    assert one == EntryReport(FILE, "hostile-0000", (), data={"b": 2}, path=Path("b.yml"))
    assert "data=" not in repr(one) and "path=" not in repr(one)


# --- Report --------------------------------------------------------------------------------------------------------


def test_the_report_counts_errors_warnings_and_eligible_entries() -> None:
    broken = EntryReport("registry/coalitions/broken.yml", "broken", (ERROR, WARNING, ERROR))
    forming = EntryReport("registry/coalitions/forming.yml", "forming", (WARNING,), missed(), "forming")
    eligible = EntryReport("registry/coalitions/eligible.yml", "eligible", (), met(), "eligible")
    report = Report((broken, forming, eligible), CRITERIA)
    assert (report.errors, report.warnings, report.eligible, report.ok) == (2, 2, 1, False)
    assert report.problems == [ERROR, WARNING, ERROR, WARNING]  # entry by entry, in each entry's order
    assert Report((forming, eligible), CRITERIA).ok
    assert Report((), CRITERIA).ok and Report((), CRITERIA).eligible == 0


def test_a_report_is_of_the_whole_registry_unless_files_were_named(registry_root: Callable[..., Path],
                                                                  example_text: str) -> None:
    root = registry_root({"example-ocean-futures.yml": example_text})
    settings = make_settings(root)
    assert validate(settings, similarity=False).whole_registry
    named = validate(settings, [root / "registry" / "coalitions" / "example-ocean-futures.yml"], similarity=False)
    assert not named.whole_registry and [e.file for e in named.entries] == [
        "registry/coalitions/example-ocean-futures.yml"]


# --- sort order and status -----------------------------------------------------------------------------------------


def _checked(data: dict[str, Any], root: Path) -> EntryReport:
    return check_coalition_text(dump(data), FILE, make_settings(root))


def test_problems_are_listed_by_line_then_column(registry_root: Callable[..., Path]) -> None:
    data = base_entry(0)
    data["members"][0]["country"] = "XQ"
    data["members"][1]["country"] = "BM"
    data["id"] = "other-id"
    entry = _checked(data, registry_root())
    positions = [(p.line, p.column) for p in entry.problems]
    assert [p.rule for p in entry.problems] == ["id-mismatch", "unknown-country", "region-required"]
    assert positions == sorted(positions) and len(set(positions)) == 3


def test_at_one_position_errors_come_before_warnings_then_by_rule(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    criteria = root / "registry" / "criteria.yml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("enforce: false", "enforce: true"),
                        encoding="utf-8")
    data = base_entry(0)
    for member in data["members"]:
        member.update(sector="civil-society", constituency="ngos")  # one sector, one constituency, one region …
    data["members"][1]["country"] = "KE"
    entry = _checked(data, root)
    at_members = [(p.severity, p.rule) for p in entry.problems if p.pointer == "/members"]
    assert at_members == [("error", "constituency-diversity"), ("error", "regional-diversity"),
                          ("warning", "organisational-diversity")]
    assert len({(p.line, p.column) for p in entry.problems if p.pointer == "/members"}) == 1


def test_status_is_eligible_or_forming_from_the_criteria(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    assert _checked(example(), root).status == "eligible"
    forming = _checked(one_milestone(example()), root)
    assert (forming.status, forming.ok, forming.eligible) == ("forming", True, False)
    broken = example()
    broken["members"][0]["country"] = "XQ"
    failed = _checked(broken, root)
    assert (failed.status, failed.criteria, failed.ok) == (None, None, False)  # no criteria judged on an error


def test_a_decision_sets_the_status_of_a_publishable_entry_only(registry_root: Callable[..., Path]) -> None:
    good, bad = base_entry(1), base_entry(2)
    bad["members"][0]["country"] = "XQ"
    root = registry_root({"hostile-0001.yml": dump(good), "hostile-0002.yml": dump(bad)})
    (root / "registry" / "decisions.yml").write_text(
        "decisions:\n"
        "  - {coalition: hostile-0001, decision: shortlisted, date: '2026-01-01'}\n"
        "  - {coalition: hostile-0002, decision: shortlisted, date: '2026-01-01'}\n", encoding="utf-8")
    report = validate(make_settings(root), similarity=False)
    status = {e.id: e.status for e in report.entries if e.id}
    assert status == {"hostile-0001": "shortlisted", "hostile-0002": None}
    assert set(report.decisions) == {"hostile-0001", "hostile-0002"}

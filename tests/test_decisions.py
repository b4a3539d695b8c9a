"""generator/registry/decisions.py on its own: reading registry/decisions.yml, the decision in force for each
coalition, decisions that name coalitions the registry does not have, and decisions that contradict each other.
Real files, this checkout's decisions schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.registry.decisions import (
    Decision,
    contradiction_problems,
    curated_status,
    decision_target_problems,
    load_decisions,
)
from generator.registry.validate import validate
from generator.settings import make_settings

from .support.registry import CHECKOUT, coalition_text, make_root

SCHEMA = CHECKOUT / "schema" / "decisions.schema.json"
FILE = "registry/decisions.yml"
DECISIONS = """\
decisions:
  - coalition: example-ocean
    decision: shortlisted
    date: "2026-01-10"
  - coalition: example-river
    decision: merged
    date: "2026-02-01"
    merged_into: example-ocean
    note: |
      The two proposals joined forces.
      Over two lines.
  - coalition: example-ocean
    decision: archived
    date: "2026-03-01"
"""


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "decisions.yml"
    path.write_text(text, encoding="utf-8")
    return path


def decided(coalition: str, decision: str, date: str, note: str = "") -> Decision:
    return Decision(coalition, decision, date, None, note)


# --- load_decisions ------------------------------------------------------------------------------------------------


def test_a_missing_file_is_no_decision_and_no_problem(tmp_path: Path) -> None:
    assert load_decisions(tmp_path / "absent.yml", FILE, SCHEMA) == ([], [])


def test_decisions_are_read_in_file_order_with_their_defaults(tmp_path: Path) -> None:
    decisions, problems = load_decisions(written(tmp_path, DECISIONS), FILE, SCHEMA)
    assert problems == []
    assert decisions == [
        Decision("example-ocean", "shortlisted", "2026-01-10", None, ""),
        Decision("example-river", "merged", "2026-02-01", "example-ocean",
                 "The two proposals joined forces.\nOver two lines.\n"),
        Decision("example-ocean", "archived", "2026-03-01", None, ""),
    ]


def test_the_shipped_decisions_file_is_read_without_problems() -> None:
    decisions, problems = load_decisions(CHECKOUT / "registry" / "decisions.yml", FILE, SCHEMA)
    assert problems == [] and all(isinstance(d, Decision) for d in decisions)


@pytest.mark.parametrize(("text", "pointer"), [
    ("decisions:\n  - coalition: example-river\n    decision: merged\n    date: '2026-02-01'\n",
     "/decisions/0/merged_into"),
    ("decisions:\n  - coalition: example-river\n    decision: deleted\n    date: '2026-02-01'\n",
     "/decisions/0/decision"),
    ("decisions:\n  - coalition: Example River\n    decision: archived\n    date: '2026-02-01'\n",
     "/decisions/0/coalition"),
    ("decided: []\n", "/decisions"),
], ids=["merged-without-target", "unknown-decision", "not-an-id", "wrong-key"])
def test_a_file_the_schema_refuses_gives_problems_and_no_decision(tmp_path: Path, text: str, pointer: str) -> None:
    decisions, problems = load_decisions(written(tmp_path, text), FILE, SCHEMA)
    assert decisions == []
    assert problems and all(p.severity == "error" and p.file == FILE for p in problems)
    assert any(p.pointer == pointer for p in problems), [(p.rule, p.pointer) for p in problems]


def test_a_file_the_loader_refuses_gives_its_problem_and_no_decision(tmp_path: Path) -> None:
    decisions, problems = load_decisions(written(tmp_path, "decisions: [\n"), FILE, SCHEMA)
    assert decisions == [] and [p.rule for p in problems] == ["yaml-syntax"]


# --- curated_status ------------------------------------------------------------------------------------------------


def test_no_decision_is_no_status() -> None:
    assert curated_status([]) == {}


def test_the_newest_decision_is_in_force_whatever_the_file_order() -> None:
    newest = decided("example-ocean", "archived", "2026-03-01")
    older = [decided("example-ocean", "shortlisted", "2026-01-10"), decided("example-ocean", "merged", "2025-12-31")]
    assert curated_status([newest, *older])["example-ocean"] is newest
    assert curated_status([*older, newest])["example-ocean"] is newest
    assert curated_status([older[0], newest, older[1]])["example-ocean"] is newest


def test_on_the_same_day_the_later_line_of_the_file_wins() -> None:
    first, second = decided("example-ocean", "shortlisted", "2026-03-01"), decided("example-ocean", "archived",
                                                                                   "2026-03-01")
    assert curated_status([first, second])["example-ocean"] is second
    assert curated_status([second, first])["example-ocean"] is first


def test_each_coalition_keeps_its_own_decision() -> None:
    ocean, river = decided("example-ocean", "shortlisted", "2026-05-01"), decided("example-river", "archived",
                                                                                  "2024-01-01")
    assert curated_status([ocean, river]) == {"example-ocean": ocean, "example-river": river}


def test_the_status_is_that_of_the_loaded_file(tmp_path: Path) -> None:
    decisions, _ = load_decisions(written(tmp_path, DECISIONS), FILE, SCHEMA)
    status = curated_status(decisions)
    assert {k: v.decision for k, v in status.items()} == {"example-ocean": "archived", "example-river": "merged"}


# --- decision_target_problems --------------------------------------------------------------------------------------


def test_decisions_about_known_coalitions_are_no_problem(tmp_path: Path) -> None:
    path = written(tmp_path, DECISIONS)
    decisions, _ = load_decisions(path, FILE, SCHEMA)
    assert decision_target_problems(path, FILE, decisions, {"example-ocean", "example-river"}) == []


def test_an_unknown_coalition_and_an_unknown_merge_target_are_each_reported_where_they_are(tmp_path: Path) -> None:
    path = written(tmp_path, DECISIONS)
    decisions, _ = load_decisions(path, FILE, SCHEMA)
    problems = decision_target_problems(path, FILE, decisions, {"example-river"})
    assert [(p.rule, p.pointer, p.line, p.column) for p in problems] == [
        ("unknown-decision-target", "/decisions/0/coalition", 2, 16),
        ("unknown-decision-target", "/decisions/1/merged_into", 8, 18),
        ("unknown-decision-target", "/decisions/2/coalition", 12, 16),
    ]
    assert problems[1].message.startswith("decisions[1].merged_into: no coalition has the id 'example-ocean'")
    assert all(p.severity == "error" and p.file == FILE for p in problems)


def test_both_fields_of_one_decision_can_be_unknown(tmp_path: Path) -> None:
    path = written(tmp_path, DECISIONS)
    decisions, _ = load_decisions(path, FILE, SCHEMA)
    problems = decision_target_problems(path, FILE, decisions, set())
    assert [p.pointer for p in problems] == ["/decisions/0/coalition", "/decisions/1/coalition",
                                             "/decisions/1/merged_into", "/decisions/2/coalition"]


def test_ids_are_matched_exactly(tmp_path: Path) -> None:
    path = written(tmp_path, DECISIONS)
    decisions, _ = load_decisions(path, FILE, SCHEMA)
    problems = decision_target_problems(path, FILE, decisions, {"Example-Ocean", "example-river "})
    assert len(problems) == 4


# --- contradiction_problems ----------------------------------------------------------------------------------------


def merge(coalition: str, into: str, date: str = "2026-02-01") -> str:
    return f"  - coalition: {coalition}\n    decision: merged\n    date: \"{date}\"\n    merged_into: {into}\n"


def simple(coalition: str, decision: str, date: str) -> str:
    return f"  - coalition: {coalition}\n    decision: {decision}\n    date: \"{date}\"\n"


def contradictions(tmp_path: Path, *items: str) -> list[tuple[str, str, int]]:
    path = written(tmp_path, "decisions:\n" + "".join(items))
    decisions, problems = load_decisions(path, FILE, SCHEMA)
    assert problems == [] and decisions
    found = contradiction_problems(path, FILE, decisions)
    assert all(p.severity == "error" and p.file == FILE for p in found)
    return [(p.rule, p.pointer, p.line) for p in found]


def test_the_example_decisions_contradict_nothing(tmp_path: Path) -> None:
    path = written(tmp_path, DECISIONS)
    decisions, _ = load_decisions(path, FILE, SCHEMA)
    assert contradiction_problems(path, FILE, decisions) == []


def test_a_coalition_merged_into_itself_is_reported_on_its_merged_into_line(tmp_path: Path) -> None:
    path = written(tmp_path, "decisions:\n" + simple("example-ocean", "shortlisted", "2026-01-01")
                   + merge("example-ocean", "example-ocean"))
    decisions, _ = load_decisions(path, FILE, SCHEMA)
    [problem] = contradiction_problems(path, FILE, decisions)
    assert (problem.rule, problem.pointer, problem.line, problem.column) == (
        "decision-self-merge", "/decisions/1/merged_into", 8, 18)
    assert problem.message.startswith("decisions[1]: 'example-ocean' is merged into itself — merged_into must name "
                                      "the other coalition it joined")


def test_two_coalitions_merged_into_each_other_are_reported_on_both_merges(tmp_path: Path) -> None:
    path = written(tmp_path, "decisions:\n" + merge("example-river", "example-lake")
                   + merge("example-lake", "example-river"))
    decisions, _ = load_decisions(path, FILE, SCHEMA)
    problems = contradiction_problems(path, FILE, decisions)
    assert [(p.rule, p.pointer, p.line) for p in problems] == [
        ("decision-merge-cycle", "/decisions/0/merged_into", 5),
        ("decision-merge-cycle", "/decisions/1/merged_into", 9)]
    assert "(example-river → example-lake → example-river; lines 2, 6)" in problems[0].message
    assert "correct or remove one of these merges" in problems[1].message


def test_a_longer_cycle_is_reported_on_each_of_its_merges_and_a_merge_into_it_is_not(tmp_path: Path) -> None:
    found = contradictions(tmp_path, merge("example-delta", "example-river"), merge("example-river", "example-lake"),
                           merge("example-lake", "example-sea"), merge("example-sea", "example-river"))
    assert found == [("decision-merge-cycle", f"/decisions/{n}/merged_into", 5 + 4 * n) for n in (1, 2, 3)]


def test_a_chain_of_merges_that_ends_at_an_open_coalition_is_no_cycle(tmp_path: Path) -> None:
    assert contradictions(tmp_path, merge("example-river", "example-lake"), merge("example-lake", "example-sea"),
                          simple("example-sea", "shortlisted", "2026-02-01")) == []


def test_a_merge_replaced_by_a_later_decision_closes_no_cycle(tmp_path: Path) -> None:
    assert contradictions(tmp_path, merge("example-river", "example-lake", "2025-05-01"),
                          simple("example-river", "shortlisted", "2025-09-01"),
                          merge("example-lake", "example-river", "2026-01-01")) == []


def test_two_outcomes_for_one_coalition_on_its_latest_date_conflict(tmp_path: Path) -> None:
    path = written(tmp_path, "decisions:\n" + simple("example-ocean", "shortlisted", "2026-03-01")
                   + merge("example-ocean", "example-river", "2026-03-01"))
    decisions, _ = load_decisions(path, FILE, SCHEMA)
    [problem] = contradiction_problems(path, FILE, decisions)
    assert (problem.rule, problem.pointer, problem.line) == ("decision-conflict", "/decisions/1/decision", 6)
    assert problem.message.startswith("decisions[1]: 'example-ocean' is shortlisted on line 2 and merged into "
                                      "'example-river' here, both on 2026-03-01, so nothing says which is in force "
                                      "— give the decision that holds now a later date")


def test_merges_into_two_coalitions_on_one_day_conflict(tmp_path: Path) -> None:
    assert contradictions(tmp_path, merge("example-ocean", "example-river"), merge("example-ocean", "example-lake")
                          ) == [("decision-conflict", "/decisions/1/decision", 7)]


@pytest.mark.parametrize("items", [
    (simple("example-ocean", "shortlisted", "2026-03-01"), simple("example-ocean", "shortlisted", "2026-03-01")),
    (simple("example-ocean", "shortlisted", "2026-03-01"), simple("example-ocean", "archived", "2026-03-01"),
     simple("example-ocean", "shortlisted", "2026-04-01")),
    (simple("example-ocean", "shortlisted", "2026-03-01"), simple("example-river", "archived", "2026-03-01")),
], ids=["the-same-outcome-twice", "settled-by-a-later-date", "two-coalitions"])
def test_decisions_that_leave_one_decision_in_force_do_not_conflict(tmp_path: Path, items: tuple[str, ...]) -> None:
    assert contradictions(tmp_path, *items) == []


def test_validate_reports_contradictions_in_decisions_yml_and_the_registry_is_not_ok(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {f"{c}.yml": coalition_text(c, ["example-volunteer"])
                                         for c in ("example-river", "example-lake")})
    (root / "registry" / "decisions.yml").write_text("decisions:\n" + merge("example-river", "example-lake")
                                                     + merge("example-lake", "example-river"), encoding="utf-8")
    report = validate(make_settings(root), similarity=False)
    [entry] = [e for e in report.entries if e.file == FILE]
    assert [(p.rule, p.line) for p in entry.problems] == [("decision-merge-cycle", 5), ("decision-merge-cycle", 9)]
    assert not report.ok

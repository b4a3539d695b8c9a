"""The maintainers' curated decisions (registry/decisions.yml) and the public status they set."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.i18n.catalogs import _
from generator.problems import Problem
from generator.registry.load import Document, load_file
from generator.registry.schemas import load_schema, schema_problems


@dataclass(frozen=True, slots=True)
class Decision:
    coalition: str
    decision: str  # shortlisted | merged | archived
    date: str
    merged_into: str | None
    note: str


CLOSED = ("merged", "archived")  # decisions that close a coalition: it is compared and matched no more


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
                problems.append(Problem("error", "unknown-decision-target", _(
                    "{field}: no coalition has the id '{id}' — check the spelling against the file names in {folder}"
                ).format(field=f"decisions[{index}].{field}", id=target, folder="registry/coalitions/"),
                    file, pointer, line, column))
    return problems


def _in_force(decisions: list[Decision]) -> dict[str, int]:
    """Where the decision in force for each coalition is in the list: the latest by date (file order breaks ties)."""
    latest: dict[str, int] = {}
    for n, decision in enumerate(decisions):
        current = latest.get(decision.coalition)
        if current is None or decision.date >= decisions[current].date:
            latest[decision.coalition] = n
    return latest


def curated_status(decisions: list[Decision]) -> Mapping[str, Decision]:
    """The decision in force for each coalition: the latest by date (file order breaks ties)."""
    return {coalition: decisions[n] for coalition, n in _in_force(decisions).items()}


def decision_checks(path: Path, file: str, decisions: list[Decision], ids: Collection[str]) -> list[Problem]:
    """What decisions.yml can get wrong beyond its schema: unknown coalitions, and decisions that contradict."""
    return decision_target_problems(path, file, decisions, ids) + contradiction_problems(path, file, decisions)


def contradiction_problems(path: Path, file: str, decisions: list[Decision]) -> list[Problem]:
    """Decisions that cannot all hold: `decision-self-merge`, `decision-conflict`, `decision-merge-cycle`."""
    where = _Where(load_file(path, file).document, file)
    problems = [where.problem("decision-self-merge", n, "merged_into", _(
        "'{id}' is merged into itself — {field} must name the other coalition it joined; to close it without one, "
        "use {archived}").format(id=d.coalition, field="merged_into", archived="decision: archived"))
                for n, d in enumerate(decisions) if d.decision == "merged" and d.merged_into == d.coalition]
    problems += _conflicts(decisions, where) + _cycles(decisions, where)
    return sorted(problems, key=lambda p: (p.line, p.column, p.rule))


@dataclass(frozen=True, slots=True)
class _Where:
    """Lines of decisions.yml, for messages that point at the decisions they are about."""

    document: Document | None
    file: str

    def locate(self, pointer: str) -> tuple[int, int]:
        return self.document.locate(pointer) if self.document is not None else (1, 1)

    def line(self, n: int) -> int:
        return self.locate(f"/decisions/{n}")[0]

    def problem(self, rule: str, n: int, field: str, message: str) -> Problem:
        pointer = f"/decisions/{n}/{field}"
        return Problem("error", rule, f"decisions[{n}]: {message}", self.file, pointer, *self.locate(pointer))


def _outcome(decision: Decision) -> str:
    return _("merged into '{id}'").format(id=decision.merged_into) if decision.decision == "merged" \
        else decision.decision


def _conflicts(decisions: list[Decision], where: _Where) -> list[Problem]:
    """Different outcomes for one coalition on its latest date: no later date says which is in force."""
    latest = curated_status(decisions)
    problems = []
    for n, decision in enumerate(decisions):
        if decision.date != latest[decision.coalition].date:
            continue  # a later decision is in force: this one is history
        earlier = [m for m, d in enumerate(decisions[:n]) if d.coalition == decision.coalition
                   and d.date == decision.date and _outcome(d) != _outcome(decision)]
        if earlier:
            problems.append(where.problem("decision-conflict", n, "decision", _(
                "'{id}' is {first} on line {line} and {second} here, both on {date}, so nothing says which is in "
                "force — give the decision that holds now a later date, or remove the one that no longer does"
            ).format(id=decision.coalition, first=_outcome(decisions[earlier[0]]), line=where.line(earlier[0]),
                     second=_outcome(decision), date=decision.date)))
    return problems


def _cycles(decisions: list[Decision], where: _Where) -> list[Problem]:
    """Merges in force that lead back to where they started: no coalition of the loop stays open to join.

    Only decisions in force are followed: a merge that a later decision replaced leads nowhere.
    """
    merged = {c: n for c, n in _in_force(decisions).items() if decisions[n].decision == "merged"}
    problems: list[Problem] = []
    followed: set[str] = set()
    for start in merged:
        chain: list[str] = []
        current: str | None = start
        while current in merged and current not in followed and current not in chain:
            chain.append(current)
            current = decisions[merged[current]].merged_into
        followed.update(chain)
        loop = chain[chain.index(current):] if current in chain else []
        if len(loop) < 2:
            continue  # no loop, or a coalition merged into itself (decision-self-merge)
        circle = " → ".join([*loop, loop[0]])
        lines = ", ".join(str(where.line(merged[c])) for c in loop)
        problems += [where.problem("decision-merge-cycle", merged[c], "merged_into", _(
            "these merges go round in a circle ({circle}; lines {lines}), so none of these coalitions remains for "
            "the others to join — {field} must lead to a coalition that stays: correct or remove one of these merges"
        ).format(circle=circle, lines=lines, field="merged_into")) for c in loop]
    return problems

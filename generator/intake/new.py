"""`impact new`: a new coalition file from a few answers, checked by the real validator before it is written.

    options and/or answers to questions → Answers → coalition_yaml → check_coalition_text → registry/coalitions/<id>.yml

Each answer is checked on its own first (checks.py), so that a question can be asked again; the whole
file is then checked as `impact validate` would check it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from generator.errors import ImpactError, InvalidAnswer, NewRefused
from generator.intake.checks import (
    check_email,
    check_id,
    check_maintainer,
    check_text,
    check_themes,
    parse_member,
    read_rules,
    suggest_id,
)
from generator.intake.entry import Answers, coalition_yaml
from generator.intake.prompts import Questions, ask, ask_members
from generator.problems import Problem
from generator.registry.criteria import CRITERIA, CriteriaSettings, load_criteria_settings
from generator.registry.report import EntryReport
from generator.registry.validate import check_coalition_text
from generator.settings import Settings

T = TypeVar("T")
V = TypeVar("V")


@dataclass(frozen=True, kw_only=True)
class Flags:
    """What was given on the command line, not yet checked. Empty means: ask."""

    id: str | None = None
    name: str | None = None
    summary: str | None = None
    themes: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # "Name|CC|sector|constituency[|constituency in own words]"
    email: str | None = None
    maintainers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Created:
    path: Path
    file: str  # as shown to the user
    report: EntryReport
    criteria: CriteriaSettings
    blocked_by_criteria: tuple[Problem, ...] = field(default=())  # only when criteria.yml enforces them


def _given(value: V | None, check: Callable[[V], T]) -> T | None:
    """The checked option, or None when it was not given (no value, or a repeatable option not repeated)."""
    return None if value is None or value == () else check(value)


def gather(settings: Settings, flags: Flags, questions: Questions | None) -> Answers:
    """Check what was given as flags (an unusable flag raises InvalidAnswer) and ask for the rest."""
    rules = read_rules(settings)
    check_name = partial(check_text, rule=rules.field("name"), what="the name")
    check_summary = partial(check_text, rule=rules.field("summary"), what="the summary")
    objective_rule = rules.field("objectives", "[]")
    name = _given(flags.name, check_name)
    entry_id = _given(flags.id, lambda v: check_id(v, settings, rules))
    if entry_id is None and name is not None and (suggestion := suggest_id(name)) is not None:
        entry_id = check_id(suggestion, settings, rules)  # the name was given: so is its id
    summary = _given(flags.summary, check_summary)
    themes = _given(flags.themes, lambda v: check_themes(v, rules))
    objectives = _given(flags.objectives, lambda v: tuple(check_text(o, objective_rule, "an objective") for o in v))
    members = _given(flags.members, lambda v: tuple(parse_member(m, rules) for m in v))
    email = _given(flags.email, lambda v: check_email(v, rules))
    maintainers = _given(flags.maintainers, lambda v: tuple(dict.fromkeys(check_maintainer(m, rules) for m in v)))
    missing = [what for what, value in (("--name", name), ("--id", entry_id), ("--summary", summary),
                                        ("--theme", themes), ("--objective", objectives), ("--member", members),
                                        ("--email", email), ("--maintainer", maintainers)) if value is None]

    def answer(value: T | None, asking: Callable[[Questions], T]) -> T:
        if value is not None:
            return value
        if questions is None:
            raise InvalidAnswer(f"missing {', '.join(missing)} — give them as flags, or run impact new in a "
                                "terminal to be asked")
        return asking(questions)

    name = answer(name, lambda q: ask(q, "Name of the coalition", check_name))
    return Answers(
        name=name,
        id=answer(entry_id, lambda q: ask(q, "Id (becomes the file name and the page address)",
                                          lambda v: check_id(v, settings, rules), suggest_id(name))),
        summary=answer(summary, lambda q: ask(q, "Summary: two or three plain sentences on what the coalition "
                                              "wants to change", check_summary)),
        themes=answer(themes, lambda q: ask(q, f"Themes, separated by commas ({', '.join(rules.enum('themes'))})",
                                            lambda v: check_themes([v], rules))),
        objectives=answer(objectives, lambda q: (ask(q, "One objective of the coalition, in one sentence",
                                                     partial(check_text, rule=objective_rule,
                                                             what="the objective")),)),
        members=answer(members, lambda q: ask_members(q, rules)),
        email=answer(email, lambda q: ask(q, "Contact e-mail (a role address, not a person's own)",
                                          lambda v: check_email(v, rules))),
        maintainers=answer(maintainers, lambda q: (ask(q, "GitHub user name of a maintainer who may edit this file",
                                                       lambda v: check_maintainer(v, rules)),)))


def create_coalition(settings: Settings, answers: Answers) -> Created:
    """Check the new file with the real validator, then write it; never overwrites."""
    criteria = load_criteria_settings(settings.criteria_path, settings.root / "schema" / "criteria.schema.json")
    path = settings.coalitions_dir / f"{answers.id}.yml"
    file = settings.display(path)
    text = coalition_yaml(answers, criteria)
    report = check_coalition_text(text, file, settings)
    criterion_ids = {c.id for c in CRITERIA}
    errors = [p for p in report.problems if p.severity == "error" and p.rule not in criterion_ids]
    if errors:
        raise NewRefused(f"{file} was not written: the validator found {len(errors)} "
                         f"problem{'s' * (len(errors) != 1)} in it", errors)
    blocked = tuple(p for p in report.problems if p.severity == "error" and p.rule in criterion_ids)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError as exc:
        raise NewRefused(f"{file} already exists — choose another id; to change that coalition, edit its file "
                         "instead") from exc
    except OSError as exc:
        raise ImpactError(f"cannot write {file}: {exc.strerror}") from exc
    return Created(path, file, report, criteria, blocked)


def next_steps(created: Created) -> list[str]:
    """What to tell the person once the file is written."""
    report, criteria = created.report, created.criteria
    lines = [f"Created {created.file}"]
    if report.criteria is not None:
        met = sum(r.met for r in report.criteria.values())
        lines.append(f"It passes validation and will be listed as {report.status or 'forming'}: {met} of "
                     f"{len(report.criteria)} ImPACT criteria met.")
    lines += [
        "Next, fill in:",
        f"  - engagement: a plan of at least {criteria.min_plan_characters} characters to engage Member States, "
        "UN Country Teams or UN agencies, or the support that engagement needs (criterion 3)",
        f"  - workplan: at least {criteria.min_milestones} dated milestones reaching {criteria.reaches_at_least} "
        "or later (criterion 4)",
        "  - more members, so that civil society actors from several regions and constituencies take part "
        "(criteria 1 and 2)",
        f"Then check it with: impact validate {created.file}",
    ]
    if created.blocked_by_criteria:
        lines.append("This registry enforces the ImPACT criteria (criteria.yml: enforce: true): the pull request "
                     "will pass once they are met.")
    return lines

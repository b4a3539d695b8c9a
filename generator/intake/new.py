"""`impact new`: a new coalition file from a few answers, checked by the real validator before it is written.

    options and/or answers to questions → Answers → coalition_yaml → check_coalition_text → registry/coalitions/<id>.yml

Each answer is checked on its own first (checks.py, member_line.py), so that a question can be asked again;
the whole file is then checked as `impact validate` would check it. When the validator still refuses it, the
answers are not lost: the person may keep them in a draft, registry/drafts/<id>.yml (drafts.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from generator.errors import ImpactError, InvalidAnswer, NewRefused
from generator.i18n.catalogs import _, ngettext
from generator.intake.checks import (
    Rules,
    check_email,
    check_id,
    check_maintainer,
    check_milestone,
    check_plan,
    check_text,
    check_themes,
    read_rules,
    suggest_id,
)
from generator.intake.choices import choices
from generator.intake.drafts import save_draft
from generator.intake.entry import Answers, Commitments, Engagement, Member, coalition_yaml
from generator.intake.member_line import read_member_line
from generator.intake.prompts import (
    Questions,
    ask,
    ask_commitments,
    ask_engagement,
    ask_members,
    ask_workplan,
)
from generator.problems import Problem
from generator.registry.criteria import CRITERIA, CriteriaSettings, load_criteria_settings
from generator.registry.report import EntryReport
from generator.registry.validate import check_coalition_text
from generator.reporters.summary import TITLES
from generator.settings import Settings

T = TypeVar("T")
V = TypeVar("V")


@dataclass(frozen=True, kw_only=True)
class Flags:
    """What was given on the command line, not yet checked. Empty means: ask (the engagement plan and the work
    plan are asked only when some other question is)."""

    id: str | None = None
    name: str | None = None
    summary: str | None = None
    themes: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # member lines: "name | country | sector | constituency | field=value …"
    member_states: str | None = None
    un_agencies: str | None = None
    support_needed: str | None = None
    milestones: tuple[str, ...] = ()  # "date | what happens"
    email: str | None = None
    maintainers: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()  # transparency, accountability, inclusivity


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


def gather(settings: Settings, flags: Flags, questions: Questions | None) -> tuple[Answers, bool]:
    """Check what was given as flags (an unusable flag raises InvalidAnswer) and ask for the rest; whether any
    question was asked."""
    rules = read_rules(settings)
    check_name = partial(check_text, rule=rules.field("name"), what=_("the name"))
    check_summary = partial(check_text, rule=rules.field("summary"), what=_("the summary"))
    objective_rule = rules.field("objectives", "[]")
    name = _given(flags.name, check_name)
    entry_id = _given(flags.id, lambda v: check_id(v, settings, rules))
    if entry_id is None and name is not None and (suggestion := suggest_id(name)) is not None:
        entry_id = check_id(suggestion, settings, rules)  # the name was given: so is its id
    summary = _given(flags.summary, check_summary)
    themes = _given(flags.themes, lambda v: check_themes(v, rules))
    objectives = _given(flags.objectives, lambda v: tuple(check_text(o, objective_rule, _("an objective")) for o in v))
    members = _given(flags.members, lambda v: tuple(_flag_member(m, rules) for m in v))
    email = _given(flags.email, lambda v: check_email(v, rules))
    maintainers = _given(flags.maintainers, lambda v: tuple(dict.fromkeys(check_maintainer(m, rules) for m in v)))
    commitments = _given(flags.commitments, lambda v: _flag_commitments(v, rules))
    missing = [what for what, value in (("--name", name), ("--id", entry_id), ("--summary", summary),
                                        ("--theme", themes), ("--objective", objectives), ("--member", members),
                                        ("--email", email), ("--maintainer", maintainers),
                                        ("--commit", commitments)) if value is None]
    engagement = Engagement(**{key: check_plan(text or "", rules.field("engagement", key),
                                               f"--{key.replace('_', '-')}")
                               for key, text in (("member_states", flags.member_states),
                                                 ("un_agencies", flags.un_agencies),
                                                 ("support_needed", flags.support_needed))})
    workplan = tuple(check_milestone(m, rules) for m in flags.milestones)

    def answer(value: T | None, asking: Callable[[Questions], T]) -> T:
        if value is not None:
            return value
        if questions is None:
            raise InvalidAnswer(_("missing {flags} — give them as flags, or run {command} in a terminal to be "
                                  "asked").format(flags=", ".join(missing), command="impact new"))
        return asking(questions)

    def optional(value: T, empty: T, asking: Callable[[Questions], T]) -> T:
        """Asked with the rest, unless given or nothing is asked."""
        return asking(questions) if missing and questions is not None and value == empty else value

    name = answer(name, lambda q: ask(q, _("Name of the coalition"), check_name))
    criteria = load_criteria_settings(settings.criteria_path, settings.root / "schema" / "criteria.schema.json")
    answers = Answers(
        name=name,
        id=answer(entry_id, lambda q: ask(q, _("Id (becomes the file name and the page address)"),
                                          lambda v: check_id(v, settings, rules), suggest_id(name))),
        summary=answer(summary, lambda q: ask(q, _("Summary: two or three plain sentences on what the coalition "
                                                "wants to change"), check_summary)),
        themes=answer(themes, lambda q: ask(q, _("Themes, separated by commas ({values})").format(
            values=", ".join(rules.enum("themes"))), lambda v: check_themes([v], rules))),
        objectives=answer(objectives, lambda q: (ask(q, _("One objective of the coalition, in one sentence"),
                                                     partial(check_text, rule=objective_rule,
                                                             what=_("the objective"))),)),
        members=answer(members, lambda q: ask_members(q, rules)),
        engagement=optional(engagement, Engagement(), lambda q: ask_engagement(q, rules)),
        workplan=optional(workplan, (), lambda q: ask_workplan(q, rules, criteria)),
        email=answer(email, lambda q: ask(q, _("Contact e-mail (a role address, not a person's own)"),
                                          lambda v: check_email(v, rules))),
        maintainers=answer(maintainers, lambda q: (ask(q, _("GitHub user name of a maintainer who may edit this "
                                                            "file"), lambda v: check_maintainer(v, rules)),)),
        commitments=answer(commitments, lambda q: ask_commitments(q, rules)))
    return answers, bool(missing)


def _flag_member(line: str, rules: Rules) -> Member:
    read = read_member_line(line, rules)
    if read.member is None:
        raise InvalidAnswer(_("{flag} '{line}': {problems}").format(
            flag="--member", line=" ".join(line.split()), problems="; ".join(str(p) for p in read.problems)))
    return read.member


def _flag_commitments(values: tuple[str, ...], rules: Rules) -> Commitments:
    """--commit transparency,accountability,inclusivity: the commitments named are made, the others not."""
    names = list(rules.field("commitments")["properties"])
    commitment = choices("commitment", names)
    made = {commitment.pick(word) for value in values for word in value.split(",") if word.strip()}
    return Commitments(**{name: name in made for name in names})


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
        raise NewRefused(ngettext("{file} was not written: the validator found {count} problem in it",
                                  "{file} was not written: the validator found {count} problems in it",
                                  len(errors)).format(file=file, count=len(errors)), errors)
    blocked = tuple(p for p in report.problems if p.severity == "error" and p.rule in criterion_ids)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError as exc:
        raise NewRefused(_("{file} already exists — choose another id; to change that coalition, edit its file "
                           "instead").format(file=file)) from exc
    except OSError as exc:
        raise ImpactError(_("cannot write {file}: {reason}").format(file=file, reason=exc.strerror)) from exc
    return Created(path, file, report, criteria, blocked)


def new_coalition(settings: Settings, flags: Flags, questions: Questions) -> Created:
    """`impact new`: gather the answers and write the file. When the validator refuses it after questions were
    answered, offer to keep the answers in a draft rather than lose them."""
    answers, asked = gather(settings, flags, questions)
    try:
        return create_coalition(settings, answers)
    except NewRefused as refused:
        if not (asked and refused.problems):
            raise
        questions.say("\n".join(refused.lines(_, ngettext)))
        draft = settings.registry_dir / "drafts" / f"{answers.id}.yml"
        if not questions.confirm(_("Keep your answers in a draft ({file}) to fix and finish later?").format(
                file=settings.display(draft)), True):
            raise NewRefused(_("nothing was written, and your answers were not kept")) from None
        saved = settings.display(save_draft(settings, answers, refused.problems))
        raise NewRefused(_("your answers are kept in {draft}, not in the registry yet: fix what is listed above (it "
                           "is listed at the top of the draft too), then move the draft to {file} and check it with: "
                           "{command}").format(draft=saved, file=f"registry/coalitions/{answers.id}.yml",
                                               command="impact validate")) from None


def next_steps(created: Created) -> list[str]:
    """What to tell the person once the file is written: where, and its criteria as the validator reports them."""
    report = created.report
    lines = [_("Created {file}").format(file=created.file)]
    if report.criteria is not None:
        met = sum(r.met for r in report.criteria.values())
        missing = {key: result for key, result in report.criteria.items() if not result.met}
        status = ngettext("{status}, {met} of {count} ImPACT criterion met", "{status}, {met} of {count} ImPACT "
                          "criteria met", len(report.criteria)).format(
            status=report.status or "forming", met=met, count=len(report.criteria))
        if missing:
            lines.append(_("It passes validation and will be listed as {status}: missing {criteria}").format(
                status=status, criteria=", ".join(TITLES[key] for key in missing)))
        else:
            lines.append(_("It passes validation and will be listed as {status}.").format(status=status))
        lines += [f"  - {TITLES[key]}: {result.detail}" for key, result in missing.items()]
    if created.blocked_by_criteria:
        lines.append(_("This registry enforces the ImPACT criteria ({setting}): the pull request will pass once "
                       "they are met.").format(setting="criteria.yml: enforce: true"))
    lines.append(_("Then check it with: {command}").format(command=f"impact validate {created.file}"))
    return lines

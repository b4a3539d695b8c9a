"""`impact new` asks what its options did not give, until each answer passes its check.

Questions go through a small `Questions` object the CLI provides; this module never prints. The questions
the issue form asks too are worded as there (generator/form/questions.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Protocol, TypeVar

from generator.errors import InvalidAnswer
from generator.form.questions import QUESTIONS
from generator.i18n.catalogs import _, ngettext
from generator.intake.checks import Rules, check_milestone, check_plan, check_text
from generator.intake.entry import Commitments, Engagement, Member, Milestone
from generator.intake.member_line import (
    EXAMPLE,
    EXTRAS,
    SYNTAX,
    Part,
    check_member,
    check_part,
    constituency_needed,
    read_member_line,
    split_extras,
)
from generator.reference import countries
from generator.registry.criteria import CriteriaSettings

T = TypeVar("T")
_LABEL = {question.id: question.label for question in QUESTIONS}


class Questions(Protocol):
    """How the questions reach a person (the CLI passes Click's prompts)."""

    def ask(self, question: str, default: str | None = None) -> str: ...

    def confirm(self, question: str, default: bool | None = False) -> bool: ...

    def say(self, text: str) -> None: ...


def ask(questions: Questions, question: str, check: Callable[[str], T], default: str | None = None) -> T:
    """Ask until the answer can be used (Questions.ask raises when input ends, e.g. click.Abort)."""
    while True:
        answer = questions.ask(question, default)
        try:
            return check(answer)
        except InvalidAnswer as exc:
            questions.say(f"  {exc}")


def _said(problems: Iterable[object]) -> str:
    """Every problem of a member, one per line."""
    return "\n  ".join(str(problem) for problem in problems)


def _name_or_line(value: str, rules: Rules) -> Member | str:
    """The organisation's name, or a whole member line (it holds a |)."""
    if "|" not in value:
        return check_text(value, rules.field("members", "[]", "name"), _("the name"))
    line = read_member_line(value, rules)
    if line.member is None:
        raise InvalidAnswer(_said(line.problems))
    return line.member


def _checked(parts: dict[str, Part], extras: str, rules: Rules) -> Member:
    """The member of the answers so far and the field=value parts of the last one."""
    found, problems = split_extras(extras, parts)
    line = check_member(found, rules)
    if problems or line.member is None:
        raise InvalidAnswer(_said([*problems, *line.problems]))
    return line.member


def ask_member(questions: Questions, rules: Rules) -> Member:
    """One organisation, part by part, or in one line as the issue form and --member take it."""
    first = ask(questions, "  " + _("Organisation name (or the whole line: {syntax} | field=value …)").format(
        syntax=SYNTAX), lambda v: _name_or_line(v, rules))
    if isinstance(first, Member):
        return first
    sectors = rules.enum("members", "[]", "sector")
    constituencies = rules.enum("members", "[]", "constituency")
    parts = {"name": Part(None, first)}
    country = ask(questions, "  " + _("Country (its name in English, or its two-letter code: KE, BR, IN, DE)"),
                  lambda v: check_part("country", v, rules))
    sector = ask(questions, "  " + _("Sector ({values})").format(values=", ".join(sectors)),
                 lambda v: check_part("sector", v, rules), "civil-society")
    needed = sector in rules.civil_society_sectors

    def check_constituency(value: str) -> str:
        if value.strip():
            return check_part("constituency", value, rules)
        if needed:
            raise InvalidAnswer(constituency_needed(sector, rules))
        return ""

    asked = _("Constituency ({values})") if needed else _("Constituency ({values}; leave empty if none)")
    constituency = ask(questions, "  " + asked.format(values=", ".join(constituencies)), check_constituency, "")
    parts |= {"country": Part(None, country), "sector": Part(None, sector), "constituency": Part(None, constituency)}
    if constituency == "other":
        parts["constituency_other"] = Part(None, ask(questions, "  " + _("The constituency in your own words"),
                                                     lambda v: check_part("constituency_other", v, rules)))
    if countries()[country].region is None:
        regions = ", ".join(rules.enum("members", "[]", "region"))
        parts["region"] = Part(None, ask(
            questions, "  " + _("{country} belongs to no UN Regional Group: which group does the organisation count "
                                "in? ({values})").format(country=countries()[country].name, values=regions),
            lambda v: check_part("region", v, rules)))
    others = ", ".join(f"{e}=" for e in EXTRAS if e not in parts)
    return ask(questions, "  " + _("More about it, if you like: {fields} — separated by |, e.g. {example} (leave "
                                   "empty for nothing more)").format(
        fields=others, example="scope=global | primary_region=african | role=lead"),
               lambda v: _checked(parts, v, rules), "")


def ask_members(questions: Questions, rules: Rules) -> tuple[Member, ...]:
    """One organisation after another, until the person says there is no other."""
    questions.say(_("Members, one organisation at a time. A whole line may be typed at once, e.g. {example}").format(
        example=EXAMPLE))
    members: list[Member] = []
    while True:
        questions.say(_("Member {number}").format(number=len(members) + 1))
        members.append(ask_member(questions, rules))
        if not questions.confirm(_("Add another member?")):
            return tuple(members)


def ask_engagement(questions: Questions, rules: Rules) -> Engagement:
    """The three plans of ImPACT criterion 3 the issue form asks for; each may be skipped."""
    questions.say(_("How will the coalition engage the UN and Member States (ImPACT criterion 3)? Leave a question "
                    "empty to skip it; you can write the plans in the file later."))
    plans = {field: ask(questions, f"  {_(_LABEL[question])}",
                        partial(check_plan, rule=rules.field("engagement", field), what=_("the plan")), "")
             for question, field in (("member-states", "member_states"), ("un-agencies", "un_agencies"),
                                     ("support-needed", "support_needed"))}
    return Engagement(**plans)


def ask_workplan(questions: Questions, rules: Rules, criteria: CriteriaSettings) -> tuple[Milestone, ...]:
    """Milestones, one per answer, until an empty one; none at all is fine for a forming coalition."""
    questions.say(ngettext(
        "The work plan (ImPACT criterion 4): at least {count} milestone, the last on or after {last}. Write each as "
        "date | what happens, e.g. {example}. Leave it empty when done (or to skip).",
        "The work plan (ImPACT criterion 4): at least {count} milestones, the last on or after {last}. Write each as "
        "date | what happens, e.g. {example}. Leave it empty when done (or to skip).", criteria.min_milestones).format(
        count=criteria.min_milestones, last=criteria.reaches_at_least,
        example=_("2025-06-30 | First progress report published")))
    milestones: list[Milestone] = []

    def check(value: str) -> Milestone | None:
        return check_milestone(value, rules) if value.strip() else None

    while True:
        milestone = ask(questions, "  " + _("Milestone {number}").format(number=len(milestones) + 1), check, "")
        if milestone is None:
            return tuple(milestones)
        milestones.append(milestone)


def ask_commitments(questions: Questions, rules: Rules) -> Commitments:
    """Each of the three ImPACT commitments, as the schema words them ('We commit to transparency.')."""
    questions.say(_("The ImPACT Coalitions make three commitments; the registry lists the coalitions that make all "
                    "three."))
    stated = {name: questions.confirm("  " + _("{commitment} Does the coalition make this commitment?").format(
        commitment=_(part["description"]) if part.get("description") else name), None)
              for name, part in rules.field("commitments")["properties"].items()}
    if not all(stated.values()):
        questions.say("  " + _("Without all three the file cannot be added to the registry; at the end you can keep "
                               "your answers in a draft."))
    return Commitments(**stated)

"""`impact new` asks what its options did not give, until each answer passes its check.

Questions go through a small `Questions` object the CLI provides; this module never prints.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, TypeVar

from generator.errors import InvalidAnswer
from generator.intake.checks import (
    Rules,
    check_choice,
    check_constituency,
    check_country,
    check_member,
    check_text,
)
from generator.intake.entry import Member

T = TypeVar("T")


class Questions(Protocol):
    """How the questions reach a person (the CLI passes Click's prompts)."""

    def ask(self, question: str, default: str | None = None) -> str: ...

    def confirm(self, question: str) -> bool: ...

    def say(self, text: str) -> None: ...


def ask(questions: Questions, question: str, check: Callable[[str], T], default: str | None = None) -> T:
    """Ask until the answer can be used (Questions.ask raises when input ends, e.g. click.Abort)."""
    while True:
        answer = questions.ask(question, default)
        try:
            return check(answer)
        except InvalidAnswer as exc:
            questions.say(f"  {exc}")


def ask_members(questions: Questions, rules: Rules) -> tuple[Member, ...]:
    """One organisation after another, until the person says there is no other."""
    sectors = rules.enum("members", "[]", "sector")
    constituencies = rules.enum("members", "[]", "constituency")
    members: list[Member] = []
    while True:
        questions.say(f"Member {len(members) + 1} (one organisation of the coalition)")
        name = ask(questions, "  Organisation name",
                   lambda v: check_text(v, rules.field("members", "[]", "name"), "the name"))
        country = ask(questions, "  Country (two-letter ISO code, e.g. KE, BR, IN, DE)", check_country)
        sector = ask(questions, f"  Sector ({', '.join(sectors)})",
                     lambda v: check_choice(v, sectors, "sector"), "civil-society")
        needed = sector in rules.civil_society_sectors
        constituency = ask(questions, f"  Constituency ({', '.join(constituencies)})"
                           + ("" if needed else "; leave empty if none"),
                           partial(check_constituency, needed=needed, choices=constituencies), "")
        other = None
        if constituency == "other":
            other = ask(questions, "  The constituency in your own words",
                        lambda v: check_text(v, rules.field("members", "[]", "constituency_other"), "it"))
        members.append(check_member(name, country, sector, constituency, other, rules))
        if not questions.confirm("Add another member?"):
            return tuple(members)

"""A member organisation in one line, the same in every way in written in Python: `impact new --member`, the
answers to its questions, and the member lines of the issue form (the register page maps the same parts):

    name | country | sector | constituency | field=value | …

The four parts come first (the constituency may be left empty when the sector needs none); then, when needed,
any of region=, primary_region=, scope=, constituency_other=, role= and website=, e.g.

    Example Harbour Forum | HK | civil-society | other | region=asia-pacific | constituency_other=Port workers

Every problem of a line is said at once, by its part ("part 2, country: …"), never as a YAML pointer.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.errors import InvalidAnswer
from generator.i18n.catalogs import _
from generator.intake.checks import Rules, check_text, refuse_unusable
from generator.intake.choices import choices, country_choices
from generator.intake.entry import Member
from generator.reference import countries

PARTS = ("name", "country", "sector", "constituency")
EXTRAS = ("region", "primary_region", "scope", "constituency_other", "role", "website")
SYNTAX = "name | country | sector | constituency"
EXAMPLE = "Example Harbour Forum | HK | civil-society | other | region=asia-pacific | constituency_other=Port workers"
_EXTRA = re.compile(r"([A-Za-z][A-Za-z_ -]*?)\s*=\s*(.*)")


@dataclass(frozen=True)
class PartProblem:
    part: str  # 'part 2, country', or the field a line lacks: 'region' (in the active language)
    message: str
    position: int | None = None  # the part's place in the line, when it has one

    def __str__(self) -> str:
        return f"{self.part}: {self.message}"


@dataclass(frozen=True)
class MemberLine:
    member: Member | None  # None when the line has a problem
    problems: tuple[PartProblem, ...]


@dataclass(frozen=True)
class Part:
    position: int | None  # in the line, from 1; None for an answer to a question of its own
    text: str


def _field_name(text: str) -> str:
    """'Primary region', 'primary-region' → 'primary_region'."""
    return "_".join(text.casefold().replace("-", " ").split())


def _where(field: str, parts: Mapping[str, Part]) -> str:
    part = parts.get(field)
    if part is not None and part.position is not None:
        return _("part {number}, {field}").format(number=part.position, field=field)
    return field


def _position(field: str, parts: Mapping[str, Part]) -> int | None:
    part = parts.get(field)
    return part.position if part is not None else None


def _extra(position: int | None, cell: str, parts: dict[str, Part]) -> PartProblem | None:
    """Take a field=value part into `parts`, or say what is wrong with it."""
    where = _("part {number}").format(number=position) if position is not None else f"'{cell}'"
    extra = _EXTRA.fullmatch(cell)
    if extra is None:
        return PartProblem(where, _("write it as field=value, e.g. {example} — the fields are {fields}").format(
            example="region=asia-pacific", fields=", ".join(EXTRAS)), position)
    name = _field_name(extra.group(1))
    if name not in EXTRAS:
        close = difflib.get_close_matches(name, EXTRAS, n=1, cutoff=0.6)
        fields = ", ".join(f"{e}=" for e in EXTRAS)
        if close:
            return PartProblem(where, _("a member line has no '{given}=' — did you mean {field}=? after the "
                                        "constituency come only {fields}").format(
                given=extra.group(1), field=close[0], fields=fields), position)
        return PartProblem(where, _("a member line has no '{given}=' — after the constituency come only "
                                    "{fields}").format(given=extra.group(1), fields=fields), position)
    if name in parts:
        return PartProblem(where, _("{field}= is given twice — keep one").format(field=name), position)
    parts[name] = Part(position, extra.group(2).strip())
    return None


def split_line(line: str) -> tuple[dict[str, Part], list[PartProblem], bool]:
    """The parts of a line by field, the problems of its shape, and whether its parts can be told apart (with too
    many or too few parts before the field=value parts, they cannot: none is checked)."""
    line = " ".join(refuse_unusable(line).split())
    if len(line) > 1 and line.startswith("|") and line.endswith("|"):  # a row of a Markdown table
        line = line[1:-1]
    cells = [cell.strip() for cell in line.split("|")]
    parts: dict[str, Part] = {"name": Part(1, cells[0])}
    positional = 1
    problems: list[PartProblem] = []
    for position, cell in enumerate(cells[1:], 2):
        if _EXTRA.fullmatch(cell):
            problem = _extra(position, cell, parts)
            problems += [problem] if problem else []
        elif len(parts) > positional:
            problems.append(PartProblem(_("part {number}").format(number=position),
                                        _("'{cell}' comes after a field=value part — write {syntax} first, then the "
                                          "field=value parts").format(cell=cell, syntax=SYNTAX), position))
        elif positional == 4 and cell and _field_name(parts["constituency"].text) == "other":
            parts["constituency_other"] = Part(position, cell)  # the older form: '| other | its own words'
        else:
            positional += 1
            if positional <= len(PARTS):
                parts[PARTS[positional - 1]] = Part(position, cell)
    if positional > len(PARTS):
        shape = _("it has {count} parts before the field=value parts; write four: {syntax} (no | inside the name), "
                  "then field=value parts, e.g. {example}").format(count=positional, syntax=SYNTAX, example=EXAMPLE)
    elif not all(parts.get(field, Part(None, "")).text for field in PARTS[:3]):
        shape = _("it needs at least: {least} — and, for civil society, | constituency; e.g. {example}").format(
            least="name | country code | sector", example=EXAMPLE)
    else:
        return parts, problems, True
    return parts, [PartProblem(_("the line"), shape)], False


def split_extras(text: str, parts: Mapping[str, Part]) -> tuple[dict[str, Part], list[PartProblem]]:
    """`parts` and the field=value parts of an answer of their own ('scope=global | primary_region=african')."""
    found = dict(parts)
    problems = [problem for cell in refuse_unusable(text).split("|") if cell.strip()
                if (problem := _extra(None, " ".join(cell.split()), found)) is not None]
    return found, problems


def check_part(field: str, text: str, rules: Rules) -> str:
    """One part's value as the file holds it: a choice's value (labels and synonyms taken), a text within its
    lengths, a web address."""
    node = rules.field("members", "[]", field)
    if field == "country":
        return country_choices().pick(text)
    if "enum" in node:
        what = "UN Regional Group" if field.endswith("region") else field
        return choices(field, node["enum"], what).pick(text)
    if field == "website":
        text = refuse_unusable(text).strip()
        if not rules.takes(text, node):
            raise InvalidAnswer(_("'{value}' is not a web address — write it whole, starting with https://, e.g. "
                                  "{example}").format(value=text, example="https://example.org"))
        return text
    what = _("the constituency in your own words") if field == "constituency_other" else \
        _("the {field}").format(field=field)
    return check_text(text, node, what)


def constituency_needed(sector: str, rules: Rules) -> str:
    values = ", ".join(rules.enum("members", "[]", "constituency"))
    if sector[:1] in tuple("aeiou"):
        return _("an {sector} member is a civil society actor, so it needs a constituency — use one of: "
                 "{values}").format(sector=sector, values=values)
    return _("a {sector} member is a civil society actor, so it needs a constituency — use one of: {values}").format(
        sector=sector, values=values)


def _needed(member: Mapping[str, str], rules: Rules) -> list[PartProblem]:
    """What one part asks of another: the rules of the schema and the validator that join the parts."""
    problems: list[PartProblem] = []
    regions = ", ".join(rules.enum("members", "[]", "region"))
    if member.get("sector") in rules.civil_society_sectors and not member.get("constituency"):
        problems.append(PartProblem("constituency", constituency_needed(member["sector"], rules)))
    if member.get("constituency") == "other" and not member.get("constituency_other"):
        problems.append(PartProblem("constituency_other", _(
            "with constituency other, say in your own words which constituency it is: add | constituency_other=…, "
            "e.g. constituency_other={example}").format(example=_("Port workers"))))
    if member.get("constituency_other") and member.get("constituency") != "other":
        problems.append(PartProblem("constituency_other", _("only a member of constituency other has one — make the "
                                                            "constituency other, or leave constituency_other out")))
    if member.get("scope") == "global" and not member.get("primary_region"):
        problems.append(PartProblem("primary_region", _(
            "a global organisation (scope=global) counts in the UN Regional Group where it mainly works: add | "
            "primary_region=…, one of: {values}").format(values=regions)))
    if member.get("primary_region") and member.get("scope") != "global":
        problems.append(PartProblem("primary_region", _("only a global organisation has one — add | scope=global, "
                                                        "or leave primary_region out")))
    country = countries().get(member.get("country", ""))
    if country is not None and country.region is None and not member.get("region") \
            and not (member.get("scope") == "global" and member.get("primary_region")):
        problems.append(PartProblem("region", _(
            "{country} belongs to no UN Regional Group, so say which group the organisation counts in: add | "
            "region=…, one of: {values}").format(country=f"{country.name} ({country.code})", values=regions)))
    return problems


def check_member(parts: Mapping[str, Part], rules: Rules) -> MemberLine:
    """The member the parts describe, or every problem of theirs."""
    values: dict[str, str] = {}
    problems: list[PartProblem] = []
    unusable: set[str] = set()
    for field, part in parts.items():
        if not part.text and field == "constituency":
            continue  # left empty: _needed says whether the sector needs one
        try:
            values[field] = check_part(field, part.text, rules)
        except InvalidAnswer as exc:
            problems.append(PartProblem(_where(field, parts), str(exc), _position(field, parts)))
            unusable.add(field)
    # What the parts ask of each other, unless a part it depends on is wrong already (then it is said once).
    problems += [PartProblem(_where(p.part, parts), p.message, _position(p.part, parts)) for p in _needed(values, rules)
                 if p.part not in unusable and not unusable & {"sector", "constituency", "scope", "country"}]
    if problems:
        return MemberLine(None, tuple(problems))
    return MemberLine(Member(**values), ())


def read_member_line(line: str, rules: Rules) -> MemberLine:
    """A member line: its member, or every problem of it."""
    parts, problems, readable = split_line(line)
    if not readable:
        return MemberLine(None, tuple(problems))
    checked = check_member(parts, rules)
    if not problems:
        return checked
    return MemberLine(None, tuple(sorted((*problems, *checked.problems), key=_in_line_order)))


def _in_line_order(problem: PartProblem) -> int:
    """Problems of a part by its place in the line; those of a part the line lacks last."""
    return problem.position if problem.position is not None else 1_000

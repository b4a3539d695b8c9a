"""`impact new`: a new coalition file from a few answers, checked by the real validator before it is written.

    flags and/or answers to questions → Answers → YAML text → check_coalition_text → registry/coalitions/<id>.yml

What may be answered (themes, sectors, constituencies, lengths, patterns) is read from the schema, so
the questions cannot drift from what `impact validate` accepts. Questions go through a small `Questions`
object the CLI provides; this module never prints.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.errors import ImpactError, InvalidAnswer, NewRefused
from generator.problems import Problem
from generator.reference import countries
from generator.registry.criteria import CRITERIA, CriteriaSettings, load_criteria_settings
from generator.registry.report import EntryReport
from generator.registry.validate import check_coalition_text
from generator.settings import Settings

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/coalition.schema.json"


class Questions(Protocol):
    """How the questions reach a person (the CLI passes Click's prompts)."""

    def ask(self, question: str, default: str | None = None) -> str: ...

    def confirm(self, question: str) -> bool: ...

    def say(self, text: str) -> None: ...


@dataclass(frozen=True, kw_only=True)
class Member:
    name: str
    country: str
    sector: str
    constituency: str | None = None
    constituency_other: str | None = None


@dataclass(frozen=True, kw_only=True)
class Answers:
    id: str
    name: str
    summary: str
    themes: tuple[str, ...]
    objectives: tuple[str, ...]
    members: tuple[Member, ...]
    email: str
    maintainers: tuple[str, ...]


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


# --- what answers may be: read from the schema ---------------------------------------------------------------

@dataclass(frozen=True)
class _Rules:
    schema: dict[str, Any]
    civil_society_sectors: tuple[str, ...]

    def field(self, *path: str) -> dict[str, Any]:
        node = self.schema
        for part in path:
            node = node["items"] if part == "[]" else node["properties"][part]
        return node

    def enum(self, *path: str) -> list[str]:
        node = self.field(*path)
        return list(node.get("enum") or node["items"]["enum"])


def _rules(settings: Settings) -> _Rules:
    try:
        schema = json.loads(settings.schema_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImpactError(f"cannot read the schema {settings.schema_path}: {exc}") from exc
    criteria = load_criteria_settings(settings.criteria_path, settings.root / "schema" / "criteria.schema.json")
    return _Rules(schema, criteria.civil_society_sectors)


_UNUSABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean(value: str) -> str:
    """Refuse what no registry file may hold (control characters, undecodable bytes) without echoing it."""
    if _UNUSABLE.search(value):
        raise InvalidAnswer("the answer holds a control character or bytes that are not UTF-8 text — type it again "
                            "(and check that the terminal uses UTF-8)")
    return value


def _characters(n: int) -> str:
    return "1 character" if n == 1 else f"{n} characters"


def _text(value: str, rule: dict[str, Any], what: str, example: str = "") -> str:
    value = " ".join(_clean(value).split())
    low, high = rule.get("minLength", 0), rule.get("maxLength")
    if len(value) < low:
        raise InvalidAnswer(f"{what} is {_characters(len(value))} long; it needs at least {low}"
                            f"{' — for example: ' + example if example else ' — say a little more'}")
    if high is not None and len(value) > high:
        raise InvalidAnswer(f"{what} is {_characters(len(value))} long; it may have at most {high} — shorten it")
    return value


def _choice(value: str, choices: Sequence[str], what: str) -> str:
    value = _clean(value).strip().lower()
    if value in choices:
        return value
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise InvalidAnswer(f"'{value}' is not a {what} — {hint}use one of: {', '.join(choices)}")


def suggest_id(name: str) -> str | None:
    """'Example Coalition for Ocean Futures' → 'example-coalition-for-ocean-futures' (None if nothing is left)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    while len(slug) > 64:
        slug = slug.rsplit("-", 1)[0] if "-" in slug else slug[:64]
    return slug if len(slug) >= 3 else None


def check_id(value: str, settings: Settings, rules: _Rules) -> str:
    value = _clean(value).strip()
    rule = rules.field("id")
    if not re.fullmatch(rule["pattern"], value) or not rule["minLength"] <= len(value) <= rule["maxLength"]:
        raise InvalidAnswer(f"'{value}' cannot be an id — use {rule['minLength']} to {rule['maxLength']} lower-case "
                            "letters, digits and single hyphens, e.g. 'ocean-futures'")
    path = settings.coalitions_dir / f"{value}.yml"
    if path.exists():
        raise InvalidAnswer(f"{settings.display(path)} already exists — choose another id; to change that "
                            "coalition, edit its file instead")
    return value


def check_themes(values: Sequence[str], rules: _Rules) -> tuple[str, ...]:
    themes = [t for value in values for t in value.split(",") if t.strip()]
    if not themes:
        raise InvalidAnswer(f"name at least one theme — choose from: {', '.join(rules.enum('themes'))}")
    return tuple(dict.fromkeys(_choice(t, rules.enum("themes"), "theme") for t in themes))


def check_member(name: str, country: str, sector: str, constituency: str | None, other: str | None,
                 rules: _Rules) -> Member:
    name = _text(name, rules.field("members", "[]", "name"), "the member's name")
    code = check_country(country)
    sector = _choice(sector, rules.enum("members", "[]", "sector"), "sector")
    constituency = (constituency or "").strip().lower() or None
    if constituency is not None:
        constituency = _choice(constituency, rules.enum("members", "[]", "constituency"), "constituency")
    elif sector in rules.civil_society_sectors:
        raise InvalidAnswer(f"a {sector} member is a civil society actor, so it needs a constituency — e.g. ngos, "
                            "women, children-youth, education-academia")
    if constituency == "other":
        if not other or not other.strip():
            raise InvalidAnswer("with constituency 'other', say in your own words which constituency it is")
        other = _text(other, rules.field("members", "[]", "constituency_other"), "the constituency in your own words")
    else:
        other = None
    return Member(name=name, country=code, sector=sector, constituency=constituency, constituency_other=other)


def check_country(value: str) -> str:
    code = _clean(value).strip().upper()
    if code not in countries():
        raise InvalidAnswer(f"'{value.strip()}' is not an ISO 3166 country code — use the two-letter code of the "
                            "country where the organisation is based, such as KE, BR, IN or DE")
    return code


def parse_member(spec: str, rules: _Rules) -> Member:
    parts = [p.strip() for p in spec.split("|")]
    if not 3 <= len(parts) <= 5:
        raise InvalidAnswer(f"--member '{_clean(spec)}': write it as 'Name|CC|sector|constituency', e.g. "
                            "'Example Network|KE|civil-society|ngos' (for constituency other, add "
                            "'|your own words')")
    name, country, sector, *rest = parts
    try:
        return check_member(name, country, sector, rest[0] if rest else None, rest[1] if len(rest) > 1 else None,
                            rules)
    except InvalidAnswer as exc:
        raise InvalidAnswer(f"--member '{_clean(spec)}': {exc}") from exc


def check_email(value: str, rules: _Rules) -> str:
    value = _clean(value).strip()
    rule = rules.field("contact", "email")
    if not re.fullmatch(rule["pattern"], value) or len(value) > rule.get("maxLength", 254):
        raise InvalidAnswer(f"'{value}' is not an e-mail address — write one role address such as "
                            "coalition@example.org")
    return value


def check_maintainer(value: str, rules: _Rules) -> str:
    value = _clean(value).strip().removeprefix("@")
    rule = rules.field("maintainers", "[]")
    if not re.fullmatch(rule["pattern"], value) or len(value) > rule.get("maxLength", 39):
        raise InvalidAnswer(f"'{value}' is not a GitHub user name — write it without '@', e.g. 'example-volunteer'")
    return value


# --- asking -------------------------------------------------------------------------------------------------

def _ask(questions: Questions, question: str, check: Any, default: str | None = None) -> Any:
    """Ask until the answer can be used (Questions.ask raises when input ends, e.g. click.Abort)."""
    while True:
        answer = questions.ask(question, default)
        try:
            return check(answer)
        except InvalidAnswer as exc:
            questions.say(f"  {exc}")


def _given(value: Any, check: Any) -> Any:
    return None if value is None or value == () else check(value)


def gather(settings: Settings, flags: Flags, questions: Questions | None) -> Answers:
    """Check what was given as flags (an unusable flag raises InvalidAnswer) and ask for the rest."""
    rules = _rules(settings)
    name = _given(flags.name, lambda v: _text(v, rules.field("name"), "the name"))
    entry_id = _given(flags.id, lambda v: check_id(v, settings, rules))
    if entry_id is None and name is not None and suggest_id(name) is not None:
        entry_id = check_id(str(suggest_id(name)), settings, rules)  # the name was given: so is its id
    summary = _given(flags.summary, lambda v: _text(v, rules.field("summary"), "the summary"))
    themes = _given(flags.themes, lambda v: check_themes(v, rules))
    objective_rule = rules.field("objectives", "[]")
    objectives = _given(flags.objectives, lambda v: tuple(_text(o, objective_rule, "an objective") for o in v))
    members = _given(flags.members, lambda v: tuple(parse_member(m, rules) for m in v))
    email = _given(flags.email, lambda v: check_email(v, rules))
    maintainers = _given(flags.maintainers, lambda v: tuple(dict.fromkeys(check_maintainer(m, rules) for m in v)))
    missing = [what for what, value in (("--name", name), ("--id", entry_id), ("--summary", summary),
                                        ("--theme", themes), ("--objective", objectives), ("--member", members),
                                        ("--email", email), ("--maintainer", maintainers)) if value is None]
    if missing:
        if questions is None:
            raise InvalidAnswer(f"missing {', '.join(missing)} — give them as flags, or run impact new in a "
                                "terminal to be asked")
        name = name or _ask(questions, "Name of the coalition", lambda v: _text(v, rules.field("name"), "the name"))
        entry_id = entry_id or _ask(questions, "Id (becomes the file name and the page address)",
                                    lambda v: check_id(v, settings, rules), suggest_id(name))
        summary = summary or _ask(questions, "Summary: two or three plain sentences on what the coalition wants "
                                  "to change", lambda v: _text(v, rules.field("summary"), "the summary"))
        themes = themes or _ask(questions, f"Themes, separated by commas ({', '.join(rules.enum('themes'))})",
                                lambda v: check_themes([v], rules))
        objectives = objectives or (_ask(questions, "One objective of the coalition, in one sentence",
                                         lambda v: _text(v, objective_rule, "the objective")),)
        members = members or _ask_members(questions, rules)
        email = email or _ask(questions, "Contact e-mail (a role address, not a person's own)",
                              lambda v: check_email(v, rules))
        maintainers = maintainers or (_ask(questions, "GitHub user name of a maintainer who may edit this file",
                                           lambda v: check_maintainer(v, rules)),)
    return Answers(id=entry_id, name=name, summary=summary, themes=themes, objectives=objectives, members=members,
                   email=email, maintainers=maintainers)


def _ask_members(questions: Questions, rules: _Rules) -> tuple[Member, ...]:
    sectors = rules.enum("members", "[]", "sector")
    constituencies = rules.enum("members", "[]", "constituency")
    members: list[Member] = []
    while True:
        number = len(members) + 1
        questions.say(f"Member {number} (one organisation of the coalition)")
        name = _ask(questions, "  Organisation name",
                    lambda v: _text(v, rules.field("members", "[]", "name"), "the name"))
        country = _ask(questions, "  Country (two-letter ISO code, e.g. KE, BR, IN, DE)", check_country)
        sector = _ask(questions, f"  Sector ({', '.join(sectors)})",
                      lambda v: _choice(v, sectors, "sector"), "civil-society")
        needed = sector in rules.civil_society_sectors
        constituency = _ask(questions, f"  Constituency ({', '.join(constituencies)})"
                            + ("" if needed else "; leave empty if none"),
                            lambda v, needed=needed: _constituency(v, needed, constituencies), "")
        other = None
        if constituency == "other":
            other = _ask(questions, "  The constituency in your own words",
                         lambda v: _text(v, rules.field("members", "[]", "constituency_other"), "it"))
        members.append(check_member(name, country, sector, constituency, other, rules))
        if not questions.confirm("Add another member?"):
            return tuple(members)


def _constituency(value: str, needed: bool, choices: Sequence[str]) -> str | None:
    if not _clean(value).strip():
        if needed:
            raise InvalidAnswer("a civil society actor needs a constituency — e.g. ngos, women, children-youth")
        return None
    return _choice(value, choices, "constituency")


# --- writing ------------------------------------------------------------------------------------------------

def coalition_document(answers: Answers, criteria: CriteriaSettings) -> CommentedMap:
    """The new file's fields in the schema's order, with comments on what to fill in next."""
    members = CommentedSeq()
    for member in answers.members:
        item = CommentedMap(name=member.name, country=member.country, sector=member.sector)
        if member.constituency:
            item["constituency"] = member.constituency
        if member.constituency_other:
            item["constituency_other"] = member.constituency_other
        members.append(item)
    themes = CommentedSeq(answers.themes)
    themes.fa.set_flow_style()
    document = CommentedMap()
    document["schema_version"] = 1
    document["id"] = answers.id
    document["name"] = answers.name
    document["summary"] = answers.summary
    document["themes"] = themes
    document["objectives"] = CommentedSeq(answers.objectives)
    document["members"] = members
    document["engagement"] = CommentedMap(member_states="", un_country_teams="", un_agencies="", support_needed="")
    document["workplan"] = CommentedSeq()
    document["contact"] = CommentedMap(email=answers.email)
    document["maintainers"] = CommentedSeq(answers.maintainers)
    document["commitments"] = CommentedMap(transparency=True, accountability=True, inclusivity=True)
    document.yaml_set_comment_before_after_key(
        "engagement", before=f"ImPACT criterion 3 — how will the coalition engage the UN and Member States? Write a "
        f"plan of at least\n{criteria.min_plan_characters} characters in one of the first three fields, or describe "
        "in support_needed the support that engagement needs.")
    document.yaml_set_comment_before_after_key(
        "workplan", before=f"ImPACT criterion 4 — at least {criteria.min_milestones} dated milestones, the last on "
        f"or after {criteria.reaches_at_least} (the Summit of the Future),\nnone before "
        f"{criteria.earliest_milestone}. For example:\n  - date: \"2025-03-01\"\n    title: First coalition call\n"
        "    status: done")
    return document


def coalition_yaml(answers: Answers, criteria: CriteriaSettings) -> str:
    yaml = YAML()
    yaml.width = 4096  # one line per value: long texts stay easy to edit
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(coalition_document(answers, criteria), out)
    return f"{SCHEMA_COMMENT}\n{out.getvalue()}"


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

"""What an answer to `impact new` may be, read from the schema: each check returns the answer as the file
will hold it, or raises InvalidAnswer saying what would do.

Themes, sectors, constituencies, lengths and patterns come from schema/coalition.schema.json, so the
answers cannot drift from what `impact validate` accepts.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.errors import ImpactError, InvalidAnswer
from generator.intake.entry import Member
from generator.reference import countries
from generator.registry.criteria import load_criteria_settings
from generator.settings import Settings
from generator.text import UNUSABLE, slug


@dataclass(frozen=True)
class Rules:
    """The schema and the sectors that count as civil society (criteria.yml)."""

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


def read_rules(settings: Settings) -> Rules:
    try:
        schema = json.loads(settings.schema_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImpactError(f"cannot read the schema {settings.schema_path}: {exc}") from exc
    criteria = load_criteria_settings(settings.criteria_path, settings.root / "schema" / "criteria.schema.json")
    return Rules(schema, criteria.civil_society_sectors)


def refuse_unusable(value: str) -> str:
    """Refuse what no registry file may hold (control characters, undecodable bytes) without echoing it."""
    if UNUSABLE.search(value):
        raise InvalidAnswer("the answer holds a control character or bytes that are not UTF-8 text — type it again "
                            "(and check that the terminal uses UTF-8)")
    return value


def _characters(n: int) -> str:
    return "1 character" if n == 1 else f"{n} characters"


def check_text(value: str, rule: dict[str, Any], what: str, example: str = "") -> str:
    """One line of text within the schema's lengths (runs of white space become one space)."""
    value = " ".join(refuse_unusable(value).split())
    low, high = rule.get("minLength", 0), rule.get("maxLength")
    if len(value) < low:
        raise InvalidAnswer(f"{what} is {_characters(len(value))} long; it needs at least {low}"
                            f"{' — for example: ' + example if example else ' — say a little more'}")
    if high is not None and len(value) > high:
        raise InvalidAnswer(f"{what} is {_characters(len(value))} long; it may have at most {high} — shorten it")
    return value


def check_choice(value: str, choices: Sequence[str], what: str) -> str:
    value = refuse_unusable(value).strip().lower()
    if value in choices:
        return value
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise InvalidAnswer(f"'{value}' is not a {what} — {hint}use one of: {', '.join(choices)}")


def suggest_id(name: str) -> str | None:
    """'Example Coalition for Ocean Futures' → 'example-coalition-for-ocean-futures' (None below 3 characters)."""
    suggestion = slug(name)
    return suggestion if len(suggestion) >= 3 else None


def check_id(value: str, settings: Settings, rules: Rules) -> str:
    value = refuse_unusable(value).strip()
    rule = rules.field("id")
    if not re.fullmatch(rule["pattern"], value) or not rule["minLength"] <= len(value) <= rule["maxLength"]:
        raise InvalidAnswer(f"'{value}' cannot be an id — use {rule['minLength']} to {rule['maxLength']} lower-case "
                            "letters, digits and single hyphens, e.g. 'ocean-futures'")
    path = settings.coalitions_dir / f"{value}.yml"
    if path.exists():
        raise InvalidAnswer(f"{settings.display(path)} already exists — choose another id; to change that "
                            "coalition, edit its file instead")
    return value


def check_themes(values: Sequence[str], rules: Rules) -> tuple[str, ...]:
    themes = [t for value in values for t in value.split(",") if t.strip()]
    if not themes:
        raise InvalidAnswer(f"name at least one theme — choose from: {', '.join(rules.enum('themes'))}")
    return tuple(dict.fromkeys(check_choice(t, rules.enum("themes"), "theme") for t in themes))


def check_country(value: str) -> str:
    code = refuse_unusable(value).strip().upper()
    if code not in countries():
        raise InvalidAnswer(f"'{value.strip()}' is not an ISO 3166 country code — use the two-letter code of the "
                            "country where the organisation is based, such as KE, BR, IN or DE")
    return code


def check_constituency(value: str, needed: bool, choices: Sequence[str]) -> str | None:
    """A constituency, or None when left empty and the sector needs none."""
    if not refuse_unusable(value).strip():
        if needed:
            raise InvalidAnswer("a civil society actor needs a constituency — e.g. ngos, women, children-youth")
        return None
    return check_choice(value, choices, "constituency")


def check_member(name: str, country: str, sector: str, constituency: str | None, other: str | None,
                 rules: Rules) -> Member:
    name = check_text(name, rules.field("members", "[]", "name"), "the member's name")
    code = check_country(country)
    sector = check_choice(sector, rules.enum("members", "[]", "sector"), "sector")
    constituency = (constituency or "").strip().lower() or None
    if constituency is not None:
        constituency = check_choice(constituency, rules.enum("members", "[]", "constituency"), "constituency")
    elif sector in rules.civil_society_sectors:
        raise InvalidAnswer(f"a {sector} member is a civil society actor, so it needs a constituency — e.g. ngos, "
                            "women, children-youth, education-academia")
    if constituency == "other":
        if not other or not other.strip():
            raise InvalidAnswer("with constituency 'other', say in your own words which constituency it is")
        other = check_text(other, rules.field("members", "[]", "constituency_other"),
                           "the constituency in your own words")
    else:
        other = None
    return Member(name=name, country=code, sector=sector, constituency=constituency, constituency_other=other)


def parse_member(spec: str, rules: Rules) -> Member:
    """A --member option: 'Name|CC|sector|constituency[|constituency in own words]'."""
    parts = [p.strip() for p in spec.split("|")]
    if not 3 <= len(parts) <= 5:
        raise InvalidAnswer(f"--member '{refuse_unusable(spec)}': write it as 'Name|CC|sector|constituency', e.g. "
                            "'Example Network|KE|civil-society|ngos' (for constituency other, add "
                            "'|your own words')")
    name, country, sector, *rest = parts
    try:
        return check_member(name, country, sector, rest[0] if rest else None, rest[1] if len(rest) > 1 else None,
                            rules)
    except InvalidAnswer as exc:
        raise InvalidAnswer(f"--member '{refuse_unusable(spec)}': {exc}") from exc


def check_email(value: str, rules: Rules) -> str:
    value = refuse_unusable(value).strip()
    rule = rules.field("contact", "email")
    if not re.fullmatch(rule["pattern"], value) or len(value) > rule.get("maxLength", 254):
        raise InvalidAnswer(f"'{value}' is not an e-mail address — write one role address such as "
                            "coalition@example.org")
    return value


def check_maintainer(value: str, rules: Rules) -> str:
    value = refuse_unusable(value).strip().removeprefix("@")
    rule = rules.field("maintainers", "[]")
    if not re.fullmatch(rule["pattern"], value) or len(value) > rule.get("maxLength", 39):
        raise InvalidAnswer(f"'{value}' is not a GitHub user name — write it without '@', e.g. 'example-volunteer'")
    return value

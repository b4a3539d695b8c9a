"""What an answer may be, read from the schema: each check returns the answer as the file will hold it, or raises
InvalidAnswer saying what would do.

Lengths, patterns, choices and the reserved ids come from schema/coalition.schema.json, and every answer is
finally held against its schema node with the validator's own engine, so that an answer taken here is never
refused later by `impact validate`.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from typing import Any

import jsonschema_rs

from generator.errors import ImpactError, InvalidAnswer
from generator.i18n.catalogs import _, ngettext
from generator.intake.choices import choices
from generator.intake.entry import Milestone
from generator.registry.criteria import load_criteria_settings
from generator.registry.dates import date_advice
from generator.settings import Settings
from generator.text import UNUSABLE, slug


@dataclasses.dataclass(frozen=True)
class Rules:
    """The schema and the sectors that count as civil society (criteria.yml)."""

    schema: dict[str, Any]
    civil_society_sectors: tuple[str, ...]
    _compiled: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def field(self, *path: str) -> dict[str, Any]:
        node = self.schema
        for part in path:
            node = node["items"] if part == "[]" else node["properties"][part]
        return node

    def enum(self, *path: str) -> list[str]:
        node = self.field(*path)
        return list(node.get("enum") or node["items"]["enum"])

    def takes(self, value: Any, node: dict[str, Any]) -> bool:
        """Whether the validator's engine accepts `value` for the schema node (its $refs resolved in the schema)."""
        text = json.dumps(node, sort_keys=True)
        if text not in self._compiled:
            self._compiled[text] = jsonschema_rs.validator_for({"$defs": self.schema.get("$defs", {}), **node},
                                                               validate_formats=True)
        return bool(self._compiled[text].is_valid(value))


def read_rules(settings: Settings) -> Rules:
    try:
        schema = json.loads(settings.schema_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImpactError(_("cannot read the schema {path}: {reason}").format(path=settings.schema_path,
                                                                            reason=exc)) from exc
    criteria = load_criteria_settings(settings.criteria_path, settings.root / "schema" / "criteria.schema.json")
    return Rules(schema, criteria.civil_society_sectors)


def refuse_unusable(value: str) -> str:
    """Refuse what no registry file may hold (control characters, undecodable bytes) without echoing it."""
    if UNUSABLE.search(value):
        raise InvalidAnswer(_("the answer holds a control character or bytes that are not UTF-8 text — type it "
                              "again (and check that the terminal uses UTF-8)"))
    return value


def check_text(value: str, rule: dict[str, Any], what: str, example: str = "") -> str:
    """One line of text within the schema's lengths and pattern (runs of white space become one space).

    `what` names the answer in the active language ('the name'); `example` is an example answer."""
    value = " ".join(refuse_unusable(value).split())
    low, high = rule.get("minLength", 0), rule.get("maxLength")
    if len(value) < low:
        if example:
            raise InvalidAnswer(ngettext("{what} is {count} character long; it needs at least {least} — for "
                                         "example: {example}",
                                         "{what} is {count} characters long; it needs at least {least} — for "
                                         "example: {example}", len(value)).format(
                what=what, count=len(value), least=low, example=example))
        raise InvalidAnswer(ngettext("{what} is {count} character long; it needs at least {least} — say a little more",
                                     "{what} is {count} characters long; it needs at least {least} — say a little "
                                     "more", len(value)).format(what=what, count=len(value), least=low))
    if high is not None and len(value) > high:
        raise InvalidAnswer(ngettext("{what} is {count} character long; it may have at most {most} — shorten it",
                                     "{what} is {count} characters long; it may have at most {most} — shorten it",
                                     len(value)).format(what=what, count=len(value), most=high))
    if "pattern" in rule and not re.search(rule["pattern"], value):
        raise InvalidAnswer(_("{what} holds invisible characters that change the text's direction (U+202A–U+202E, "
                              "U+2066–U+2069) — retype it without them").format(what=what))
    return value


def suggest_id(name: str) -> str | None:
    """'Example Coalition for Ocean Futures' → 'example-coalition-for-ocean-futures' (None below 3 characters)."""
    suggestion = slug(name)
    return suggestion if len(suggestion) >= 3 else None


def check_id(value: str, settings: Settings, rules: Rules) -> str:
    """An id the validator takes (its pattern, lengths and reserved ids) that no file has yet."""
    value = refuse_unusable(value).strip()
    rule = rules.field("id")
    if not re.fullmatch(rule["pattern"], value) or not rule["minLength"] <= len(value) <= rule["maxLength"]:
        raise InvalidAnswer(_("'{value}' cannot be an id — use {least} to {most} lower-case letters, digits and "
                              "single hyphens, e.g. '{example}'").format(
            value=value, least=rule["minLength"], most=rule["maxLength"], example="ocean-futures"))
    if "not" in rule and rules.takes(value, rule["not"]):
        raise InvalidAnswer(_("'{value}' is kept for the site's own pages ({pages}) — choose another id, such as "
                              "one made from the coalition's name").format(
            value=value, pages=_("coalitions/index/, api/coalitions.json and the badges <id>-criteria.svg")))
    if not rules.takes(value, rule):
        description = rule.get("description", "")
        raise InvalidAnswer(_("'{value}' cannot be an id — {reason}").format(
            value=value, reason=_(description) if description else ""))
    path = settings.coalitions_dir / f"{value}.yml"
    if path.exists():
        raise InvalidAnswer(_("{file} already exists — choose another id; to change that coalition, edit its file "
                              "instead").format(file=settings.display(path)))
    return value


def check_themes(values: Sequence[str], rules: Rules) -> tuple[str, ...]:
    themes = [t for value in values for t in value.split(",") if t.strip()]
    if not themes:
        raise InvalidAnswer(_("name at least one theme — choose from: {values}").format(
            values=", ".join(rules.enum("themes"))))
    theme = choices("theme", rules.enum("themes"))
    return tuple(dict.fromkeys(theme.pick(t) for t in themes))


def check_email(value: str, rules: Rules) -> str:
    value = refuse_unusable(value).strip()
    if not rules.takes(value, rules.field("contact", "email")):
        raise InvalidAnswer(_("'{value}' is not an e-mail address — write one role address such as {example}").format(
            value=value, example="coalition@example.org"))
    return value


def check_maintainer(value: str, rules: Rules) -> str:
    """A GitHub user name, written with or without '@' or its profile's address."""
    value = refuse_unusable(value).strip().removeprefix("https://github.com/").strip("/").removeprefix("@")
    if not rules.takes(value, rules.field("maintainers", "[]")):
        if " " in value:
            raise InvalidAnswer(_("'{value}' is not a GitHub user name — user names have no spaces: separate several "
                                  "with commas; a user name has 1 to 39 letters, digits and single hyphens, not at "
                                  "its start or end, e.g. {example}").format(value=value, example="example-volunteer"))
        raise InvalidAnswer(_("'{value}' is not a GitHub user name — a user name has 1 to 39 letters, digits and "
                              "single hyphens, not at its start or end, e.g. {example}").format(
            value=value, example="example-volunteer"))
    return value


def check_date(value: str, rules: Rules) -> str:
    """A milestone's date, YYYY-MM-DD; a date written another way is refused with its YYYY-MM-DD form."""
    value = refuse_unusable(value).strip()
    if not rules.takes(value, rules.field("workplan", "[]", "date")):  # the engine checks the calendar too
        raise InvalidAnswer(date_advice(value))
    return value


def check_milestone(value: str, rules: Rules) -> Milestone:
    """'2025-06-30 | First progress report published', as on the issue form: a date, what happens, and
    optionally, after another |, more about it."""
    date, title, *more = [*(part.strip() for part in refuse_unusable(value).split("|", 2)), ""]
    if not title:
        raise InvalidAnswer(_("'{value}': write the date, a |, and what happens, e.g. '{example}'").format(
            value=value.strip(), example=_("2025-06-30 | First progress report published")))
    rule = rules.field("workplan", "[]")
    return Milestone(date=check_date(date, rules),
                     title=check_text(title, rule["properties"]["title"], _("what happens")),
                     description=check_text(more[0], rule["properties"]["description"], _("more about it"))
                     if more and more[0] else None)


def check_plan(value: str, rule: dict[str, Any], what: str) -> str:
    """An engagement plan, or the support it needs: empty when skipped."""
    return check_text(value, rule, what) if value.strip() else ""

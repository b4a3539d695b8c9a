"""Checks beyond the schema: one file's cross-field errors, and the warnings that never block."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from generator.i18n.catalogs import _
from generator.problems import Problem
from generator.reference import REGION_LABELS, constituency_labels, countries
from generator.registry.criteria import CriteriaSettings
from generator.registry.load import Document
from generator.registry.personal_contact import personal_reason
from generator.registry.stale import staleness
from generator.registry.text_checks import text_errors


def _error(document: Document, rule: str, message: str, pointer: str) -> Problem:
    line, column = document.locate(pointer)
    return Problem("error", rule, message, document.file, pointer, line, column)


def _warning(document: Document, rule: str, message: str, pointer: str) -> Problem:
    line, column = document.locate_key(pointer) if pointer else (1, 1)
    return Problem("warning", rule, message, document.file, pointer, line, column)


def _one_line(value: Any) -> str:
    """Text from the file as one line: a line break in a message would split a report line in two."""
    return " ".join(str(value).split())


def _members(data: Mapping[str, Any]) -> list[tuple[int, Mapping[str, Any]]]:
    members = data.get("members")
    if not isinstance(members, list):
        return []
    return [(i, m) for i, m in enumerate(members) if isinstance(m, dict)]


def entry_errors(document: Document, file_id: str, criteria: CriteriaSettings) -> list[Problem]:
    """Errors the schema cannot express. Defensive about types: these run even when the schema fails."""
    data = document.data
    problems: list[Problem] = []
    entry_id = data.get("id")
    # An id with a line break is the schema's `single-line` error; renaming the file after it would not help.
    if isinstance(entry_id, str) and entry_id != file_id and _one_line(entry_id) == entry_id:
        problems.append(_error(document, "id-mismatch", _(
            "id is '{id}' but the file is named '{file}' — the id and the file name must be the same: rename the "
            "file to '{new_file}' or set id: {file_id}").format(
            id=entry_id, file=f"{file_id}.yml", new_file=f"{entry_id}.yml", file_id=file_id), "/id"))
    known = countries()
    for index, member in _members(data):
        base = f"/members/{index}"
        name = _one_line(member["name"]) if "name" in member else \
            _("member {number}").format(number=index + 1)
        code = member.get("country")
        country = known.get(code) if isinstance(code, str) else None
        if isinstance(code, str) and len(code) == 2 and code.isupper() and country is None:
            problems.append(_error(document, "unknown-country", _(
                "{field}: '{code}' is not an ISO 3166 country code — use the two-letter code of the country where "
                "the organisation is based, such as KE, BR, IN or DE").format(
                field=f"members[{index}].country", code=code), f"{base}/country"))
        if country is not None and country.region is None and not member.get("region") \
                and not (member.get("scope") == "global" and member.get("primary_region")):
            problems.append(_error(document, "region-required", _(
                "{field} ({name}): {country} belongs to no UN Regional Group — add region: with one of {regions}"
            ).format(field=f"members[{index}]", name=name, country=country.name, regions=", ".join(REGION_LABELS)),
                base))
        if member.get("sector") in criteria.civil_society_sectors and not member.get("constituency"):
            problems.append(_error(document, "constituency-required", _(
                "{field} ({name}) is a civil society actor, so it needs a constituency: the constituency diversity "
                "criterion counts the Major Groups and other stakeholder groups of a coalition's civil society actors "
                "— add constituency: with one of {constituencies} (with other, add constituency_other: too, the group "
                "in your own words)").format(field=f"members[{index}]", name=name,
                                              constituencies=", ".join(constituency_labels())), base))
    for index, event in enumerate(data.get("events") or [] if isinstance(data.get("events"), list) else []):
        if isinstance(event, dict) and isinstance(event.get("end_date"), str) and isinstance(event.get("date"), str) \
                and len(event["date"]) == len(event["end_date"]) == 10 and event["end_date"] < event["date"]:
            problems.append(_error(document, "invalid-date", _(
                "{field} {end} is before its date {start} — an event ends on or after the day it starts").format(
                field=f"events[{index}].end_date", end=event["end_date"], start=event["date"]),
                f"/events/{index}/end_date"))
    problems += text_errors(document)  # Markdown limits, addresses in links (text_checks.py, issue #12)
    return problems


def entry_warnings(document: Document, criteria: CriteriaSettings, today: dt.date, changed: str) -> list[Problem]:
    """Advice that never blocks. Only called on schema-valid entries. `changed` is the date of the file's last
    commit ("" when it has none: a file not committed yet is never stale)."""
    data = document.data
    problems: list[Problem] = []
    members = [m for _index, m in _members(data)]
    if data.get("youth_focus") and not any(m.get("constituency") == "children-youth" for m in members):
        problems.append(_warning(document, "youth-engagement", _(
            "{field} is true but no member belongs to the {constituency} constituency — the ImPACT criteria strongly "
            "encourage youth participation: invite a youth-led organisation").format(
            field="youth_focus", constituency="children-youth"), "/youth_focus"))
    sectors = {m.get("sector") for m in members}
    if len(members) > 1 and len(sectors) == 1:
        problems.append(_warning(document, "organisational-diversity", _(
            "all members are of one sector ({sector}) — consider partners from academia, think tanks, local "
            "government or the private sector").format(sector=next(iter(sectors))), "/members"))
    if len(data.get("themes", [])) == 1:
        problems.append(_warning(document, "transdisciplinary", _(
            "the coalition names one theme only — if its work touches other reform areas, list them too: "
            "transdisciplinary coalitions are encouraged"), "/themes"))
    if not data.get("related_initiatives"):
        problems.append(_warning(document, "synergies", _(
            "no {field} listed — name existing efforts the coalition builds on, so maintainers can connect it with "
            "them").format(field="related_initiatives"), ""))
    contact = data.get("contact") or {}
    reason = personal_reason(contact.get("email", ""))
    if reason:
        problems.append(_warning(document, "personal-contact", _(
            "{field} looks like a person's own address ({reason}) — use a role address of the coalition instead, "
            "such as info@ or the coalition's name at its organisation's domain: this file and its history are "
            "public on GitHub even with public: false, and a role address keeps working when people move on. If it "
            "is already a shared address, ignore this warning").format(field="contact.email", reason=reason),
            "/contact/email"))
    found = staleness(today, criteria.stale_after_months, [u["date"] for u in data.get("updates", [])],
                      [m["date"] for m in data.get("workplan", [])], data.get("founded", ""), changed)
    if found.stale:
        message = _("no update or milestone since {since} (the latest is {latest}), and the file was last changed "
                    "on {changed} — add an entry to {updates} saying where the coalition stands, or a milestone "
                    "ahead to {workplan}") if found.latest else \
            _("no update or milestone since {since} (there are none), and the file was last changed on {changed} — "
              "add an entry to {updates} saying where the coalition stands, or a milestone ahead to {workplan}")
        problems.append(_warning(document, "stale", message.format(
            since=found.since, latest=found.latest, changed=found.changed, updates="updates", workplan="workplan"),
            "/updates" if data.get("updates") else ""))
    return problems

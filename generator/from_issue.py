"""Turn a GitHub issue-form body ("Register a coalition") into a coalition file.

GitHub renders a submitted form as `### Label`, a blank line, then the value (`_No response_` when
empty; checkboxes as `- [X] label`). The text is untrusted: it is never read as YAML — the fields
are picked out as plain strings, put in a mapping, and dumped.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML

from .reference import THEME_LABELS

MAX_BODY = 65_536  # GitHub's own limit for an issue body
NO_RESPONSE = "_No response_"

# The form's labels (.github/ISSUE_TEMPLATE/register-coalition.yml) → what each fills.
LABELS = {
    "Coalition name": "name",
    "Identifier (optional)": "id",
    "Acronym": "acronym",
    "Summary": "summary",
    "Themes": "themes",
    "Objectives": "objectives",
    "Members": "members",
    "Plan to engage Member States": "member_states",
    "Plan to engage UN agencies or UN Country Teams": "un_agencies",
    "Support needed for that engagement": "support_needed",
    "Work plan": "workplan",
    "Contact e-mail": "email",
    "Contact page": "contact_url",
    "Show the e-mail on the site": "public",
    "GitHub user names of the maintainers": "maintainers",
    "Commitments": "commitments",
}
_THEMES_BY_LABEL = {label.casefold(): slug for slug, label in THEME_LABELS.items()}


@dataclass(frozen=True)
class IssueEntry:
    coalition_id: str
    data: dict[str, Any]
    notes: tuple[str, ...]  # lines of the form that could not be used, said back to the person


def sections(body: str) -> dict[str, str]:
    """`### Label` → value, for the labels the form has."""
    found: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in body[:MAX_BODY].replace("\r\n", "\n").split("\n"):
        heading = re.fullmatch(r"###\s+(.+?)\s*", line)
        if heading:
            if current is not None:
                found[current] = "\n".join(lines).strip()
            current, lines = (heading.group(1) if heading.group(1) in LABELS else None), []
        elif current is not None:
            lines.append(line)
    if current is not None:
        found[current] = "\n".join(lines).strip()
    return {LABELS[k]: ("" if v == NO_RESPONSE else v) for k, v in found.items()}


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:64].strip("-")


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("-*•").strip() for line in text.split("\n") if line.strip()]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("|")]


def entry_from_issue(body: str) -> IssueEntry:
    """The coalition the form describes, as plain data, and notes on lines that could not be read."""
    values = sections(body)
    notes: list[str] = []
    name = values.get("name", "")
    coalition_id = values.get("id") or slug(name)
    data: dict[str, Any] = {"schema_version": 1, "id": coalition_id, "name": name}
    if values.get("acronym"):
        data["acronym"] = values["acronym"]
    data["summary"] = " ".join(values.get("summary", "").split())
    themes = []
    for label in re.split(r"[,\n]", values.get("themes", "")):
        label = label.strip().lstrip("-").strip()
        if label:
            themes.append(_THEMES_BY_LABEL.get(label.casefold(), label))
    data["themes"] = themes
    data["objectives"] = _lines(values.get("objectives", ""))
    members = []
    for line in _lines(values.get("members", "")):
        cells = _cells(line)
        if len(cells) < 3:
            notes.append(f"Members: “{line[:80]}” needs at least name | country code | sector")
            continue
        member: dict[str, Any] = {"name": cells[0], "country": cells[1].upper(), "sector": cells[2].lower()}
        if len(cells) > 3 and cells[3]:
            member["constituency"] = cells[3].lower()
        members.append(member)
    data["members"] = members
    data["engagement"] = {key: " ".join(values[key].split()) for key in ("member_states", "un_agencies",
                                                                         "support_needed") if values.get(key)}
    workplan = []
    for line in _lines(values.get("workplan", "")):
        cells = _cells(line)
        if len(cells) < 2:
            notes.append(f"Work plan: “{line[:80]}” needs a date and a title: YYYY-MM-DD | what happens")
            continue
        workplan.append({"date": cells[0], "title": cells[1]})
    data["workplan"] = workplan
    contact: dict[str, Any] = {"email": values.get("email", "")}
    if values.get("contact_url"):
        contact["url"] = values["contact_url"]
    contact["public"] = bool(re.search(r"- \[[xX]\]", values.get("public", "")))
    data["contact"] = contact
    data["maintainers"] = [h.strip().lstrip("@") for h in re.split(r"[,\s]+", values.get("maintainers", ""))
                           if h.strip()]
    ticked = {m.group(1).lower() for m in re.finditer(r"- \[[xX]\] .*?(transparency|accountability|inclusivity)",
                                                      values.get("commitments", ""), re.I)}
    data["commitments"] = {k: k in ticked for k in ("transparency", "accountability", "inclusivity")}
    return IssueEntry(coalition_id, data, tuple(notes))


def to_yaml(data: dict[str, Any]) -> str:
    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    out.write("# yaml-language-server: $schema=../../schema/coalition.schema.json\n")
    yaml.dump(data, out)
    return out.getvalue()

"""Turn a GitHub issue-form body ("Register a coalition") into a coalition file.

GitHub renders a submitted form as `### Label`, a blank line, then the value (`_No response_` when
empty; checkboxes as `- [X] label`, a multiple dropdown as `A, B`):

    ### Coalition name

    Fictional Coalition for Clean Rivers

    ### Members

    Fictional River Network | KE | civil-society | ngos

The text is untrusted: it is never read as YAML. The fields are picked out as plain strings, cleaned
of control characters, put in a mapping, and dumped with ruamel.yaml, which quotes whatever needs it.
The result is checked by the real validator; its problems are said back per form field, in Markdown
for a comment on the issue.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter

from generator.errors import ImpactError
from generator.problems import Problem, pointer_to_field
from generator.reference import SECTOR_LABELS, THEME_LABELS, constituency_labels, countries
from generator.registry.validate import check_coalition_text
from generator.settings import Settings
from generator.text import md

MAX_BODY = 65_536  # GitHub's own limit for an issue body, in characters
MAX_OBJECTIVES = 50
NO_RESPONSE = "_No response_"
COMMENT_MARKER = "<!-- impact-registry-issue-check -->"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/coalition.schema.json\n"
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

# The form's labels (.github/ISSUE_TEMPLATE/register-coalition.yml) → the value each fills.
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
_LABEL_OF = {key: label for label, key in LABELS.items()}
# Where each value lands in the coalition file (JSON Pointer) → the form field a problem there is about.
_FIELD_OF_POINTER = {
    "/id": "id", "/name": "name", "/acronym": "acronym", "/summary": "summary", "/themes": "themes",
    "/objectives": "objectives", "/members": "members", "/engagement/member_states": "member_states",
    "/engagement/un_agencies": "un_agencies", "/engagement/support_needed": "support_needed",
    "/engagement": "member_states", "/workplan": "workplan", "/contact/email": "email",
    "/contact/url": "contact_url", "/contact/public": "public", "/contact": "email",
    "/maintainers": "maintainers", "/commitments": "commitments",
}
_LISTS = ("objectives", "members", "workplan")  # textareas read one item per line
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")
_YAML11_WORDS = re.compile(r"(?i)y|n|yes|no|on|off|true|false|null|~")


def _fold(text: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens: 'Civil society' → 'civil-society'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


_THEMES = {_fold(label): slug for slug, label in THEME_LABELS.items()} | {slug: slug for slug in THEME_LABELS}
_SECTORS = {_fold(label): slug for slug, label in SECTOR_LABELS.items()} | {slug: slug for slug in SECTOR_LABELS}


def slug(text: str) -> str:
    """An id made from a name: at most 64 characters, cut at a hyphen."""
    folded = _fold(text)
    if len(folded) > 64:
        folded = folded[:65].rsplit("-", 1)[0] if "-" in folded[:65] else folded[:64]
    return folded.strip("-")


@dataclass(frozen=True)
class FormProblem:
    """Something to fix, said in the form's own terms: which field, which line of it, what to do."""

    field: str  # the form's label
    message: str
    line: int | None = None  # the line within a textarea (members, objectives, work plan)
    rule: str = "issue-form"


@dataclass(frozen=True)
class IssueEntry:
    coalition_id: str
    data: dict[str, Any]
    notes: tuple[FormProblem, ...]  # lines of the form that could not be used
    lines: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # list field → form line of each item


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    return _CONTROL.sub("", text)


def sections(body: str) -> dict[str, str]:
    """`### Label` → value, for the labels the form has (the first of each; other headings are text)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _clean(body[:MAX_BODY]).split("\n"):
        heading = re.fullmatch(r"###\s+(.+?)\s*", line)
        if heading and heading.group(1) in LABELS:
            key = LABELS[heading.group(1)]
            current = found.setdefault(key, []) if key not in found else None
        elif current is not None:
            current.append(line)
    values = {key: "\n".join(lines).strip() for key, lines in found.items()}
    return {key: "" if value == NO_RESPONSE else value for key, value in values.items()}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _items(text: str) -> list[tuple[int, str]]:
    """(line number, text) of each non-empty line, without list bullets."""
    return [(n, _BULLET.sub("", line).strip()) for n, line in enumerate(text.split("\n"), 1) if line.strip()]


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|") and line.endswith("|") and len(line) > 1:  # a Markdown table row
        line = line[1:-1]
    return [_one_line(cell) for cell in line.split("|")]


def _ticked(text: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"(?m)^\s*- \[[xX]\]\s+(.+)$", text)]


def _country(text: str) -> str:
    if len(text) == 2:
        return text.upper()
    wanted = text.casefold()
    for country in countries().values():
        if country.name.casefold() == wanted:
            return country.code
    return text


def _constituency(text: str) -> str:
    folded = _fold(text)
    labels = {_fold(label): slug for slug, label in constituency_labels().items()}
    for candidate in (folded, folded.replace("-and-", "-"), f"{folded}s"):  # Science and technology, NGO
        if candidate in labels.values():
            return candidate
    return labels.get(folded, folded)


def _members(text: str, notes: list[FormProblem]) -> tuple[list[dict[str, Any]], list[int]]:
    label = _LABEL_OF["members"]
    members, lines = [], []
    for number, line in _items(text):
        cells = _cells(line)
        if set(line) <= set("|-: "):
            continue  # the separator row of a Markdown table
        if cells[0].casefold() in {"name", "organisation name", "organization name", "organisation"}:
            continue  # a header row
        if len(cells) < 3 or not all(cells[:3]):
            notes.append(FormProblem(label, f"“{line[:80]}” needs at least: name | country code | sector "
                                     "(and, for civil society, think tanks and academia, | constituency)", number))
            continue
        if len(cells) > 4:
            notes.append(FormProblem(label, f"“{line[:80]}” has {len(cells)} parts; write four: name | country "
                                     "code | sector | constituency (no | inside the name)", number))
            continue
        member: dict[str, Any] = {"name": cells[0], "country": _country(cells[1]),
                                  "sector": _SECTORS.get(_fold(cells[2]), _fold(cells[2]) or cells[2])}
        if len(cells) == 4 and cells[3]:
            member["constituency"] = _constituency(cells[3])
        members.append(member)
        lines.append(number)
    return members, lines


def _workplan(text: str, notes: list[FormProblem]) -> tuple[list[dict[str, Any]], list[int]]:
    label = _LABEL_OF["workplan"]
    milestones, lines = [], []
    for number, line in _items(text):
        cells = _cells(line)
        if len(cells) < 2 or not cells[0] or not cells[1]:
            notes.append(FormProblem(label, f"“{line[:80]}” needs a date and what happens: YYYY-MM-DD | "
                                     "milestone", number))
            continue
        milestone: dict[str, Any] = {"date": cells[0], "title": cells[1]}
        if len(cells) > 2 and any(cells[2:]):
            milestone["description"] = " | ".join(c for c in cells[2:] if c)
        milestones.append(milestone)
        lines.append(number)
    return milestones, lines


def _themes(text: str, notes: list[FormProblem]) -> list[str]:
    chosen = _ticked(text) if re.search(r"(?m)^\s*- \[", text) else re.split(r"[,\n]", text)
    themes: list[str] = []
    for label in (c.strip() for c in chosen):
        if not label:
            continue
        theme = _THEMES.get(_fold(label))
        if theme is None:
            notes.append(FormProblem(_LABEL_OF["themes"], f"“{label[:80]}” is not one of the themes — choose from "
                                     f"the list: {', '.join(THEME_LABELS.values())}"))
        elif theme not in themes:
            themes.append(theme)
    return themes


def _handles(text: str) -> list[str]:
    handles: list[str] = []
    for word in re.split(r"[,;\s]+", text):
        word = word.strip().removeprefix("https://github.com/").strip("/").lstrip("@")
        if word and word.casefold() not in {h.casefold() for h in handles}:
            handles.append(word)
    return handles


def entry_from_issue(body: str, author: str | None = None) -> IssueEntry:
    """The coalition the form describes, as plain data, with notes on what could not be read.

    `author` (the issue's author) becomes the first maintainer if the form does not name them.
    """
    values = sections(body)
    notes: list[FormProblem] = []
    if len(body) > MAX_BODY:
        notes.append(FormProblem("(the whole issue)", f"the issue is longer than {MAX_BODY} characters, so its end "
                                 "was not read — shorten long texts"))
    name = _one_line(values.get("name", ""))
    given_id = _one_line(values.get("id", ""))
    coalition_id = slug(given_id) if given_id else slug(name)
    data: dict[str, Any] = {"schema_version": 1, "id": coalition_id, "name": name}
    if values.get("acronym"):
        data["acronym"] = _one_line(values["acronym"])
    data["summary"] = _one_line(values.get("summary", ""))
    data["themes"] = _themes(values.get("themes", ""), notes)
    objectives = _items(values.get("objectives", ""))
    if len(objectives) > MAX_OBJECTIVES:
        notes.append(FormProblem(_LABEL_OF["objectives"], f"{len(objectives)} lines: list at most "
                                 f"{MAX_OBJECTIVES} objectives, one per line"))
        objectives = objectives[:MAX_OBJECTIVES]
    data["objectives"] = [_one_line(text) for _, text in objectives]
    data["members"], member_lines = _members(values.get("members", ""), notes)
    data["engagement"] = {key: _one_line(values[key]) for key in ("member_states", "un_agencies", "support_needed")
                          if values.get(key)}
    data["workplan"], milestone_lines = _workplan(values.get("workplan", ""), notes)
    contact: dict[str, Any] = {"email": _one_line(values.get("email", ""))}
    if values.get("contact_url"):
        contact["url"] = _one_line(values["contact_url"])
    contact["public"] = bool(_ticked(values.get("public", "")))
    data["contact"] = contact
    maintainers = _handles(values.get("maintainers", ""))
    if author and author.casefold() not in {h.casefold() for h in maintainers}:
        maintainers.insert(0, author)
    data["maintainers"] = maintainers
    ticked = " ".join(_ticked(values.get("commitments", ""))).casefold()
    data["commitments"] = {k: k in ticked for k in ("transparency", "accountability", "inclusivity")}
    lines = {"objectives": tuple(n for n, _ in objectives), "members": tuple(member_lines),
             "workplan": tuple(milestone_lines)}
    return IssueEntry(coalition_id, data, tuple(notes), lines)


class _Representer(RoundTripRepresenter):
    """Quotes the words YAML 1.1 readers take for booleans or null (NO is Norway, not false)."""

    def represent_str(self, data: str) -> Any:
        if _YAML11_WORDS.fullmatch(data):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="'")
        return super().represent_str(data)


_Representer.add_representer(str, _Representer.represent_str)


def to_yaml(data: Mapping[str, Any]) -> str:
    yaml = YAML()
    yaml.Representer = _Representer
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    out.write(SCHEMA_LINE)
    yaml.dump(dict(data), out)
    return out.getvalue()


@dataclass(frozen=True)
class IssueRegistration:
    entry: IssueEntry
    file: str  # registry/coalitions/<id>.yml
    text: str  # the coalition file
    problems: tuple[FormProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _form_problem(problem: Problem, entry: IssueEntry) -> FormProblem:
    parts = problem.pointer.split("/")
    key = None
    for depth in (3, 2):
        key = _FIELD_OF_POINTER.get("/".join(parts[:depth]))
        if key:
            break
    if key == "commitments":
        which = problem.pointer.rsplit("/", 1)[-1]
        label = f"“We commit to {which}”" if which in ("transparency", "accountability", "inclusivity") else "all three"
        return FormProblem(_LABEL_OF[key], f"tick {label} — the ImPACT Coalitions commit to transparency, "
                           "accountability and inclusivity", None, problem.rule)
    line = None
    if key in _LISTS and len(parts) > 2 and parts[2].isdigit():
        numbers = entry.lines.get(key, ())
        line = numbers[int(parts[2])] if int(parts[2]) < len(numbers) else None
    message = problem.message
    shown = pointer_to_field(problem.pointer)
    if line is not None and message.startswith(shown):  # 'members[1].country: …' → 'country: …'
        message = (problem.pointer.rsplit("/", 1)[-1] if not parts[-1].isdigit() else "this line") + \
            message[len(shown):]
    if key == "id" and not entry.data.get("id"):
        key = "name"
    return FormProblem(_LABEL_OF.get(key or "", "(the whole entry)"), message, line, problem.rule)


def register_from_issue(body: str, settings: Settings, author: str | None = None) -> IssueRegistration:
    """Read the form, build the coalition file, and check it as `impact validate` would."""
    entry = entry_from_issue(body, author)
    text = to_yaml(entry.data)
    file = f"registry/coalitions/{entry.coalition_id or 'unnamed'}.yml"
    problems = list(entry.notes)
    if not entry.coalition_id:
        which = "Identifier (optional)" if sections(body).get("id") else "Coalition name"
        problems.append(FormProblem(which, "the page address is made from the name's Latin letters and digits, and "
                                    "there are none — fill in Identifier (optional), e.g. clean-rivers-coalition"))
    elif (settings.coalitions_dir / f"{entry.coalition_id}.yml").exists():
        problems.append(FormProblem(_LABEL_OF["id"], f"a coalition with the identifier '{entry.coalition_id}' is "
                                    "registered already — choose another identifier; if that entry is yours, "
                                    "its maintainers can update it instead (see CONTRIBUTING.md)", rule="duplicate-id"))
    report = check_coalition_text(text, file, settings)
    errors = [p for p in report.problems if p.severity == "error"]
    if not entry.coalition_id:  # a missing id is said above, once
        errors = [p for p in errors if p.pointer != "/id" and p.rule != "id-mismatch"]
    problems += [_form_problem(p, entry) for p in errors]
    order = {label: index for index, label in enumerate(LABELS)}
    problems.sort(key=lambda p: (order.get(p.field, -1), p.line or 0))
    return IssueRegistration(entry, file, text, tuple(problems))


def issue_comment(registration: IssueRegistration) -> str:
    """The Markdown comment that tells the person who opened the issue what to change."""
    name = registration.entry.data.get("name")
    thanks = f"Thank you for registering **{md(name)}**." if name else "Thank you for registering your coalition."
    rows = []
    for problem in registration.problems:
        where = md(problem.field) + (f", line {problem.line}" if problem.line else "")
        rows.append(f"| {where} | {md(problem.message)} |")
    return "\n".join([
        COMMENT_MARKER, "### Almost there — a few things to fix", "",
        f"{thanks} Before the registry opens the pull request, please change the fields below: open the "
        "**⋯** menu at the top right of your issue, choose **Edit**, fix them and press **Update comment**. "
        "The check runs again every time you save.", "",
        "| Form field | What to fix |", "|---|---|", *rows, "",
        "<sub>Members go one per line as: name | country code | sector | constituency. Work-plan milestones go one "
        "per line as: YYYY-MM-DD | milestone. Questions? Ask in a comment below.</sub>", ""])


def write_registration(registration: IssueRegistration, settings: Settings) -> Path:
    """Write the new coalition file; never over an existing one, never outside registry/coalitions/."""
    if not registration.ok or not _ID.fullmatch(registration.entry.coalition_id):
        raise ImpactError("the issue has problems to fix first; nothing was written")
    target = settings.coalitions_dir / f"{registration.entry.coalition_id}.yml"
    try:
        with target.open("x", encoding="utf-8") as stream:
            stream.write(registration.text)
    except FileExistsError as exc:
        raise ImpactError(f"{registration.file} exists already; nothing was written") from exc
    except OSError as exc:
        raise ImpactError(f"cannot write {registration.file}: {exc.strerror}") from exc
    return target

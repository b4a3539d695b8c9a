"""Read a "Register a coalition" issue body, as GitHub renders the issue form, into a registration's answers.

GitHub renders a submitted form as `### Label`, a blank line, then the value (`_No response_` when
empty; checkboxes as `- [X] label`, a multiple dropdown as `A, B`):

    ### Coalition name

    Fictional Coalition for Clean Rivers

    ### Members

    Fictional River Network | KE | civil-society | ngos

The labels are the questions' (generator/form/questions.py), from which the form itself is written. The
text is untrusted: it is never read as YAML. The fields are picked out as plain strings, stripped of
control and invisible characters, and become Answers; what cannot be read is noted per form field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.errors import InvalidAnswer
from generator.form.questions import DATA_LICENCE, QUESTIONS
from generator.intake.checks import Rules, check_maintainer
from generator.intake.choices import choices, key
from generator.intake.entry import Answers, Commitments, Engagement, Member, Milestone
from generator.intake.member_line import read_member_line
from generator.reference import THEME_LABELS
from generator.text import INVISIBLE, slug

MAX_OBJECTIVES = 50
NO_RESPONSE = "_No response_"
# the form's label → the answer's key: the questions', then the agreement to the data licence
LABELS = {**{question.label: question.id for question in QUESTIONS}, DATA_LICENCE.label: DATA_LICENCE.id}
LABEL_OF = {key: label for label, key in LABELS.items()}
LISTS = ("objectives", "members", "workplan")  # textareas read one item per line
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")
_HEADERS = {"name", "organisation name", "organization name", "organisation"}  # a table's header row


@dataclass(frozen=True)
class FormProblem:
    """Something to fix, said in the form's own terms: which field, which line of it, what to do."""

    field: str  # the form's label
    message: str
    line: int | None = None  # the line within a textarea (members, objectives, work plan)
    rule: str = "issue-form"


@dataclass(frozen=True)
class IssueEntry:
    answers: Answers
    notes: tuple[FormProblem, ...]  # what in the form could not be used, or is missing though no file needs it
    lines: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # list field → form line of each item

    @property
    def coalition_id(self) -> str:
        return self.answers.id


def _strip_invisible(text: str) -> str:
    """One kind of line break, tabs as spaces, composed characters; no control or invisible characters."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    return INVISIBLE.sub("", text)


def sections(body: str) -> dict[str, str]:
    """The answer's key → its text, for the labels the form has (the first of each; other headings are text)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _strip_invisible(body).split("\n"):
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


def _members(text: str, rules: Rules, notes: list[FormProblem]) -> tuple[list[Member], list[int]]:
    """The member lines (member_line.py), each line's problems said at once; a table's header and separator rows
    are passed over."""
    members, lines = [], []
    for number, line in _items(text):
        if set(line) <= set("|-: ") or _cells(line)[0].casefold() in _HEADERS:
            continue
        read = read_member_line(line, rules)
        if read.member is None:
            notes.append(FormProblem(LABEL_OF["members"], "; ".join(str(p) for p in read.problems), number))
        else:
            members.append(read.member)
            lines.append(number)
    return members, lines


def _workplan(text: str, notes: list[FormProblem]) -> tuple[list[Milestone], list[int]]:
    label = LABEL_OF["workplan"]
    milestones, lines = [], []
    for number, line in _items(text):
        cells = _cells(line)
        if len(cells) < 2 or not cells[0] or not cells[1]:
            notes.append(FormProblem(label, f"“{line[:80]}” needs a date and what happens: YYYY-MM-DD | "
                                     "milestone", number))
            continue
        milestones.append(Milestone(date=cells[0], title=cells[1],
                                    description=" | ".join(c for c in cells[2:] if c) or None))
        lines.append(number)
    return milestones, lines


def _themes(text: str, rules: Rules, notes: list[FormProblem]) -> list[str]:
    chosen = _ticked(text) if re.search(r"(?m)^\s*- \[", text) else re.split(r"[,\n]", text)
    theme = choices("theme", rules.enum("themes"))
    themes: list[str] = []
    for label in (c.strip() for c in chosen):
        if not label:
            continue
        try:
            themes.append(theme.pick(label))
        except InvalidAnswer:
            close = [f"“{THEME_LABELS.get(t, t)}”" for t in theme.suggestions(key(label))]
            hint = f"did you mean {' or '.join(close)}? " if close else ""
            notes.append(FormProblem(LABEL_OF["themes"], f"“{label[:80]}” is not one of the themes — {hint}choose "
                                     f"from the list: {', '.join(THEME_LABELS.get(t, t) for t in theme.values)}"))
    return list(dict.fromkeys(themes))


def _handles(text: str, rules: Rules, notes: list[FormProblem]) -> list[str]:
    """The user names, separated by commas or line breaks; a name GitHub could not have is said, not taken."""
    handles: list[str] = []
    for word in re.split(r"[,\n]", text):
        if not word.strip():
            continue
        try:
            handle = check_maintainer(word, rules)
        except InvalidAnswer as exc:
            notes.append(FormProblem(LABEL_OF["maintainers"], str(exc)))
            continue
        if handle.casefold() not in {h.casefold() for h in handles}:
            handles.append(handle)
    return handles


def _engagement(values: Mapping[str, str]) -> Engagement:
    """The plans, from the questions that fill the engagement fields."""
    plans = {question.fields[0].removeprefix("engagement."): _one_line(values.get(question.id, ""))
             for question in QUESTIONS if question.fields[0].startswith("engagement.")}
    return Engagement(**plans)


def entry_from_issue(body: str, rules: Rules, author: str | None = None) -> IssueEntry:
    """The coalition the form describes, as answers, with notes on what could not be read.

    `author` (the issue's author) becomes the first maintainer if the form does not name them.
    """
    values = sections(body)
    notes: list[FormProblem] = []
    name = _one_line(values.get("name", ""))
    given_id = _one_line(values.get("id", ""))
    themes = _themes(values.get("themes", ""), rules, notes)
    objectives = _items(values.get("objectives", ""))
    if len(objectives) > MAX_OBJECTIVES:
        notes.append(FormProblem(LABEL_OF["objectives"], f"{len(objectives)} lines: list at most "
                                 f"{MAX_OBJECTIVES} objectives, one per line"))
        objectives = objectives[:MAX_OBJECTIVES]
    members, member_lines = _members(values.get("members", ""), rules, notes)
    workplan, milestone_lines = _workplan(values.get("workplan", ""), notes)
    maintainers = _handles(values.get("maintainers", ""), rules, notes)
    if author and author.casefold() not in {h.casefold() for h in maintainers}:
        maintainers.insert(0, author)
    ticked = " ".join(_ticked(values.get("commitments", ""))).casefold()
    answers = Answers(
        id=slug(given_id or name), name=name, acronym=_one_line(values.get("acronym", "")) or None,
        summary=_one_line(values.get("summary", "")), themes=tuple(themes),
        objectives=tuple(_one_line(text) for _, text in objectives), members=tuple(members),
        engagement=_engagement(values), workplan=tuple(workplan), email=_one_line(values.get("email", "")),
        contact_url=_one_line(values.get("contact-url", "")) or None, public=bool(_ticked(values.get("public", ""))),
        maintainers=tuple(maintainers),
        commitments=Commitments(transparency="transparency" in ticked, accountability="accountability" in ticked,
                                inclusivity="inclusivity" in ticked))
    if not _ticked(values.get(DATA_LICENCE.id, "")):  # GitHub asks for it, but an edited issue may untick it
        notes.append(FormProblem(DATA_LICENCE.label, f"tick “{DATA_LICENCE.text.split(' (')[0]}” — "
                                 f"{DATA_LICENCE.help[0].lower()}{DATA_LICENCE.help[1:].rstrip('.')}"))
    lines = {"objectives": tuple(n for n, _ in objectives), "members": tuple(member_lines),
             "workplan": tuple(milestone_lines)}
    return IssueEntry(answers, tuple(notes), lines)

"""Read a "Register a coalition" issue body, as GitHub renders the issue form, into a registration's answers.

GitHub renders a submitted form as `### Label`, a blank line, then the value (`_No response_` when
empty; checkboxes as `- [X] label`, a multiple dropdown as `A, B`):

    ### Coalition name

    Fictional Coalition for Clean Rivers

    ### Members

    Fictional River Network | KE | civil-society | ngos

The labels are the questions' (generator/form/questions.py), from which the form itself is written, in the
language of the form the issue was opened with (register-coalition-fr.yml asks in French, so its headings are
French): every language's labels are read, and the headings tell the form's language. The
text is untrusted: it is never read as YAML. The fields are picked out as plain strings, stripped of
control and invisible characters, and become Answers; what cannot be read is noted per form field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from generator.errors import InvalidAnswer
from generator.form.fields import choice_labels, form_field
from generator.form.questions import DATA_LICENCE, QUESTIONS, agreement
from generator.i18n.catalogs import _, active, use_language
from generator.i18n.languages import CODES
from generator.intake.checks import Rules, check_maintainer
from generator.intake.choices import choices, key, or_
from generator.intake.entry import Answers, Commitments, Engagement, Member, Milestone
from generator.intake.member_line import read_member_line
from generator.text import INVISIBLE, slug

MAX_OBJECTIVES = 50
NO_RESPONSE = "_No response_"  # GitHub's, in English whatever the form's language
# the form's label → the answer's key: the questions', then the agreement to the data licence (in English; each
# language's are labels(code))
LABELS = {**{question.label: question.id for question in QUESTIONS}, DATA_LICENCE.label: DATA_LICENCE.id}
LABEL_OF = {key: label for label, key in LABELS.items()}
KEYS = tuple(LABELS.values())  # the answers' keys in the form's order
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


@cache
def labels(code: str) -> dict[str, str]:
    """The form's label → the answer's key, in the site language `code` (its form's headings)."""
    with use_language(code):
        return {_(label): key for label, key in LABELS.items()}


def label_of(key: str) -> str:
    """The form's label of an answer in the active language: how a problem names the field."""
    return _(LABEL_OF[key])


def _headings(body: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"(?m)^###\s+(.+?)\s*$", _strip_invisible(body))]


def form_language(body: str, default: str) -> str:
    """The language of the form the issue was written in: the one whose labels are most of its headings; `default`
    (the issue's label, --lang) when the headings fit several alike, e.g. labels not translated yet."""
    headings = _headings(body)
    fits = {code: sum(heading in labels(code) for heading in headings) for code in CODES}
    best = max(fits.values())
    found = [code for code, count in fits.items() if count == best]
    return default if default in found or len(found) != 1 else found[0]


def _all_labels(code: str) -> dict[str, str]:
    """Every language's labels, those of `code` first (a label of two languages means the one of `code`)."""
    merged = dict(labels(code))
    for other in CODES:
        for label, answer in labels(other).items():
            merged.setdefault(label, answer)
    return merged


def _strip_invisible(text: str) -> str:
    """One kind of line break, tabs as spaces, composed characters; no control or invisible characters."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    return INVISIBLE.sub("", text)


def sections(body: str) -> dict[str, str]:
    """The answer's key → its text, for the labels the form has in any language (the first of each; other
    headings are text)."""
    known = _all_labels(active())
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _strip_invisible(body).split("\n"):
        heading = re.fullmatch(r"###\s+(.+?)\s*", line)
        if heading and heading.group(1) in known:
            key = known[heading.group(1)]
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
            notes.append(FormProblem(label_of("members"), "; ".join(str(p) for p in read.problems), number))
        else:
            members.append(read.member)
            lines.append(number)
    return members, lines


def _workplan(text: str, notes: list[FormProblem]) -> tuple[list[Milestone], list[int]]:
    label = label_of("workplan")
    milestones, lines = [], []
    for number, line in _items(text):
        cells = _cells(line)
        if len(cells) < 2 or not cells[0] or not cells[1]:
            notes.append(FormProblem(label, _("“{line}” needs a date and what happens: YYYY-MM-DD | milestone").format(
                line=line[:80]), number))
            continue
        milestones.append(Milestone(date=cells[0], title=cells[1],
                                    description=" | ".join(c for c in cells[2:] if c) or None))
        lines.append(number)
    return milestones, lines


def _themes(text: str, rules: Rules, notes: list[FormProblem]) -> list[str]:
    chosen = _ticked(text) if re.search(r"(?m)^\s*- \[", text) else re.split(r"[,\n]", text)
    theme = choices("theme", rules.enum("themes"))
    shown = choice_labels("themes")
    themes: list[str] = []
    for label in (c.strip() for c in chosen):
        if not label:
            continue
        try:
            themes.append(theme.pick(label))
        except InvalidAnswer:
            close = [f"“{shown.get(t, t)}”" for t in theme.suggestions(key(label))]
            listed = ", ".join(shown.get(t, t) for t in theme.values)
            if close:
                message = _("“{answer}” is not one of the themes — did you mean {themes}? choose from the list: "
                            "{listed}").format(answer=label[:80], themes=or_(close), listed=listed)
            else:
                message = _("“{answer}” is not one of the themes — choose from the list: {listed}").format(
                    answer=label[:80], listed=listed)
            notes.append(FormProblem(label_of("themes"), message))
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
            notes.append(FormProblem(label_of("maintainers"), str(exc)))
            continue
        if handle.casefold() not in {h.casefold() for h in handles}:
            handles.append(handle)
    return handles


def _engagement(values: Mapping[str, str]) -> Engagement:
    """The plans, from the questions that fill the engagement fields."""
    plans = {question.fields[0].removeprefix("engagement."): _one_line(values.get(question.id, ""))
             for question in QUESTIONS if question.fields[0].startswith("engagement.")}
    return Engagement(**plans)


def _commitments(text: str, rules: Rules) -> Commitments:
    """The commitments whose boxes are ticked, by their labels in any language ('We commit to transparency'), or
    by the commitment's own word in them."""
    names = list(rules.field("commitments")["properties"])
    boxes: dict[str, str] = {}
    for code in CODES:
        with use_language(code):
            boxes |= {key(label): name for name, label in form_field(rules.schema, "commitments").options}
    made = set()
    for ticked in _ticked(text):
        made |= {boxes[key(ticked)]} if key(ticked) in boxes else {n for n in names if n in ticked.casefold()}
    return Commitments(**{name: name in made for name in names})


def entry_from_issue(body: str, rules: Rules, author: str | None = None) -> IssueEntry:
    """The coalition the form describes, as answers, with notes on what could not be read (in the active
    language: the form's).

    `author` (the issue's author) becomes the first maintainer if the form does not name them.
    """
    values = sections(body)
    notes: list[FormProblem] = []
    name = _one_line(values.get("name", ""))
    given_id = _one_line(values.get("id", ""))
    themes = _themes(values.get("themes", ""), rules, notes)
    objectives = _items(values.get("objectives", ""))
    if len(objectives) > MAX_OBJECTIVES:
        notes.append(FormProblem(label_of("objectives"), _("{count} lines: list at most {most} objectives, one per "
                                                           "line").format(count=len(objectives), most=MAX_OBJECTIVES)))
        objectives = objectives[:MAX_OBJECTIVES]
    members, member_lines = _members(values.get("members", ""), rules, notes)
    workplan, milestone_lines = _workplan(values.get("workplan", ""), notes)
    maintainers = _handles(values.get("maintainers", ""), rules, notes)
    if author and author.casefold() not in {h.casefold() for h in maintainers}:
        maintainers.insert(0, author)
    answers = Answers(
        id=slug(given_id or name), name=name, acronym=_one_line(values.get("acronym", "")) or None,
        summary=_one_line(values.get("summary", "")), themes=tuple(themes),
        objectives=tuple(_one_line(text) for _, text in objectives), members=tuple(members),
        engagement=_engagement(values), workplan=tuple(workplan), email=_one_line(values.get("email", "")),
        contact_url=_one_line(values.get("contact-url", "")) or None, public=bool(_ticked(values.get("public", ""))),
        maintainers=tuple(maintainers), commitments=_commitments(values.get("commitments", ""), rules))
    if not _ticked(values.get(DATA_LICENCE.id, "")):  # GitHub asks for it, but an edited issue may untick it
        licence = agreement()
        notes.append(FormProblem(licence.label, _("tick “{box}” — {reason}").format(
            box=licence.text.split(" (")[0], reason=f"{licence.help[0].lower()}{licence.help[1:].rstrip('.')}")))
    lines = {"objectives": tuple(n for n, _ in objectives), "members": tuple(member_lines),
             "workplan": tuple(milestone_lines)}
    return IssueEntry(answers, tuple(notes), lines)

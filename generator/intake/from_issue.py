"""`impact from-issue`: a "Register a coalition" issue becomes a coalition file, or a comment on what to fix.

The body is read into answers (issue_body.py) and written by the one writer of new files (entry.py); the
result is checked by the real validator, and its problems are said back per form field, in Markdown for
a comment on the issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ImpactError
from generator.form.questions import QUESTIONS
from generator.intake.checks import read_rules
from generator.intake.entry import coalition_yaml
from generator.intake.issue_body import LABEL_OF, LABELS, LISTS, FormProblem, IssueEntry, entry_from_issue, sections
from generator.intake.member_line import EXAMPLE, EXTRAS, SYNTAX
from generator.problems import Problem, pointer_to_field
from generator.registry.validate import check_coalition_text
from generator.settings import Settings
from generator.text import md

MAX_BODY = 65_536  # GitHub's own limit for an issue body, in characters
COMMENT_MARKER = "<!-- impact-registry-issue-check -->"
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MEMBER_HELP = (f"Members go one per line as: {SYNTAX}, then, when needed, {', '.join(f'{e}=…' for e in EXTRAS)} — "
               f"e.g. {EXAMPLE}.")


def _questions_by_pointer() -> dict[str, str]:
    """Where each answer lands in a coalition file (JSON Pointer) → the question a problem there is about: each
    field of a question, and each object it is in (the first question in it: /contact is about the e-mail)."""
    found: dict[str, str] = {}
    for question in QUESTIONS:
        for path in question.fields:
            parts = path.split(".")
            for depth in range(1, len(parts) + 1):
                found.setdefault("/" + "/".join(parts[:depth]), question.id)
    return found


_QUESTION_AT = _questions_by_pointer()


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
        key = _QUESTION_AT.get("/".join(parts[:depth]))
        if key:
            break
    if key == "commitments":
        which = problem.pointer.rsplit("/", 1)[-1]
        label = f"“We commit to {which}”" if which in ("transparency", "accountability", "inclusivity") else "all three"
        return FormProblem(LABEL_OF[key], f"tick {label} — the ImPACT Coalitions commit to transparency, "
                           "accountability and inclusivity", None, problem.rule)
    line = None
    if key in LISTS and len(parts) > 2 and parts[2].isdigit():
        numbers = entry.lines.get(key, ())
        line = numbers[int(parts[2])] if int(parts[2]) < len(numbers) else None
    message = problem.message
    shown = pointer_to_field(problem.pointer)
    if line is not None and message.startswith(shown):  # 'members[1].country: …' → 'country: …'
        message = (problem.pointer.rsplit("/", 1)[-1] if not parts[-1].isdigit() else "this line") + \
            message[len(shown):]
    if key == "id" and not entry.coalition_id:
        key = "name"
    return FormProblem(LABEL_OF.get(key or "", "(the whole entry)"), message, line, problem.rule)


def register_from_issue(body: str, settings: Settings, author: str | None = None) -> IssueRegistration:
    """Read the form, build the coalition file, and check it as `impact validate` would."""
    read = body[:MAX_BODY]
    entry = entry_from_issue(read, read_rules(settings), author)
    text = coalition_yaml(entry.answers)
    file = f"registry/coalitions/{entry.coalition_id or 'unnamed'}.yml"
    problems = list(entry.notes)
    if len(body) > MAX_BODY:
        problems.append(FormProblem("(the whole issue)", f"the issue is longer than {MAX_BODY} characters, so its "
                                    "end was not read — shorten long texts"))
    if not entry.coalition_id:
        which = LABEL_OF["id"] if sections(read).get("id") else LABEL_OF["name"]
        problems.append(FormProblem(which, "the page address is made from the name's Latin letters and digits, and "
                                    f"there are none — fill in {LABEL_OF['id']}, e.g. clean-rivers-coalition"))
    elif (settings.coalitions_dir / f"{entry.coalition_id}.yml").exists():
        problems.append(FormProblem(LABEL_OF["id"], f"a coalition with the identifier '{entry.coalition_id}' is "
                                    "registered already — choose another identifier; if that entry is yours, "
                                    "its maintainers can update it instead (see CONTRIBUTING.md)", rule="duplicate-id"))
    report = check_coalition_text(text, file, settings)
    errors = [p for p in report.problems if p.severity == "error"]
    if not entry.coalition_id:  # a missing id is said above, once
        errors = [p for p in errors if p.pointer != "/id" and p.rule != "id-mismatch"]
    if any(note.field == LABEL_OF["members"] for note in entry.notes):  # lines left out: too few members follows
        errors = [p for p in errors if p.pointer != "/members"]
    problems += [_form_problem(p, entry) for p in errors]
    order = {label: index for index, label in enumerate(LABELS)}
    problems.sort(key=lambda p: (order.get(p.field, -1), p.line or 0))
    return IssueRegistration(entry, file, text, tuple(problems))


def issue_comment(registration: IssueRegistration) -> str:
    """The Markdown comment that tells the person who opened the issue what to change."""
    name = registration.entry.answers.name
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
        f"<sub>{md(MEMBER_HELP)} {md('Work-plan milestones go one per line as: YYYY-MM-DD | milestone.')} "
        "Questions? Ask in a comment below.</sub>", ""])


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

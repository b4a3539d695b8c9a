"""`impact from-issue`: a "Register a coalition" issue becomes a coalition file, or a comment on what to fix.

The body is read into answers (issue_body.py) and written by the one writer of new files (entry.py); the
result is checked by the real validator, and its problems are said back per form field, in Markdown for
a comment on the issue, in the language of the form the issue was opened with (its headings, else the active
language: --lang, which the workflow takes from the form's `lang:<code>` label). The file is the same in every
language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ImpactError
from generator.form.fields import form_field
from generator.form.questions import QUESTIONS
from generator.i18n.catalogs import N_, _, active, use_language
from generator.intake.checks import read_rules
from generator.intake.entry import coalition_yaml
from generator.intake.issue_body import (
    KEYS,
    LISTS,
    FormProblem,
    IssueEntry,
    entry_from_issue,
    form_language,
    label_of,
    sections,
)
from generator.intake.member_line import EXAMPLE, EXTRAS, SYNTAX
from generator.problems import Problem, pointer_to_field
from generator.registry.validate import check_coalition_text
from generator.settings import Settings
from generator.text import md

MAX_BODY = 65_536  # GitHub's own limit for an issue body, in characters
COMMENT_MARKER = "<!-- impact-registry-issue-check -->"
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MEMBER_HELP = N_("Members go one per line as: {syntax}, then, when needed, {extras} — e.g. {example}.")


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
    language: str = "en"  # the form's: the comment's language

    @property
    def ok(self) -> bool:
        return not self.problems


def _form_problem(problem: Problem, entry: IssueEntry, boxes: dict[str, str]) -> FormProblem:
    """The validator's problem in the form's terms; `boxes`: the commitments' labels on the form, by key."""
    parts = problem.pointer.split("/")
    key = None
    for depth in (3, 2):
        key = _QUESTION_AT.get("/".join(parts[:depth]))
        if key:
            break
    if key == "commitments":
        which = problem.pointer.rsplit("/", 1)[-1]
        if which in boxes:
            message = _("tick “{box}” — the ImPACT Coalitions commit to transparency, accountability and "
                        "inclusivity").format(box=boxes[which])
        else:
            message = _("tick all three — the ImPACT Coalitions commit to transparency, accountability and "
                        "inclusivity")
        return FormProblem(label_of(key), message, None, problem.rule)
    line = None
    if key in LISTS and len(parts) > 2 and parts[2].isdigit():
        numbers = entry.lines.get(key, ())
        line = numbers[int(parts[2])] if int(parts[2]) < len(numbers) else None
    message = problem.message
    shown = pointer_to_field(problem.pointer)
    if line is not None and message.startswith(shown):  # 'members[1].country: …' → 'country: …'
        message = (problem.pointer.rsplit("/", 1)[-1] if not parts[-1].isdigit() else _("this line")) + \
            message[len(shown):]
    if key == "id" and not entry.coalition_id:
        key = "name"
    return FormProblem(label_of(key) if key else _("(the whole entry)"), message, line, problem.rule)


def register_from_issue(body: str, settings: Settings, author: str | None = None) -> IssueRegistration:
    """Read the form, build the coalition file, and check it as `impact validate` would; the problems in the
    form's language (issue_body.form_language)."""
    language = form_language(body[:MAX_BODY], active())
    with use_language(language):
        return _register(body, settings, author, language)


def _register(body: str, settings: Settings, author: str | None, language: str) -> IssueRegistration:
    read = body[:MAX_BODY]
    rules = read_rules(settings)
    entry = entry_from_issue(read, rules, author)
    text = coalition_yaml(entry.answers)
    file = f"registry/coalitions/{entry.coalition_id or 'unnamed'}.yml"
    problems = list(entry.notes)
    if len(body) > MAX_BODY:
        problems.append(FormProblem(_("(the whole issue)"), _("the issue is longer than {count} characters, so its "
                                                              "end was not read — shorten long texts").format(
                                                                  count=MAX_BODY)))
    if not entry.coalition_id:
        which = label_of("id") if sections(read).get("id") else label_of("name")
        problems.append(FormProblem(which, _("the page address is made from the name's Latin letters and digits, "
                                             "and there are none — fill in {field}, e.g. {example}").format(
                                                 field=label_of("id"), example="clean-rivers-coalition")))
    elif (settings.coalitions_dir / f"{entry.coalition_id}.yml").exists():
        problems.append(FormProblem(label_of("id"), _("a coalition with the identifier '{id}' is registered already "
                                                      "— choose another identifier; if that entry is yours, its "
                                                      "maintainers can update it instead (see {guide})").format(
                                                          id=entry.coalition_id, guide="CONTRIBUTING.md"),
                                    rule="duplicate-id"))
    report = check_coalition_text(text, file, settings)
    errors = [p for p in report.problems if p.severity == "error"]
    if not entry.coalition_id:  # a missing id is said above, once
        errors = [p for p in errors if p.pointer != "/id" and p.rule != "id-mismatch"]
    if any(note.field == label_of("members") for note in entry.notes):  # lines left out: too few members follows
        errors = [p for p in errors if p.pointer != "/members"]
    boxes = dict(form_field(rules.schema, "commitments").options)
    problems += [_form_problem(p, entry, boxes) for p in errors]
    order = {label_of(key): index for index, key in enumerate(KEYS)}
    problems.sort(key=lambda p: (order.get(p.field, -1), p.line or 0))
    return IssueRegistration(entry, file, text, tuple(problems), language)


def issue_comment(registration: IssueRegistration) -> str:
    """The Markdown comment that tells the person who opened the issue what to change, in the form's language."""
    with use_language(registration.language):
        return _comment(registration)


def _comment(registration: IssueRegistration) -> str:
    name = registration.entry.answers.name
    thanks = _("Thank you for registering **{name}**.").format(name=md(name)) if name else \
        _("Thank you for registering your coalition.")
    rows = []
    for problem in registration.problems:
        where = md(problem.field) + (_(", line {line}").format(line=problem.line) if problem.line else "")
        rows.append(f"| {where} | {md(problem.message)} |")
    member_help = _(MEMBER_HELP).format(syntax=SYNTAX, extras=", ".join(f"{e}=…" for e in EXTRAS), example=EXAMPLE)
    return "\n".join([
        COMMENT_MARKER, _("### Almost there — a few things to fix"), "",
        _("{thanks} Before the registry opens the pull request, please change the fields below: open the **⋯** menu "
          "at the top right of your issue, choose **Edit**, fix them and press **Update comment**. The check runs "
          "again every time you save.").format(thanks=thanks), "",
        _("| Form field | What to fix |"), "|---|---|", *rows, "",
        "<sub>{} {} {}</sub>".format(md(member_help), md(_("Work-plan milestones go one per line as: YYYY-MM-DD | "
                                                           "milestone.")),
                                     _("Questions? Ask in a comment below.")), ""])


def write_registration(registration: IssueRegistration, settings: Settings) -> Path:
    """Write the new coalition file; never over an existing one, never outside registry/coalitions/."""
    if not registration.ok or not _ID.fullmatch(registration.entry.coalition_id):
        raise ImpactError(_("the issue has problems to fix first; nothing was written"))
    target = settings.coalitions_dir / f"{registration.entry.coalition_id}.yml"
    try:
        with target.open("x", encoding="utf-8") as stream:
            stream.write(registration.text)
    except FileExistsError as exc:
        raise ImpactError(_("{file} exists already; nothing was written").format(file=registration.file)) from exc
    except OSError as exc:
        raise ImpactError(_("cannot write {file}: {reason}").format(file=registration.file,
                                                                    reason=exc.strerror)) from exc
    return target

"""The questions of the registration forms, defined once: the register page and the issue form ask them.

The register page (site/register.py) shows one control per schema field, labelled and explained by the
schema. The "Register a coalition" issue form (intake/issue_form.py writes it) asks each question in one
element under `label`: GitHub renders the answer under `### label`, which is how `impact from-issue` finds
it again. Lengths, choices and what is required come from the schema and the reference tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.form.fields import FormField, form_field


@dataclass(frozen=True)
class Question:
    """One question: where its answer goes in a coalition file, and how the issue form asks it."""

    id: str  # the issue form's id, and the key of the answer read from an issue
    label: str  # the issue form's label
    fields: tuple[str, ...]  # the schema fields it fills; a list's questions fill the fields of each item
    kind: str | None = None  # the page's control for a one-field question, when the schema does not decide it
    on_page: bool = True
    required: bool | None = None  # on the issue form; None: as the schema says
    # The issue form's own explanation, when it asks otherwise than the page (one item per line): a format
    # string over the schema field ({minLength}, {items[maxLength]}) and the values issue_form.py names.
    # Empty: the schema's description, as on the page.
    help: str = ""
    placeholder: str = ""
    option: str = ""  # the text of a lone checkbox on the issue form

    @property
    def lines(self) -> bool:
        """Whether the issue form asks for a list of records, one per line (members, the work plan)."""
        return len(self.fields) > 1


QUESTIONS: tuple[Question, ...] = (
    Question("name", "Coalition name", ("name",), help="The coalition's full name ({minLength} to {maxLength} "
             "characters)."),
    # Made from the name when left empty (`impact from-issue`); the page asks for it.
    Question("id", "Identifier (optional)", ("id",), required=False,
             help="{description} Left empty, it is made from the name."),
    Question("acronym", "Acronym", ("acronym",)),
    Question("summary", "Summary", ("summary",), kind="textarea"),
    Question("themes", "Themes", ("themes",), kind="checkboxes"),
    Question("objectives", "Objectives", ("objectives",), kind="textarea",
             help="One objective per line, one sentence each ({items[minLength]} to {items[maxLength]} characters)."),
    Question("members", "Members", ("members.name", "members.country", "members.sector", "members.constituency"),
             help="One organisation per line: name | country code | sector | constituency.\nSectors: {sectors}.\n"
                  "Constituencies (needed for {civil_society_sectors}): {constituencies}.",
             placeholder="Example Coastal Network | KE | civil-society | ngos"),
    Question("member-states", "Plan to engage Member States", ("engagement.member_states",), kind="textarea"),
    Question("un-agencies", "Plan to engage UN agencies or UN Country Teams", ("engagement.un_agencies",),
             kind="textarea", help="Plan to engage UN agencies, funds and programmes, or UN Country Teams and "
             "Resident Coordinators. It may run over several lines."),
    Question("support-needed", "Support needed for that engagement", ("engagement.support_needed",), kind="textarea"),
    # A forming coalition may have no milestone yet: the schema asks for the list, not for items in it.
    Question("workplan", "Work plan", ("workplan.date", "workplan.title"), required=False,
             help="One milestone per line: YYYY-MM-DD | what happens. At least {min_milestones}, the last on or "
                  "after {reaches_at_least} (the Summit of the Future).",
             placeholder="2025-06-30 | First progress report published"),
    Question("email", "Contact e-mail", ("contact.email",),
             help="A role address (never a person's private address). Kept off the site unless you tick “Show the "
                  "e-mail on the site” below, and then only obfuscated."),
    Question("contact-url", "Contact page", ("contact.url",), on_page=False),
    Question("public", "Show the e-mail on the site", ("contact.public",), kind="checkbox",
             option="Show the contact e-mail on the coalition's page (it is shown in a form address harvesters "
                    "cannot read)"),
    # The author is made a maintainer, so the issue form may leave the names out.
    Question("maintainers", "GitHub user names of the maintainers", ("maintainers",), required=False,
             help="Who may edit the entry later, separated by commas. You, who open this issue, are added "
                  "automatically."),
    Question("commitments", "Commitments", ("commitments",), kind="checkboxes"),
)


def page_fields(schema: Mapping[str, Any]) -> dict[str, FormField]:
    """The register page's controls, by schema field: one per field of every question the page asks."""
    return {path: form_field(schema, path, None if question.lines else question.kind)
            for question in QUESTIONS if question.on_page for path in question.fields}

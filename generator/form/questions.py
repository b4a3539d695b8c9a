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
from generator.i18n.catalogs import N_, _


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


# A member's fields in the order of the member syntax (`impact new --member`, a line of the issue form):
# name | country | sector | constituency, then the optional ones. The register page has a control for each.
MEMBER_FIELDS = ("name", "country", "sector", "constituency", "region", "primary_region", "scope", "constituency_other",
                 "role", "website")

QUESTIONS: tuple[Question, ...] = (
    Question("name", N_("Coalition name"), ("name",), help=N_("The coalition's full name ({minLength} to {maxLength} "
             "characters).")),
    # Made from the name when left empty (`impact from-issue`); the page asks for it.
    Question("id", N_("Identifier (optional)"), ("id",), required=False,
             help=N_("{description} Left empty, it is made from the name.")),
    Question("acronym", N_("Acronym"), ("acronym",)),
    Question("summary", N_("Summary"), ("summary",), kind="textarea"),
    Question("themes", N_("Themes"), ("themes",), kind="checkboxes"),
    Question("objectives", N_("Objectives"), ("objectives",), kind="textarea",
             help=N_("One objective per line, one sentence each ({items[minLength]} to {items[maxLength]} "
                     "characters).")),
    Question("members", N_("Members"), tuple(f"members.{name}" for name in MEMBER_FIELDS),
             help=N_("One organisation per line: name | country code | sector | constituency, then, when needed, "
                  "field=value parts, each after a |:\n"
                  "region= when the country is in no UN Regional Group (such as HK, TW or PR): {regions};\n"
                  "scope=global, with primary_region= the group where the organisation mainly works; "
                  "constituency_other= the constituency in your own words, for constituency other; role=lead; "
                  "website=https://….\nFor example: {member_example}\nSectors: {sectors}.\n"
                  "Constituencies (needed for {civil_society_sectors}): {constituencies}."),
             placeholder=N_("Example Coastal Network | KE | civil-society | ngos")),
    Question("member-states", N_("Plan to engage Member States"), ("engagement.member_states",), kind="textarea"),
    Question("un-agencies", N_("Plan to engage UN agencies or UN Country Teams"), ("engagement.un_agencies",),
             kind="textarea", help=N_("Plan to engage UN agencies, funds and programmes, or UN Country Teams and "
             "Resident Coordinators. It may run over several lines.")),
    Question("support-needed", N_("Support needed for that engagement"), ("engagement.support_needed",),
             kind="textarea"),
    # A forming coalition may have no milestone yet: the schema asks for the list, not for items in it.
    Question("workplan", N_("Work plan"), ("workplan.date", "workplan.title"), required=False,
             help=N_("One milestone per line: YYYY-MM-DD | what happens. At least {min_milestones}, the last on or "
                  "after {reaches_at_least} (the Summit of the Future)."),
             placeholder=N_("2025-06-30 | First progress report published")),
    Question("email", N_("Contact e-mail"), ("contact.email",),
             help=N_("A role address of the coalition, never a person's own: the coalition's file, this address "
                  "included, is public on GitHub. The site shows it only if you tick “Show the e-mail on the site” "
                  "below, and then in a form address harvesters cannot read.")),
    Question("contact-url", N_("Contact page"), ("contact.url",), on_page=False),
    Question("public", N_("Show the e-mail on the site"), ("contact.public",), kind="checkbox",
             option=N_("Show the contact e-mail on the coalition's page (it is shown in a form address harvesters "
                    "cannot read)")),
    # The author is made a maintainer, so the issue form may leave the names out.
    Question("maintainers", N_("GitHub user names of the maintainers"), ("maintainers",), required=False,
             help=N_("Who may edit the entry later, separated by commas. You, who open this issue, are added "
                  "automatically.")),
    Question("commitments", N_("Commitments"), ("commitments",), kind="checkboxes"),
)


# The register page's explanations where the schema's, written for people editing the file, would not do
# under a form control: format strings over the schema property, as form_field() says.
PAGE_HELP = {
    "id": N_("Made from the name; you may change it. Lower-case letters, digits and single hyphens, {minLength} to "
          "{maxLength} characters. It becomes the address of your coalition's page and cannot change later."),
    "summary": N_("Two or three plain sentences on what the coalition wants to change ({minLength} to {maxLength} "
               "characters). Shown in the list of coalitions."),
    "objectives": N_("One objective per line, one plain sentence each ({items[minLength]} to {items[maxLength]} "
                  "characters)."),
    "members.country": N_("Where the organisation is based. Type the first letters of its name to find it."),
    "members.region": N_("Needed only when the country or territory belongs to no UN Regional Group (such as Hong "
                      "Kong, Puerto Rico or Taiwan): the group the organisation counts in."),
    "members.sector": N_("What kind of organisation it is. Civil society organisations, think tanks and academia "
                      "count as civil society actors for the ImPACT criteria."),
    "members.constituency": N_("The Major Group or other Stakeholder group it belongs to. Needed for civil society "
                            "organisations, think tanks and academia."),
    "members.constituency_other": N_("Needed when the constituency is Other: the group in your own words."),
    "members.scope": N_("Where the organisation works: in one country, in a region, or worldwide."),
    "members.primary_region": N_("Needed when the scope is Global: the UN Regional Group where the organisation "
                              "mainly works. It counts there for the ImPACT criteria."),
    "members.role": N_("Lead: the coalition's convener or focal point."),
    "members.website": N_("The organisation's website, starting with https://"),
    "workplan.date": N_("The day it happens, or happened: pick it in the calendar or type it."),
    "contact.email": N_("A role address of the coalition (such as coalition@example.org), never a person's own: the "
                     "coalition's file, this address included, is public on GitHub. This site shows it only if you "
                     "tick the box below."),
    "contact.public": N_("Tick to show the address on your coalition's page, written so that address harvesters "
                      "cannot read it."),
    "maintainers": N_("GitHub user names of the people who may edit the entry later, separated by commas. Include "
                   "your own."),
}


@dataclass(frozen=True)
class Agreement:
    """A box to tick that fills no field of the file: the issue form's last element (its answer found under
    `### label`), and the register page's last control, both required."""

    id: str
    label: str
    text: str  # what the contributor agrees to, the box's own text
    help: str  # why it is asked


# What a contributor agrees to in every channel that takes a new entry: the pull-request template asks the
# same for changes made by hand. The licence is mkdocs.yml's extra.licence.data (tests/test_licences.py).
DATA_LICENCE = Agreement(
    "licence", N_("Data licence"),
    N_("I agree to publish what this form contains under the registry's data licence, CC BY 4.0 (see LICENSE-DATA): "
       "anyone may reuse it, naming the registry as its source."),
    N_("Every entry is published as open data that anyone may reuse, so the registry can take none without this "
       "agreement."))


def agreement() -> Agreement:
    """The agreement to the data licence in the active language (DATA_LICENCE is its English)."""
    return Agreement(DATA_LICENCE.id, _(DATA_LICENCE.label), _(DATA_LICENCE.text), _(DATA_LICENCE.help))


def page_fields(schema: Mapping[str, Any]) -> dict[str, FormField]:
    """The register page's controls, by schema field: one per field of every question the page asks; and, under
    its id, the box that agrees to the data licence. In the active language."""
    fields = {path: form_field(schema, path, None if question.lines else question.kind,
                               _(PAGE_HELP[path]) if path in PAGE_HELP else None)
              for question in QUESTIONS if question.on_page for path in question.fields}
    licence = agreement()
    fields[licence.id] = FormField(path=licence.id, label=licence.text, help=licence.help, required=True,
                                   kind="checkbox")
    return fields

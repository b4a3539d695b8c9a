"""Write the "Register a coalition" issue forms (.github/ISSUE_TEMPLATE/register-coalition.yml in English,
register-coalition-<code>.yml in each other site language).

One element per question of generator/form/questions.py, explained, required and offered choices as the
schema and registry/criteria.yml say: the form, the register page and `impact from-issue` cannot drift
apart. Each language's form is the same form written through that language's catalog, labelled
`lang:<code>` besides `register-coalition`, which tells the issue robot the language to answer in (it also
knows a form's language by its labels, which GitHub writes as the issue's headings). `make issue-form` runs
`python -m generator.intake.issue_form` in the repository; a test fails while a committed form differs from
what this writes.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from generator.errors import ImpactError
from generator.form.fields import form_field, schema_property
from generator.form.questions import QUESTIONS, Agreement, Question, agreement
from generator.i18n.catalogs import N_, _, active, use_language
from generator.i18n.languages import CODES, ENGLISH, language
from generator.intake.member_line import EXAMPLE
from generator.registry.criteria import CriteriaSettings, load_criteria_settings
from generator.registry.schemas import load_schema
from generator.settings import make_settings

FORM = Path(".github") / "ISSUE_TEMPLATE" / "register-coalition.yml"
LABEL = "register-coalition"  # the issue's label: the issue-register workflow acts on issues that carry it
LANGUAGE_LABEL = "lang:{code}"  # the label of a form in another language than English
HEADER = ("# Written by `make issue-form` (generator/intake/issue_form.py) from the questions in\n"
          "# generator/form/questions.py, schema/coalition.schema.json and registry/criteria.yml: change those.\n")
# The introduction's paragraphs: GitHub shows each as written, its line breaks kept in the English form.
INTRO = (
    N_("Thank you for registering your coalition. Fill in what you can: a coalition that does not meet all four\n"
       "ImPACT criteria yet is listed as *forming*, with what it still needs (see [how to register]({link})).\n"
       "Everything you write here is public: this issue, and the coalition's file with its whole history on GitHub,\n"
       "the contact e-mail included. The site shows the e-mail only if you tick the box to show it. So use a role\n"
       "address of the coalition (such as {example_email}), never a person's own."),
    N_("After you submit, a robot checks the form within a few minutes. It either opens the pull request that adds\n"
       "your coalition, or comments here with what to fix: then edit this issue, and it checks again."),
)


def form_path(code: str) -> Path:
    """Where the form of a site language is: register-coalition.yml for English, register-coalition-fr.yml."""
    return FORM if code == ENGLISH.code else FORM.with_name(f"{FORM.stem}-{code}{FORM.suffix}")


def _intro() -> str:
    """The form's introduction, linking the guide to registering in the form's language (CONTRIBUTING.fr.md)."""
    code = active()
    guide = "CONTRIBUTING.md" if code == ENGLISH.code else f"CONTRIBUTING.{code}.md"
    paragraphs = [_(text).format(link=f"../blob/main/{guide}", example_email="coalition@example.org")
                  for text in INTRO]
    return "\n\n".join(paragraphs) + "\n"


def _and(words: list[str]) -> str:
    if len(words) < 2:
        return "".join(words)
    return _("{first} and {last}").format(first=", ".join(words[:-1]), last=words[-1])


def _values(schema: Mapping[str, Any], criteria: CriteriaSettings) -> dict[str, str]:
    """What the questions' own explanations may name, besides the schema field's keys."""
    choices = {field: [value for value, _ in form_field(schema, f"members.{field}").options]
               for field in ("sector", "constituency", "region")}
    return {
        "sectors": ", ".join(choices["sector"]),
        "constituencies": ", ".join(choices["constituency"]),
        "regions": ", ".join(choices["region"]),
        "member_example": EXAMPLE,
        "civil_society_sectors": _and(list(criteria.civil_society_sectors)),
        "min_milestones": str(criteria.min_milestones),
        "reaches_at_least": str(criteria.reaches_at_least),
    }


def _element(question: Question, schema: Mapping[str, Any], values: Mapping[str, str]) -> CommentedMap:
    """The form element that asks the question: a text, a choice of themes, or boxes to tick."""
    field = question.fields[0].split(".")[0] if question.lines else question.fields[0]
    node, required = schema_property(schema, field)
    control = form_field(schema, field, question.kind)
    required = required if question.required is None else question.required
    attributes = CommentedMap(label=_(question.label))
    if question.lines or control.kind == "textarea":
        kind = "textarea"
    elif control.kind == "checkbox" or node.get("type") == "object":
        kind = "checkboxes"  # a box to tick, or boxes that must all be ticked (the commitments)
    elif control.options:
        kind = "dropdown"
    else:
        kind = "input"
    if kind != "checkboxes":
        text = _(question.help).format(**node, **values) if question.help else control.help
        attributes["description"] = LiteralScalarString(text + "\n") if "\n" in text else text
    if question.placeholder:
        attributes["placeholder"] = _(question.placeholder)
    if kind == "dropdown":
        attributes["multiple"] = node.get("type") == "array"
        attributes["options"] = CommentedSeq(label for _, label in control.options)
    if kind == "checkboxes":
        boxes = [_(question.option)] if question.option else [label for _, label in control.options]
        attributes["options"] = CommentedSeq(
            CommentedMap(label=box, required=True) if required else CommentedMap(label=box) for box in boxes)
    element = CommentedMap(type=kind, id=question.id, attributes=attributes)
    if required and kind != "checkboxes":
        element["validations"] = CommentedMap(required=True)
    return element


def _agreement(agreement: Agreement) -> CommentedMap:
    """The box that must be ticked before the form can be submitted."""
    box = CommentedMap(label=agreement.text, required=True)
    description = _("{reason} The licence: {link}.").format(reason=agreement.help,
                                                           link="[LICENSE-DATA](../blob/main/LICENSE-DATA)")
    attributes = CommentedMap(label=agreement.label, description=description, options=CommentedSeq([box]))
    return CommentedMap(type="checkboxes", id=agreement.id, attributes=attributes)


def issue_form(schema: Mapping[str, Any], criteria: CriteriaSettings, code: str = ENGLISH.code) -> str:
    """The issue form's text in the site language `code`."""
    with use_language(code):
        return _issue_form(schema, criteria, code)


def _issue_form(schema: Mapping[str, Any], criteria: CriteriaSettings, code: str) -> str:
    # quoted: a plain lang:fr in a flow sequence is a mapping to some YAML readers
    labels = CommentedSeq([LABEL] if code == ENGLISH.code else
                          [LABEL, SingleQuotedScalarString(LANGUAGE_LABEL.format(code=code))])
    labels.fa.set_flow_style()
    values = _values(schema, criteria)
    name = _("Register a coalition")
    form = CommentedMap(
        # The forms' chooser lists every language's form: each says its language.
        name=name if code == ENGLISH.code else f"{name} ({language(code).name})",
        description=_("Add an ImPACT Coalition to the registry. A robot turns this form into a pull request, or "
                      "tells you here what is missing."),
        title=_("Register: <coalition name>"), labels=labels,
        body=CommentedSeq([CommentedMap(type="markdown", attributes=CommentedMap(value=LiteralScalarString(_intro()))),
                           *(_element(question, schema, values) for question in QUESTIONS),
                           _agreement(agreement())]))
    yaml = YAML()
    yaml.width = 4096  # GitHub shows the texts as written: no folding
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    out.write(HEADER)
    yaml.dump(form, out)
    return out.getvalue()


def issue_forms(schema: Mapping[str, Any], criteria: CriteriaSettings) -> dict[Path, str]:
    """Every site language's form, by its path in the repository."""
    return {form_path(code): issue_form(schema, criteria, code) for code in CODES}


def main() -> None:
    """Write the forms into the registry repository at the current folder."""
    try:
        settings = make_settings(Path())
        criteria = load_criteria_settings(settings.criteria_path, settings.root / "schema" / "criteria.schema.json")
        forms = issue_forms(load_schema(settings.schema_path).schema, criteria)
        (settings.root / FORM).parent.mkdir(parents=True, exist_ok=True)
        for path, text in forms.items():
            (settings.root / path).write_text(text, encoding="utf-8")
    except ImpactError as exc:
        sys.exit(f"impact: {exc}")
    except OSError as exc:
        sys.exit(f"impact: cannot write the issue forms in {FORM.parent}: {exc.strerror}")


if __name__ == "__main__":
    main()

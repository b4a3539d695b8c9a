"""A registration issue as GitHub renders the form .github/ISSUE_TEMPLATE/register-coalition.yml, filled in; or
the same answers in another language's form (register-coalition-fr.yml): its labels as headings, its themes and
boxes in its words."""

from __future__ import annotations

from generator.form.fields import choice_labels, form_field
from generator.form.questions import DATA_LICENCE, QUESTIONS
from generator.i18n.catalogs import _, use_language
from generator.i18n.languages import ENGLISH
from generator.reference import THEME_LABELS

from .registry import CHECKOUT

FORM = CHECKOUT / ".github" / "ISSUE_TEMPLATE" / "register-coalition.yml"

COMPLETE = {
    "Coalition name": "Fictional Coalition for Clean Rivers (example)",
    "Identifier (optional)": "_No response_",
    "Acronym": "FCCR",
    "Summary": "A fictional coalition that pushes for river basin commissions\nwith a civil society seat.",
    "Themes": "Climate and environment, Global governance reform",
    "Objectives": "Give river communities a seat in basin commissions.\n\nPublish a yearly basin report.",
    "Members": "Fictional River Network (example) | KE | civil-society | ngos\n"
               "Imaginary Delta Institute (example) | BD | academia | education-academia\n"
               "Sample Andes Women (example) | Peru | Civil society | Women\n"
               "Placeholder Youth Hub (example) | IN | civil-society | children-youth\n"
               "Demo Water Watch (example) | PL | civil-society | ngos",
    "Plan to engage Member States": "Brief the missions of riparian states before each water conference.",
    "Plan to engage UN agencies or UN Country Teams": "_No response_",
    "Support needed for that engagement": "_No response_",
    "Work plan": "2024-06-01 | Launch call\n2025-03-22 | Statement on World Water Day | With partners",
    "Contact e-mail": "rivers@example.org",
    "Contact page": "_No response_",
    "Show the e-mail on the site": "- [ ] Show the contact e-mail on the coalition's page (it is shown in a form "
                                   "address harvesters cannot read)",
    "GitHub user names of the maintainers": "@example-volunteer, example-second",
    "Commitments": "- [X] We commit to transparency\n- [X] We commit to accountability\n"
                   "- [X] We commit to inclusivity",
    "Data licence": f"- [X] {DATA_LICENCE.text}",
}


def body(language: str = ENGLISH.code, **overrides: str) -> str:
    """A form body as GitHub renders it: ### Label, blank line, value (CRLF line ends, as the API gives them).

    `overrides` are by the English label; in another `language` the labels are that form's, and so are the themes
    (English answers are translated when they are the English form's words) and the boxes' texts."""
    values = {**COMPLETE, **overrides}
    if language != ENGLISH.code:
        values = translated(values, language)
    text = "\n\n".join(f"### {label}\n\n{value}" for label, value in values.items()) + "\n"
    return text.replace("\n", "\r\n")


def translated(values: dict[str, str], language: str) -> dict[str, str]:
    """The answers as the form of `language` gives them: its labels, its themes' and boxes' words."""
    from generator.intake.checks import read_rules
    from generator.settings import make_settings

    schema = read_rules(make_settings(CHECKOUT)).schema
    theme_of = {label: value for value, label in THEME_LABELS.items()}
    english_boxes = {label: value for value, label in form_field(schema, "commitments").options}
    english_boxes |= {question.option: question.id for question in QUESTIONS if question.option}
    english_boxes[DATA_LICENCE.text] = DATA_LICENCE.id
    with use_language(language):
        themes = choice_labels("themes")
        boxes = dict(form_field(schema, "commitments").options)
        boxes |= {question.id: _(question.option) for question in QUESTIONS if question.option}
        boxes[DATA_LICENCE.id] = _(DATA_LICENCE.text)
        out = {}
        for label, value in values.items():
            if label == "Themes":
                value = ", ".join(themes.get(theme_of.get(t.strip(), ""), t.strip()) for t in value.split(","))
            for english, key in english_boxes.items():
                value = value.replace(f"] {english}", f"] {boxes[key]}")
            out[_(label)] = value
    return out

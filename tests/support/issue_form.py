"""A registration issue as GitHub renders the form .github/ISSUE_TEMPLATE/register-coalition.yml, filled in."""

from __future__ import annotations

from generator.form.questions import DATA_LICENCE

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


def body(**overrides: str) -> str:
    """A form body as GitHub renders it: ### Label, blank line, value (CRLF line ends, as the API gives them)."""
    values = {**COMPLETE, **overrides}
    text = "\n\n".join(f"### {label}\n\n{value}" for label, value in values.items()) + "\n"
    return text.replace("\n", "\r\n")

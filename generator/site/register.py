"""The Register page: a web form whose fields and checks are derived from the coalition schema.

The questions are those of the issue form (generator/form/questions.py); every constraint the browser
checks (required, lengths, patterns, choices, formats) is read from schema/coalition.schema.json at build
time, and the criteria status it shows from registry/criteria.yml, so the form and the validator cannot
drift apart. Its script (assets/register.js) writes the file as the Python writer does.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from generator.form.questions import agreement, page_fields
from generator.i18n.catalogs import N_, _, ngettext, pgettext, use_language
from generator.i18n.languages import ENGLISH
from generator.reference import countries
from generator.registry.criteria import CriteriaSettings
from generator.text import INVISIBLE

if TYPE_CHECKING:
    from generator.model.objects import Registry
    from generator.site.render import Files, Renderer


# What the page's script says, as format strings over the names in braces, which the script fills in. The page
# gives them in its language (the #register-words block); the script's own copy of the English is its fallback
# (tests/test_site_languages.py holds the two together).
SCRIPT_WORDS: dict[str, str] = {
    "this_field": N_("This field"),
    "not_a_date": N_("{field} is not a whole date: give the day, month and year."),
    "required": N_("{field} is required."),
    "too_short": N_("{field} needs at least {min} characters (now {count})."),
    "too_long": N_("{field} may have at most {max} characters."),
    "id_form": N_("Use lower-case letters, digits and single hyphens, e.g. ocean-futures."),
    "not_an_email": N_("{field} is not an e-mail address."),
    "not_a_url": N_("{field} is not a web address: write it whole, starting with https://"),
    "not_in_form": N_("{field} is not in the expected form."),
    "out_of_range": N_("{field} must be between {min} and {max}."),
    "id_taken": N_("This id is taken by a registered coalition: choose another one."),
    "id_reserved": N_("This id is reserved for the site's own pages and badges: choose another one."),
    "objective_length": N_("Each objective needs {min} to {max} characters; this one has {count}: {start}"),
    "no_theme": N_("Choose at least one theme."),
    "no_member": N_("Add at least one member."),
    "no_constituency": N_("A civil society actor needs a constituency."),
    "not_a_handle": N_("'{name}' is not a GitHub user name: a user name has 1 to {max} letters, digits and single "
                       "hyphens, not at its start or end."),
    "handles_not_separated": N_("'{name}' is not a GitHub user name: separate several with commas; a user name has 1 "
                                "to {max} letters, digits and single hyphens, not at its start or end."),
    "no_maintainer": N_("Name at least one GitHub user who may edit the entry."),
    "no_commitments": N_("All three commitments are needed."),
    "no_licence": N_("Agreeing to the data licence is needed: every entry is published as open data."),
    "member_title": N_("Member {number}"),
    "milestone_title": N_("Milestone {number}"),
    "remove_member": N_("Remove member {number}"),
    "remove_milestone": N_("Remove milestone {number}"),
    "remove_named_member": N_("Remove member {number}: {name}"),
    "remove_named_milestone": N_("Remove milestone {number}: {name}"),
    "meets_all": N_("It will be listed as meeting the ImPACT criteria: {count} of {all}."),
    "forming": N_("It will be listed as forming: it meets {count} of the {all} ImPACT criteria. Its page says what it "
                  "still needs; you can add members, plans and milestones later."),
    "enforced": N_("This registry requires all {all}: the check on GitHub refuses the file until they are met."),
}
# The script's messages that name a number it counts: each as said of a count, in the active language (written as
# calls, so that the catalogs hold them as one message with its plural forms).
SCRIPT_PLURALS: dict[str, Callable[[int], str]] = {
    "to_fix": lambda count: ngettext("{count} thing to fix: see the messages next to the fields.",
                                     "{count} things to fix: see the messages next to the fields.", count),
}
# The counts 0–199 take every plural form of the six languages; a larger count takes the form of 100 plus its last
# two digits (the rules look at n % 10 and n % 100 only beyond 2): the script counts so.
PLURAL_SPAN = 200


def criterion_words() -> dict[str, str]:
    """A criterion's state in the checklist the page shows with the file, in the active language."""
    return {"met": pgettext("a criterion of the checklist", "met"),
            "still_needed": pgettext("a criterion of the checklist", "still needed")}


def plural_forms(said: Callable[[int], str]) -> dict[str, Any]:
    """A message's forms in the active language, and the form of each count below PLURAL_SPAN: the digit of its
    index, one a count (no language has more than six forms)."""
    texts = [said(count) for count in range(PLURAL_SPAN)]
    forms = list(dict.fromkeys(texts))
    return {"forms": forms, "plural": "".join(str(forms.index(text)) for text in texts)}


def script_words() -> dict[str, Any]:
    """What register.js says, in the active language."""
    words: dict[str, Any] = {key: _(text) for key, text in SCRIPT_WORDS.items()}
    words.update(criterion_words())
    words.update({key: plural_forms(said) for key, said in SCRIPT_PLURALS.items()})
    return words


def guides(code: str) -> dict[str, str]:
    """The repository's files for registering in the language `code`: its issue form (as intake/issue_form.py
    names them) and its guide to registering (CONTRIBUTING.<code>.md)."""
    if code == ENGLISH.code:
        return {"issue_form": "register-coalition.yml", "guide": "CONTRIBUTING.md"}
    return {"issue_form": f"register-coalition-{code}.yml", "guide": f"CONTRIBUTING.{code}.md"}


def page_rules(schema: Mapping[str, Any], criteria: CriteriaSettings) -> dict[str, Any]:
    """What the page's script checks beyond each control's own attributes, read from the same sources."""
    properties = schema["properties"]
    identifier, objectives = properties["id"], properties["objectives"]["items"]
    reserved = identifier.get("not", {}).get("anyOf", [])
    groups: dict[str, list[str]] = {}
    for country in countries().values():
        if country.region:
            groups.setdefault(country.region, []).append(country.code)
    return {
        "objectives": {"minLength": objectives["minLength"], "maxLength": objectives["maxLength"]},
        "maintainers": {key: properties["maintainers"]["items"][key] for key in ("pattern", "maxLength")},
        "id_length": [identifier["minLength"], identifier["maxLength"]],
        # ids the site's own pages and badges use (the schema's `not` on id)
        "reserved_ids": [v for rule in reserved for v in rule.get("enum", [])],
        "reserved_id_patterns": [rule["pattern"] for rule in reserved if "pattern" in rule],
        # the order of a member's keys in the file: the schema's, as the Python writer writes them
        "member_keys": list(properties["members"]["items"]["properties"]),
        # the countries of each UN Regional Group: a member elsewhere states its region
        "groups": {group: " ".join(codes) for group, codes in sorted(groups.items())},
        "invisible": INVISIBLE.pattern,  # stripped from answers, as the issue form's reader strips it
        "criteria": dataclasses.asdict(criteria),
    }


def register_page(renderer: Renderer, registry: Registry) -> Files:
    schema = renderer.schema
    rules = page_rules(schema, renderer.criteria_settings)
    existing = sorted(c.id for c in registry.coalitions)
    with use_language(renderer.language.code):  # the fields and words in the page's language
        fields, words = page_fields(schema), script_words()
        licence = agreement()
    return {"register.md": renderer.page("register.md.j2", fields=fields, rules=json.dumps(rules),
                                         existing=json.dumps(existing), words=words, agreement=licence,
                                         **guides(renderer.language.code))}

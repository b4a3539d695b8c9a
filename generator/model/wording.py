"""What a criterion's check found, as the public pages say it.

The checks (registry/criteria.py) write for whoever edits the file, so they name its fields
(`engagement.member_states`, `workplan`); a reader of the site is told the same facts without them. The open
data keeps the checks' own words.
"""

from __future__ import annotations

import re

from generator.i18n.catalogs import N_, _

# The checks' phrases that name fields, and what a reader is told instead: a list of fields in brackets
# repeats the words before it, and is left out. They match the checks' English words; in another language the
# fields left in a check's words are named by _FIELD below, in that language.
_PHRASES = (
    (" (engagement.member_states, .un_country_teams or .un_agencies)", ""),
    ("describe in engagement.support_needed the support", "describe the support"),
    (" to workplan", " to the work plan"),
    (" to updates", " to the updates"),
)
_ENGAGEMENT_PARTS = {
    "member_states": N_("the plan for Member States"),
    "un_country_teams": N_("the plan for UN Country Teams"),
    "un_agencies": N_("the plan for UN agencies"),
    "support_needed": N_("the outline of the support needed"),
}
# Any field name left, in words ("engagement.un_agencies" → "the plan for UN agencies"; "status_note" →
# "status note"): so a check reworded later never shows a reader its field paths.
_FIELD = re.compile(r"\bengagement\.[a-z_]+|\b[a-z]+(?:_[a-z]+)+\b")


def _in_words(field: str) -> str:
    name = field.removeprefix("engagement.")
    return _(_ENGAGEMENT_PARTS[name]) if name in _ENGAGEMENT_PARTS else name.replace("_", " ")


def reader_detail(detail: str) -> str:
    for phrase, words in _PHRASES:
        detail = detail.replace(phrase, words)
    return _FIELD.sub(lambda match: _in_words(match.group()), detail)

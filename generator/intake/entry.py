"""The one writer of new coalition files: a registration's answers, in the schema's order, as YAML.

`impact new` and `impact from-issue` both write through it, so the same answers make the same file
whichever way they came in. The register page writes the same data in the browser (register.js);
tests/test_intake_channels.py fills it in Chromium and compares.

Answers are plain text, not yet checked: `impact new` checks each before it gets here, `impact
from-issue` lets the validator say what is wrong. Whatever they hold, ruamel.yaml quotes what needs it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter

from generator.i18n.catalogs import _, ngettext
from generator.registry.criteria import CriteriaSettings

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/coalition.schema.json"
_YAML11_WORDS = re.compile(r"(?i)y|n|yes|no|on|off|true|false|null|~")


@dataclass(frozen=True, kw_only=True)
class Member:
    """One member organisation; what is None is left out of the file. The fields in the schema's order."""

    name: str
    country: str
    sector: str
    constituency: str | None = None
    constituency_other: str | None = None
    scope: str | None = None
    primary_region: str | None = None
    region: str | None = None
    website: str | None = None
    role: str | None = None


@dataclass(frozen=True, kw_only=True)
class Milestone:
    date: str
    title: str
    description: str | None = None


@dataclass(frozen=True, kw_only=True)
class Engagement:
    """The plans of ImPACT criterion 3; empty when not given."""

    member_states: str = ""
    un_country_teams: str = ""
    un_agencies: str = ""
    support_needed: str = ""


@dataclass(frozen=True, kw_only=True)
class Commitments:
    """The three ImPACT commitments, as the person stated them."""

    transparency: bool = True
    accountability: bool = True
    inclusivity: bool = True


@dataclass(frozen=True, kw_only=True)
class Answers:
    id: str
    name: str
    acronym: str | None = None
    summary: str
    themes: tuple[str, ...]
    objectives: tuple[str, ...]
    members: tuple[Member, ...]
    engagement: Engagement = field(default_factory=Engagement)
    workplan: tuple[Milestone, ...] = ()
    email: str
    contact_url: str | None = None
    public: bool | None = None  # None: not asked (`impact new`), the schema's default applies
    maintainers: tuple[str, ...]
    commitments: Commitments = field(default_factory=Commitments)


def _member(member: Member) -> CommentedMap:
    return CommentedMap((name, value) for name, value in vars(member).items() if value)


def _milestone(milestone: Milestone) -> CommentedMap:
    item = CommentedMap(date=milestone.date, title=milestone.title)
    if milestone.description:
        item["description"] = milestone.description
    return item


def _engagement(engagement: Engagement, blanks: bool) -> CommentedMap:
    plans = CommentedMap(member_states=engagement.member_states, un_country_teams=engagement.un_country_teams,
                         un_agencies=engagement.un_agencies, support_needed=engagement.support_needed)
    return plans if blanks else CommentedMap((key, plan) for key, plan in plans.items() if plan)


def _guide(document: CommentedMap, criteria: CriteriaSettings) -> None:
    """Comments before engagement and workplan on what the ImPACT criteria ask of them."""
    plan = ngettext("{count} character", "{count} characters", criteria.min_plan_characters).format(
        count=criteria.min_plan_characters)
    milestones = ngettext("{count} dated milestone", "{count} dated milestones", criteria.min_milestones).format(
        count=criteria.min_milestones)
    document.yaml_set_comment_before_after_key(
        "engagement", before=_("ImPACT criterion 3 — how will the coalition engage the UN and Member States? Write a "
                               "plan of at least\n{characters} in one of the first three fields, or describe in "
                               "{field} the support that engagement needs.").format(characters=plan,
                                                                                    field="support_needed"))
    example = '  - date: "2025-03-01"\n    title: {title}\n    status: done'.format(title=_("First coalition call"))
    document.yaml_set_comment_before_after_key(
        "workplan", before=_("ImPACT criterion 4 — at least {milestones}, the last on or after {last} (the Summit of "
                             "the Future),\nnone before {first}. For example:\n{example}").format(
            milestones=milestones, last=criteria.reaches_at_least, first=criteria.earliest_milestone,
            example=example))


def coalition_document(answers: Answers, guide: CriteriaSettings | None = None) -> CommentedMap:
    """The coalition file's fields in the schema's order; what was not answered is left out.

    With `guide` (the starting file of `impact new`), every engagement plan is written, blank when not given,
    and comments say what the ImPACT criteria ask of the engagement plans and the work plan.
    """
    themes = CommentedSeq(answers.themes)
    themes.fa.set_flow_style()
    document = CommentedMap(schema_version=1, id=answers.id, name=answers.name)
    if answers.acronym:
        document["acronym"] = answers.acronym
    document["summary"] = answers.summary
    document["themes"] = themes
    document["objectives"] = CommentedSeq(answers.objectives)
    document["members"] = CommentedSeq(_member(m) for m in answers.members)
    document["engagement"] = _engagement(answers.engagement, blanks=guide is not None)
    document["workplan"] = CommentedSeq(_milestone(m) for m in answers.workplan)
    contact = CommentedMap(email=answers.email)
    if answers.contact_url:
        contact["url"] = answers.contact_url
    if answers.public is not None:
        contact["public"] = answers.public
    document["contact"] = contact
    document["maintainers"] = CommentedSeq(answers.maintainers)
    commitments = answers.commitments
    document["commitments"] = CommentedMap(transparency=commitments.transparency,
                                           accountability=commitments.accountability,
                                           inclusivity=commitments.inclusivity)
    if guide is not None:
        _guide(document, guide)
    return document


class _Representer(RoundTripRepresenter):
    """Quotes the words YAML 1.1 readers take for booleans or null (NO is Norway, not false)."""

    def represent_str(self, data: str) -> Any:
        if _YAML11_WORDS.fullmatch(data):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="'")
        return super().represent_str(data)


_Representer.add_representer(str, _Representer.represent_str)


def coalition_yaml(answers: Answers, guide: CriteriaSettings | None = None) -> str:
    """The coalition file's text: the schema comment line, then the document (see coalition_document)."""
    yaml = YAML()
    yaml.Representer = _Representer
    yaml.width = 4096  # one line per value: long texts stay easy to edit
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    out.write(f"{SCHEMA_COMMENT}\n")
    yaml.dump(coalition_document(answers, guide), out)
    return out.getvalue()

"""What similarity looks at in one coalition, and the weight of each of its words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.similarity.words import words

DESCRIPTION_WEIGHT = 0.5


@dataclass(frozen=True)
class Proposal:
    """What similarity looks at in one coalition."""

    id: str
    name: str
    summary: str = ""
    objectives: tuple[str, ...] = ()
    description: str = ""
    themes: frozenset[str] = frozenset()
    chapters: frozenset[str] = frozenset()
    actions: frozenset[int] = frozenset()
    members: tuple[str, ...] = ()  # member organisations' names as written


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def proposal_from_data(entry_id: str, data: Mapping[str, Any]) -> Proposal:
    """A Proposal from a coalition document. Defensive: the document may not have passed the schema."""
    members = data.get("members")
    names = [m["name"] for m in members if isinstance(m, dict) and isinstance(m.get("name"), str)] \
        if isinstance(members, list) else []
    actions = data.get("pact_actions")
    return Proposal(
        id=entry_id, name=_text(data.get("name")) or entry_id, summary=_text(data.get("summary")),
        objectives=tuple(_strings(data.get("objectives"))), description=_text(data.get("description")),
        themes=frozenset(_strings(data.get("themes"))), chapters=frozenset(_strings(data.get("pact_chapters"))),
        actions=frozenset(a for a in actions if isinstance(a, int) and not isinstance(a, bool))
        if isinstance(actions, list) else frozenset(),
        members=tuple(names))


def term_counts(proposal: Proposal) -> dict[str, float]:
    """Each word's weight: 1 a use in the summary and objectives, DESCRIPTION_WEIGHT a use in the description."""
    terms: dict[str, float] = {}
    for text in (proposal.summary, *proposal.objectives):
        for word in words(text):
            terms[word] = terms.get(word, 0) + 1
    for word in words(proposal.description):
        terms[word] = terms.get(word, 0) + DESCRIPTION_WEIGHT
    return terms

"""The registry's figures, each defined once. The home page, the directory with its filters and the statistics
all state them from here, so that one build never gives two numbers for one thing.

- registered: every coalition with a page, whatever its status.
- listed: the directory's list: every coalition but the archived ones (merged ones stay, marked as merged).
- active: neither merged into another nor archived. The figures below count the active coalitions only.
- meeting_criteria: active coalitions that meet all four criteria, shortlisted by the maintainers or not.
- organisations: distinct member organisations, compared by organisation_key (an organisation in several
  coalitions, or written two ways, counts once); countries and regions: those of their members.
- by_status: the number of coalitions of each status (all registered ones), in the order of STATUS_LABELS.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.objects import STATUS_LABELS, Registry, open_coalitions
from generator.similarity.words import organisation_key


@dataclass(frozen=True)
class Figures:
    registered: int
    listed: int
    active: int
    meeting_criteria: int
    organisations: int
    countries: int
    regions: int
    by_status: tuple[tuple[str, int], ...]  # (status, coalitions) for every status

    def of_status(self, status: str) -> int:
        return dict(self.by_status)[status]

    @property
    def archived(self) -> int:
        return self.of_status("archived")

    @property
    def forming_active(self) -> int:
        """Active coalitions that do not meet all four criteria yet."""
        return self.active - self.meeting_criteria


def figures(registry: Registry) -> Figures:
    active = open_coalitions(registry)
    members = [m for c in active for m in c.members]
    return Figures(
        registered=len(registry.coalitions),
        listed=sum(c.status != "archived" for c in registry.coalitions),
        active=len(active),
        meeting_criteria=sum(c.meets_criteria for c in active),
        organisations=len({organisation_key(m.name) for m in members}),
        countries=len({m.country for m in members}),
        regions=len({m.region for m in members if m.region}),
        by_status=tuple((status, sum(c.status == status for c in registry.coalitions)) for status in STATUS_LABELS),
    )

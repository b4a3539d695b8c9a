"""A registry with every kind of decision: an eligible coalition, a shortlisted one, one merged into the first,
an archived one, a forming one and one listed from public sources (all fictional), in a git repository."""

from __future__ import annotations

from pathlib import Path

from .git import git_commit_all
from .registry import CASES, EXAMPLE, coalition_text, make_root

DECISIONS = """\
decisions:
  - coalition: example-ocean-shortlisted
    decision: shortlisted
    date: "2026-05-04"
    note: Shortlisted for the networks' first round.
  - coalition: example-ocean-merged
    decision: merged
    merged_into: example-ocean-futures
    date: "2026-06-01"
    note: The two proposals joined forces.
  - coalition: example-ocean-archived
    decision: archived
    date: "2026-07-01"
    note: The coalition ended its work.
"""

# The eligible example under other ids and names: the same six member organisations, one of them written
# another way in the shortlisted copy (it is still one organisation).
COPIES = {
    "example-ocean-shortlisted": ("Example Shortlisted Ocean Coalition", "The Fictional Coastal Network"),
    "example-ocean-merged": ("Example Merged Ocean Coalition", "Fictional Coastal Network (example)"),
    "example-ocean-archived": ("Example Archived Ocean Coalition", "Fictional Coastal Network (example)"),
}


def decided_files() -> dict[str, str]:
    valid = CASES / "valid"
    files = {"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8"),
             "example-forming.yml": (valid / "forming" / "example-forming.yml").read_text(encoding="utf-8"),
             "example-public.yml": (valid / "public-sources" / "example-public.yml").read_text(encoding="utf-8")}
    for coalition_id, (name, coastal) in COPIES.items():
        files[f"{coalition_id}.yml"] = (coalition_text(coalition_id, ["example-volunteer"])
                                        .replace("name: Example Coalition for Ocean Futures", f"name: {name}")
                                        .replace("Fictional Coastal Network (example)", coastal))
    return files


def decided_registry(path: Path) -> Path:
    root = make_root(path, decided_files())
    (root / "registry" / "decisions.yml").write_text(DECISIONS, encoding="utf-8")
    git_commit_all(root)
    return root

"""Synthetic registries of obviously fictional coalitions, for benchmarks and scale tests.

    python benchmarks/synth.py OUT_DIR N [--seed S]

OUT_DIR becomes a registry repository (registry/, schema/, mkdocs.yml copied from this checkout)
holding N coalition files of typical size: 5–15 members, a few milestones, updates and events.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from ruamel.yaml import YAML

CHECKOUT = Path(__file__).resolve().parent.parent
COUNTRIES = ["KE", "NG", "ZA", "SN", "GH", "IN", "ID", "PH", "NP", "FJ", "BR", "MX", "CO", "AR", "JM",
             "PL", "UA", "RO", "GE", "DE", "FR", "CA", "NO", "AU", "TR"]
SECTORS = ["civil-society"] * 6 + ["think-tank", "academia", "local-government", "private-sector"]
CONSTITUENCIES = ["women", "children-youth", "indigenous-peoples", "ngos", "workers-trade-unions",
                  "science-technology", "farmers", "persons-with-disabilities", "education-academia"]
THEMES = ["peace-security", "digital-cooperation", "climate-environment", "financing-development", "human-rights",
          "gender-equality", "youth-future-generations", "global-governance-reform", "health",
          "science-technology", "culture-faith", "justice-rule-of-law"]
WORDS = ["accountable", "inclusive", "reform", "dialogue", "network", "council", "assembly", "charter", "finance",
         "climate", "digital", "youth", "rights", "peace", "justice", "ocean", "forest", "water", "health", "data",
         "commons", "review", "platform"]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def coalition(rng: random.Random, index: int) -> dict[str, object]:
    slug = f"fictional-coalition-{index:05d}"
    members = []
    for m in range(rng.randint(5, 15)):
        sector = rng.choice(SECTORS)
        member: dict[str, object] = {"name": f"Fictional Organisation {index}-{m} (example)",
                                     "country": rng.choice(COUNTRIES), "sector": sector}
        if sector in ("civil-society", "think-tank", "academia"):
            member["constituency"] = rng.choice(CONSTITUENCIES)
        member["website"] = f"https://org{index}-{m}.example.org"
        members.append(member)
    members[0]["role"] = "lead"
    return {
        "schema_version": 1, "id": slug, "name": f"Fictional Coalition {index} for {rng.choice(WORDS).title()} Reform",
        "summary": sentence(rng, 25), "description": sentence(rng, 60) + "\n\n" + sentence(rng, 40),
        "founded": "2024-05-10", "origin": "conference",
        "themes": rng.sample(THEMES, rng.randint(1, 3)), "pact_chapters": rng.sample(["I", "II", "III", "IV", "V"], 2),
        "pact_actions": sorted(rng.sample(range(1, 57), 3)), "sdgs": sorted(rng.sample(range(1, 18), 3)),
        "objectives": [sentence(rng, 14) for _ in range(rng.randint(2, 4))],
        "members": members,
        "engagement": {"member_states": sentence(rng, 20), "un_agencies": sentence(rng, 15)},
        "workplan": [{"date": f"{2024 + k // 4}-{3 * (k % 4) + 1:02d}-15", "title": sentence(rng, 5),
                      "status": "done" if k < 3 else "planned"} for k in range(rng.randint(3, 8))],
        "related_initiatives": [{"name": f"Example Initiative {index}", "url": f"https://initiative{index}.example.org"}],
        "needs": [{"kind": "partners", "description": sentence(rng, 10), "regions": ["eastern-european"]}],
        "offers": [{"kind": "expertise", "description": sentence(rng, 10)}],
        "updates": [{"date": f"2025-{k + 1:02d}-10", "title": sentence(rng, 5), "body": sentence(rng, 30)}
                    for k in range(rng.randint(1, 3))],
        "events": [{"date": "2026-10-20", "title": sentence(rng, 4), "location": "online"}],
        "contact": {"email": f"coalition{index}@example.org", "public": False},
        "maintainers": [f"example-volunteer-{index}"],
        "commitments": {"transparency": True, "accountability": True, "inclusivity": True},
    }


def make_registry(out: Path, count: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    (out / "registry" / "coalitions").mkdir(parents=True, exist_ok=True)
    for name in ("criteria.yml", "decisions.yml", "maintainers.yml"):
        if (CHECKOUT / "registry" / name).exists():
            shutil.copy(CHECKOUT / "registry" / name, out / "registry" / name)
    shutil.copytree(CHECKOUT / "schema", out / "schema", dirs_exist_ok=True)
    if (CHECKOUT / "mkdocs.yml").exists():
        shutil.copy(CHECKOUT / "mkdocs.yml", out / "mkdocs.yml")
    if (out / "registry" / "decisions.yml").exists():
        (out / "registry" / "decisions.yml").write_text("decisions: []\n", encoding="utf-8")
    yaml = YAML()
    yaml.width = 100
    for index in range(count):
        entry = coalition(rng, index)
        with (out / "registry" / "coalitions" / f"{entry['id']}.yml").open("w", encoding="utf-8") as stream:
            stream.write("# yaml-language-server: $schema=../../schema/coalition.schema.json\n")
            yaml.dump(entry, stream)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make_registry(args.out, args.count, args.seed)


if __name__ == "__main__":
    main()

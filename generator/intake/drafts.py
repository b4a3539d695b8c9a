"""Drafts: the answers to `impact new` that the validator refused, kept in registry/drafts/<id>.yml so that
nothing typed is lost. The folder is outside registry/coalitions/: a draft is never validated, built or
published, and git leaves it out (.gitignore)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.errors import ImpactError
from generator.i18n.catalogs import _
from generator.intake.entry import Answers, coalition_yaml
from generator.problems import Problem
from generator.registry.criteria import load_criteria_settings
from generator.settings import Settings


def draft_text(answers: Answers, problems: Sequence[Problem], settings: Settings) -> str:
    """The coalition file the answers make, with what to fix listed in comments after its first line."""
    criteria = load_criteria_settings(settings.criteria_path, settings.root / "schema" / "criteria.schema.json")
    first, rest = coalition_yaml(answers, criteria).split("\n", 1)
    notes = ["# " + _("A draft of impact new, not in the registry: fix what is listed here, then move it to "
                      "{file}").format(file=f"registry/coalitions/{answers.id}.yml"),
             "# " + _("and check it with: {command}").format(command="impact validate"),
             *(f"#   - {' '.join(p.message.split())}" for p in problems)]
    return "\n".join([first, *notes, rest])


def save_draft(settings: Settings, answers: Answers, problems: Sequence[Problem]) -> Path:
    """Write the draft as registry/drafts/<id>.yml, or <id>-2.yml and on when that exists: never over a file."""
    folder = settings.registry_dir / "drafts"
    text = draft_text(answers, problems, settings)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for number in range(1, 1000):
            path = folder / (f"{answers.id}.yml" if number == 1 else f"{answers.id}-{number}.yml")
            try:
                with path.open("x", encoding="utf-8", newline="\n") as stream:
                    stream.write(text)
            except FileExistsError:
                continue
            return path
    except OSError as exc:
        raise ImpactError(_("cannot keep the draft in {folder}: {reason}").format(
            folder=settings.display(folder), reason=exc.strerror)) from exc
    raise ImpactError(_("{folder} holds 999 drafts of {id}: remove some").format(folder=settings.display(folder),
                                                                                 id=answers.id))

"""Validate the registry: every file checked, every problem reported, in one run.

    load (positions) → schema → cross-field errors → criteria → warnings → cross-file checks

The cross-file checks include `similar-coalition`: similarity/ scores the pairs, this module loads the files
it compares and turns the pairs into warnings (and gives `impact similar` the pairs of a validation report).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from generator import parallel
from generator.errors import UsageError
from generator.git import last_changes
from generator.i18n.catalogs import _
from generator.problems import Problem
from generator.registry.checks import entry_errors, entry_warnings
from generator.registry.criteria import CRITERIA, CriteriaSettings, evaluate, load_criteria_settings
from generator.registry.decisions import CLOSED, Decision, curated_status, decision_checks, load_decisions
from generator.registry.load import LoadResult, load_file, load_text
from generator.registry.report import EntryReport, Report
from generator.registry.schemas import load_schema, schema_problems
from generator.registry.translations import translation_errors
from generator.settings import Settings
from generator.similarity.index import MIN_SCORE, WARNING_SCORE, Pair, SimilarityIndex, ranked_partners
from generator.similarity.proposal import Proposal, proposal_from_data
from generator.similarity.screen import screen


def _sorted(problems: list[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.line, p.column, p.severity != "error", p.rule)))


def check_coalition(path: Path, file: str, settings: Settings, criteria: CriteriaSettings,
                    changed: str) -> EntryReport:
    """Everything one coalition file can be checked for on its own; `changed` is the date of its last commit
    ("" when it has none)."""
    file_id = path.name.rsplit(".", 1)[0]
    if path.is_symlink() or not path.is_file():
        # Never followed: a link could point anywhere on the machine that runs the check.
        kind = _("a symbolic link") if path.is_symlink() else _("a folder") if path.is_dir() else \
            _("not a regular file")
        return EntryReport(file, None, (Problem(
            "error", "encoding", _("this is {kind}, not a coalition file — {folder} holds only regular .yml files: "
                                   "put the coalition's text in the file itself").format(
                kind=kind, folder="registry/coalitions/"), file),), path=path)
    if not path.name.endswith(".yml"):
        return EntryReport(file, None, (Problem(
            "error", "id-mismatch", _("coalition files end in .yml — rename it to {file}").format(
                file=f"{file_id}.yml"), file),), path=path)
    return _check_loaded(load_file(path, file), file, file_id, settings, criteria, path, changed)


def check_coalition_text(text: str, file: str, settings: Settings) -> EntryReport:
    """A coalition file's text, checked as `impact validate` checks the file (`impact new` uses it before writing).

    Cross-file checks (duplicate ids, decisions) are left out: the text is not in the registry yet, so it has no
    commit and is never stale.
    """
    criteria = load_criteria_settings(settings.criteria_path, settings.root / "schema" / "criteria.schema.json")
    file_id = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return _check_loaded(load_text(text, file), file, file_id, settings, criteria, None, "")


# Where an enforced, unmet criterion is reported: the field that holds what is missing.
_CRITERION_FIELDS = {"regional-diversity": "/members", "constituency-diversity": "/members",
                     "un-engagement": "/engagement", "work-plan": "/workplan"}


def _check_loaded(loaded: LoadResult, file: str, file_id: str, settings: Settings, criteria: CriteriaSettings,
                  path: Path | None, changed: str) -> EntryReport:
    if loaded.document is None:
        return EntryReport(file, None, _sorted(list(loaded.problems)), path=path)
    document = loaded.document
    data = document.data
    entry_id = data.get("id") if isinstance(data.get("id"), str) else None
    problems = schema_problems(document, load_schema(settings.schema_path))
    problems += entry_errors(document, file_id, criteria)
    problems += translation_errors(document)  # the entry's language and its own translations
    if any(p.severity == "error" for p in problems):
        return EntryReport(file, entry_id, _sorted(problems), path=path)
    results = evaluate(data, criteria)
    problems += entry_warnings(document, criteria, settings.today, changed)
    if criteria.enforce:
        for criterion in CRITERIA:
            result = results[criterion.id]
            if not result.met:
                pointer = _CRITERION_FIELDS.get(criterion.id, "")
                line, column = document.locate_key(pointer) if pointer else (1, 1)
                problems.append(Problem("error", criterion.id, _(
                    "ImPACT criterion {number} ({title}) is not met, and this registry requires it: {detail}").format(
                    number=criterion.number, title=criterion.title, detail=result.detail),
                    file, pointer, line, column))
    status = "eligible" if all(r.met for r in results.values()) else "forming"
    return EntryReport(file, entry_id, _sorted(problems), results, status, data, path)


def _check_many(jobs: Sequence[tuple[Path, str]], settings: Settings, criteria: CriteriaSettings) -> list[EntryReport]:
    load_schema(settings.schema_path)  # compiled once here, inherited by forked workers
    changed = last_changes(settings.root)  # each file's last commit, for `stale`: one git pass, as the site's

    def check(run: Sequence[tuple[Path, str]]) -> list[EntryReport]:
        return [check_coalition(path, file, settings, criteria, changed.get(file, "")) for path, file in run]

    if not parallel.pays(len(jobs)):
        return check(jobs)
    runs = parallel.slices(len(jobs), parallel.workers() * 4)
    return [entry for part in parallel.forked([partial(check, jobs[r.start:r.stop]) for r in runs]) for entry in part]


def _governance_file(path: Path, settings: Settings, schema: str) -> EntryReport:
    file = settings.display(path)
    loaded = load_file(path, file)
    if loaded.document is None:
        return EntryReport(file, None, _sorted(list(loaded.problems)))
    problems = schema_problems(loaded.document, load_schema(settings.root / "schema" / schema))
    return EntryReport(file, None, _sorted(problems))


def absolute(path: Path) -> Path:
    """An absolute, normalised path that does not follow symbolic links (`resolve()` would)."""
    return Path(os.path.abspath(path))  # noqa: PTH100 — resolve() would follow the link


def coalition_files(settings: Settings) -> list[Path]:
    """The registry's coalition files, as absolute paths (links not followed).

    Everything but hidden files: a folder or a link in there is reported, never silently skipped.
    """
    folder = absolute(settings.coalitions_dir)
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if not path.name.startswith("."))


def validate(settings: Settings, paths: Sequence[Path] = (), *, similarity: bool = True) -> Report:
    """Check the given files (default: the whole registry) against the rest of the registry.

    `similarity=False` leaves out the `similar-coalition` warnings (the build needs errors only).
    """
    criteria = load_criteria_settings(settings.criteria_path, settings.root / "schema" / "criteria.schema.json")
    load_schema(settings.schema_path)  # a broken schema is fatal before any entry is judged
    registry = coalition_files(settings)
    whole = not paths
    for given in paths:
        if given.is_dir():
            raise UsageError(_("{path} is a folder — name coalition files such as {example}, or give no path to "
                               "check the whole registry").format(path=given, example="registry/coalitions/<id>.yml"))
        if not given.is_file():
            raise UsageError(_("{path}: no such file — name coalition files such as {example}").format(
                path=given, example="registry/coalitions/<id>.yml"))
    # A file named twice is checked once (it would otherwise clash with itself as a duplicate id).
    targets = list(dict.fromkeys(absolute(p) for p in paths)) if paths else list(registry)
    governance = {absolute(settings.decisions_path): "decisions.schema.json",
                  absolute(settings.maintainers_path): "maintainers.schema.json"}
    if whole:
        targets += [p for p in governance if p.exists()]
    coalition_jobs = [(p, settings.display(p)) for p in targets if p not in governance]
    entries = _check_many(coalition_jobs, settings, criteria)
    entries += [_governance_file(p, settings, governance[p]) for p in targets if p in governance]

    # Cross-file checks. Other files' ids are their names: a file whose id differs already has id-mismatch.
    checked = {path for path, _ in coalition_jobs}
    unchecked = [path for path in registry if path not in checked]
    folder = settings.display(settings.coalitions_dir)
    ids: dict[str, list[str]] = {}
    for path in unchecked:
        if path.name.endswith(".yml"):
            ids.setdefault(path.name[:-4], []).append(f"{folder}/{path.name}")
    for entry in entries:
        if entry.id is not None:
            ids.setdefault(entry.id, []).append(entry.file)
    decisions, decision_problems = load_decisions(settings.decisions_path, settings.display(settings.decisions_path),
                                                  settings.root / "schema" / "decisions.schema.json")
    decisions_file = settings.display(settings.decisions_path)
    final: list[EntryReport] = []
    for entry in entries:
        problems = list(entry.problems)
        if entry.id is not None and len(ids.get(entry.id, [])) > 1:
            others = [f for f in ids[entry.id] if f != entry.file]
            line, column = _id_position(entry)
            problems.append(Problem("error", "duplicate-id", _(
                "the id '{id}' is also used by {files} — each coalition needs its own id").format(
                id=entry.id, files=", ".join(others)), entry.file, "/id", line, column))
        if entry.file == decisions_file and not decision_problems:
            problems += decision_checks(settings.decisions_path, entry.file, decisions, ids.keys())
        final.append(_with_status(entry, problems, curated_status(decisions)))
    # `similar-coalition`: all pairs of the whole registry, or the named files against the rest.
    if similarity:
        final = _similarity_warnings(final, unchecked, curated_status(decisions))
    return Report(tuple(final), criteria, curated_status(decisions), whole)


def _similarity_warnings(entries: Sequence[EntryReport], others: Sequence[Path],
                         decided: Mapping[str, Decision]) -> list[EntryReport]:
    """Add `similar-coalition` warnings to entries that closely match another coalition.

    `entries` are the checked files; `others` the registry's other files, not checked this time. With
    no `others` (the whole registry) all pairs are compared; otherwise the checked files are compared
    with the others (_similar_to).
    """
    def is_open(coalition_id: str | None) -> bool:
        return coalition_id is not None and (coalition_id not in decided or decided[coalition_id].decision
                                             not in CLOSED)

    checked = [(n, e) for n, e in enumerate(entries) if e.data is not None and e.ok and is_open(e.id)]
    proposals = [proposal_from_data(e.id or "", e.data or {}) for _, e in checked]
    if not proposals:
        return list(entries)
    ranked = ranked_partners(_similar_to(proposals, [p for p in others if is_open(p.stem)], WARNING_SCORE))
    updated = list(entries)
    for n, entry in checked:
        matches = ranked.get(entry.id or "", [])
        if not matches:
            continue
        problems = list(entry.problems) + [_similar_warning(entry, pair) for pair in matches[:3]]
        updated[n] = replace(entry, problems=_sorted(problems))
    return updated


def _similar_to(proposals: Sequence[Proposal], others: Sequence[Path], min_score: float) -> list[Pair]:
    """Pairs at or above `min_score` that include one of `proposals`, highest first.

    With no `others` (the whole registry) all pairs among `proposals` are compared; otherwise `proposals`
    are compared with the other coalition files, after a quick scan chooses which of them to load.
    """
    if not others:
        return SimilarityIndex(proposals).pairs(min_score)
    screened = screen(proposals, others)
    loaded = [(path.stem, load_file(path, path.name).document) for path in screened.candidates]
    extra = [proposal_from_data(pid, doc.data) for pid, doc in loaded
             if doc is not None and isinstance(doc.data, Mapping)]
    index = SimilarityIndex([*proposals, *extra], frequency=screened.frequency, documents=screened.documents)
    return index.pairs(min_score, among=range(len(proposals)))


def registry_pairs(entries: Iterable[EntryReport]) -> list[Pair]:
    """Similar pairs among the valid, open coalitions of a validation report's entries (`impact similar`)."""
    proposals = [proposal_from_data(e.id, e.data) for e in entries
                 if e.data is not None and e.id is not None and e.status is not None and e.status not in CLOSED]
    return SimilarityIndex(proposals).pairs(MIN_SCORE)


def _similar_warning(entry: EntryReport, pair: Pair) -> Problem:
    other = pair.other(entry.id or "")
    line, column = 1, 1
    if entry.path is not None:
        loaded = load_file(entry.path, entry.file)
        if loaded.document is not None:
            line, column = loaded.document.locate_key("/summary")
    return Problem("warning", "similar-coalition", _(
        "this entry looks like the same proposal as '{other}' (similarity {score}: {reasons}) — if it is, consider "
        "joining forces with that coalition; the maintainers may suggest a merge").format(
        other=other, score=f"{pair.score:.2f}", reasons="; ".join(pair.reasons)), entry.file, "/summary", line, column)


def _id_position(entry: EntryReport) -> tuple[int, int]:
    """Where the id sits; re-read only in this rare case, so positions need not cross processes."""
    loaded = load_file(entry.path, entry.file) if entry.path is not None else None
    if loaded is not None and loaded.document is not None:
        return loaded.document.locate("/id")
    return (1, 1)


def _with_status(entry: EntryReport, problems: list[Problem], decided: Mapping[str, Decision]) -> EntryReport:
    failed = any(p.severity == "error" for p in problems)
    status = entry.status
    if failed:
        status = None
    elif status is not None and entry.id is not None and entry.id in decided:
        status = decided[entry.id].decision
    return replace(entry, problems=_sorted(problems), status=status)

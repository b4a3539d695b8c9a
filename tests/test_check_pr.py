"""`impact check-pr` on real git repositories: each rule of DESIGN §7, allowed and refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pullrequest import check_pr

from .conftest import EXAMPLE, make_root

IMPACT = str(Path(sys.executable).with_name("impact"))
ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
       "GIT_COMMITTER_EMAIL": "test@example.org"}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, env=ENV, capture_output=True)


def coalition(coalition_id: str, maintainers: list[str]) -> str:
    return (EXAMPLE.read_text().replace("id: example-ocean-futures", f"id: {coalition_id}")
            .replace("maintainers: [example-volunteer]", f"maintainers: [{', '.join(maintainers)}]"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: two coalitions, a registry maintainer; the test then works on branch `pr`."""
    root = make_root(tmp_path / "repo", {"ocean.yml": coalition("ocean", ["ocean-keeper"]),
                                         "forest.yml": coalition("forest", ["forest-keeper", "Second-Keeper"])})
    (root / "registry" / "maintainers.yml").write_text("maintainers: [registry-lead]\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")
    return root


def commit(root: Path) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")


def rules(root: Path, author: str) -> list[tuple[str, str]]:
    return [(p.rule, p.file) for p in check_pr(root, "main", author)]


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "registry" / "coalitions" / name
    path.write_text(path.read_text().replace(old, new), encoding="utf-8")


def test_a_coalition_maintainer_may_edit_their_file(repo: Path) -> None:
    edit(repo, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    commit(repo)
    assert rules(repo, "ocean-keeper") == []
    assert rules(repo, "@Ocean-Keeper") == []  # GitHub names ignore case; a leading @ is fine


def test_someone_else_may_not_edit_it(repo: Path) -> None:
    edit(repo, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    commit(repo)
    assert rules(repo, "forest-keeper") == [("pr-not-maintainer", "registry/coalitions/ocean.yml")]


def test_a_pr_touching_two_coalitions_is_judged_file_by_file(repo: Path) -> None:
    edit(repo, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    edit(repo, "forest.yml", "acronym: ECOF", "acronym: FOR")
    commit(repo)
    assert rules(repo, "second-keeper") == [("pr-not-maintainer", "registry/coalitions/ocean.yml")]


def test_adding_oneself_as_maintainer_in_the_pr_does_not_count(repo: Path) -> None:
    edit(repo, "ocean.yml", "maintainers: [ocean-keeper]", "maintainers: [ocean-keeper, intruder]")
    commit(repo)
    assert rules(repo, "intruder") == [("pr-not-maintainer", "registry/coalitions/ocean.yml")]


def test_anyone_may_add_a_new_coalition_naming_themselves(repo: Path) -> None:
    (repo / "registry" / "coalitions" / "river.yml").write_text(coalition("river", ["newcomer"]), encoding="utf-8")
    commit(repo)
    assert rules(repo, "newcomer") == []
    assert rules(repo, "someone-else") == [("pr-not-maintainer", "registry/coalitions/river.yml")]


def test_deleting_a_coalition_needs_its_maintainer(repo: Path) -> None:
    git(repo, "rm", "-q", "registry/coalitions/forest.yml")
    commit(repo)
    assert rules(repo, "ocean-keeper") == [("pr-not-maintainer", "registry/coalitions/forest.yml")]
    assert rules(repo, "forest-keeper") == []


def test_a_rename_that_changes_the_id_is_refused_even_for_its_maintainer(repo: Path) -> None:
    git(repo, "mv", "registry/coalitions/ocean.yml", "registry/coalitions/sea.yml")
    edit(repo, "sea.yml", "id: ocean", "id: sea")
    commit(repo)
    assert rules(repo, "ocean-keeper") == [("pr-id-rename", "registry/coalitions/sea.yml")]


def test_governance_files_are_for_registry_maintainers_only(repo: Path) -> None:
    (repo / "registry" / "decisions.yml").write_text(
        "decisions:\n  - coalition: ocean\n    decision: shortlisted\n    date: '2026-01-01'\n", encoding="utf-8")
    commit(repo)
    assert rules(repo, "ocean-keeper") == [("pr-governance-file", "registry/decisions.yml")]
    assert rules(repo, "registry-lead") == []


def test_a_maintainer_cannot_make_themselves_registry_maintainer(repo: Path) -> None:
    (repo / "registry" / "maintainers.yml").write_text("maintainers: [registry-lead, ocean-keeper]\n")
    edit(repo, "forest.yml", "acronym: ECOF", "acronym: FOR")
    commit(repo)
    assert sorted(rules(repo, "ocean-keeper")) == [("pr-governance-file", "registry/maintainers.yml"),
                                                   ("pr-not-maintainer", "registry/coalitions/forest.yml")]


def test_schema_criteria_and_code_are_off_limits_to_coalitions(repo: Path) -> None:
    (repo / "schema" / "coalition.schema.json").write_text("{}")
    (repo / "registry" / "criteria.yml").write_text("enforce: false\n")
    (repo / "README.md").write_text("changed\n")
    (repo / "registry" / "coalitions" / "sub").mkdir()
    (repo / "registry" / "coalitions" / "sub" / "x.yml").write_text(coalition("x", ["ocean-keeper"]))
    commit(repo)
    found = rules(repo, "ocean-keeper")
    assert ("pr-governance-file", "schema/coalition.schema.json") in found
    assert ("pr-governance-file", "registry/criteria.yml") in found
    assert ("pr-outside-registry", "README.md") in found
    assert ("pr-outside-registry", "registry/coalitions/sub/x.yml") in found
    assert rules(repo, "registry-lead") == []


def test_symbolic_links_are_refused_for_everyone(repo: Path, tmp_path: Path) -> None:
    (repo / "registry" / "coalitions" / "stolen.yml").symlink_to("/etc/passwd")
    (repo / "registry" / "coalitions" / "inner.yml").symlink_to(repo / "registry" / "coalitions" / "ocean.yml")
    commit(repo)
    assert sorted(rules(repo, "registry-lead")) == [("pr-symlink", "registry/coalitions/inner.yml"),
                                                    ("pr-symlink", "registry/coalitions/stolen.yml")]


def test_the_cli_exit_codes_and_formats(repo: Path) -> None:
    edit(repo, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    commit(repo)

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([IMPACT, "check-pr", "--root", str(repo), *args], capture_output=True, text=True,
                              check=False, env=env or {k: v for k, v in ENV.items() if k != "GITHUB_ACTOR"})

    assert run("--base", "main", "--author", "ocean-keeper").returncode == 0
    refused = run("--base", "main", "--author", "stranger", "--format", "json")
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["problems"][0]["rule"] == "pr-not-maintainer"
    assert run("--base", "main", env={**ENV, "GITHUB_ACTOR": "ocean-keeper"}).returncode == 0
    for bad in (run("--base", "no-such-branch", "--author", "x"), run("--base", "main")):
        assert bad.returncode == 2 and "Traceback" not in bad.stderr and bad.stderr.startswith("impact: ")
    markdown = run("--base", "main", "--author", "stranger", "--format", "markdown")
    assert "❌ `registry/coalitions/ocean.yml`" in markdown.stdout

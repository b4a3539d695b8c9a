"""`impact check-pr` on real git repositories: each rule of docs/pull-requests.md, allowed and refused."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.errors import ImpactError
from generator.pullrequest.check import check_pr

from .support.cli import IMPACT
from .support.git import git, without_user_configuration
from .support.registry import CHECKOUT, coalition_text, make_root


@pytest.fixture(autouse=True)
def quiet_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_user_configuration(tmp_path, monkeypatch)
    monkeypatch.delenv("GITHUB_ACTOR", raising=False)


def init(root: Path) -> Path:
    """Commit everything on main, then work on branch `pr`."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: two coalitions and a registry maintainer; the test then works on branch `pr`."""
    root = make_root(tmp_path / "repo", {"ocean.yml": coalition_text("ocean", ["ocean-keeper"]),
                                         "forest.yml": coalition_text("forest", ["forest-keeper", "Second-Keeper"])})
    (root / "registry" / "maintainers.yml").write_text("maintainers: [registry-lead]\n", encoding="utf-8")
    return init(root)


def commit(root: Path, message: str = "change") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def rules(root: Path, author: str, base: str = "main") -> list[tuple[str, str]]:
    return [(p.rule, p.file) for p in check_pr(root, base, author)]


def coalitions(root: Path) -> Path:
    return root / "registry" / "coalitions"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = coalitions(root) / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# Coalition files: their maintainers, as listed at the base.

def test_a_coalition_maintainer_may_edit_their_file(repo: Path) -> None:
    edit(repo, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    commit(repo)
    assert rules(repo, "ocean-keeper") == []
    assert rules(repo, "@Ocean-Keeper") == []  # GitHub names ignore case; a leading @ is fine


def test_someone_else_may_not_edit_it_and_is_told_whom_to_ask(repo: Path) -> None:
    edit(repo, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    commit(repo)
    [problem] = check_pr(repo, "main", "forest-keeper")
    assert (problem.rule, problem.file, problem.severity) == ("pr-not-maintainer", "registry/coalitions/ocean.yml",
                                                              "error")
    assert "(ocean-keeper)" in problem.message and "forest-keeper is not one of them" in problem.message
    assert "ask one of them" in problem.message


def test_a_pr_touching_two_coalitions_is_judged_file_by_file(repo: Path) -> None:
    edit(repo, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    edit(repo, "forest.yml", "acronym: ECOF", "acronym: FOR")
    commit(repo)
    assert rules(repo, "second-keeper") == [("pr-not-maintainer", "registry/coalitions/ocean.yml")]
    assert rules(repo, "ocean-keeper") == [("pr-not-maintainer", "registry/coalitions/forest.yml")]


def test_adding_oneself_as_maintainer_in_the_pr_does_not_count(repo: Path) -> None:
    edit(repo, "ocean.yml", "maintainers: [ocean-keeper]", "maintainers: [ocean-keeper, intruder]")
    commit(repo)
    assert rules(repo, "intruder") == [("pr-not-maintainer", "registry/coalitions/ocean.yml")]
    assert rules(repo, "ocean-keeper") == []  # a maintainer may hand the entry on


def test_anyone_may_add_a_new_coalition_naming_themselves(repo: Path) -> None:
    (coalitions(repo) / "river.yml").write_text(coalition_text("river", ["newcomer"]), encoding="utf-8")
    commit(repo)
    assert rules(repo, "newcomer") == []
    [problem] = check_pr(repo, "main", "someone-else")
    assert (problem.rule, problem.file) == ("pr-not-maintainer", "registry/coalitions/river.yml")
    assert "new coalition" in problem.message and "add your GitHub user name (someone-else)" in problem.message
    assert problem.pointer == "/maintainers" and problem.line > 1  # the line of maintainers: in the new file


def test_a_new_file_that_cannot_be_read_is_refused_with_a_pointer_to_the_report(repo: Path) -> None:
    (coalitions(repo) / "broken.yml").write_text("maintainers: [newcomer\n  oops: [", encoding="utf-8")
    commit(repo)
    [problem] = check_pr(repo, "main", "newcomer")
    assert problem.rule == "pr-not-maintainer" and "cannot be read yet" in problem.message


# Deletions: an entry leaves by an archived decision, and its page stays.

def test_deleting_a_coalition_is_refused_for_everyone_and_archiving_is_the_way_out(repo: Path) -> None:
    git(repo, "rm", "-q", "registry/coalitions/forest.yml")
    commit(repo)
    for author in ("forest-keeper", "registry-lead", "ocean-keeper"):
        assert rules(repo, author) == [("pr-deletion", "registry/coalitions/forest.yml")]
    message = check_pr(repo, "main", "forest-keeper")[0].message
    assert message.startswith("registry/coalitions/forest.yml is deleted, which would take the coalition 'forest' "
                              "out of the registry — entries are never deleted")
    assert "the page coalitions/forest/ and its badges" in message and "keep the file" in message
    assert "a registry maintainer adds `decision: archived` for 'forest' to registry/decisions.yml" in message


def test_a_rename_that_leaves_the_coalition_files_is_a_deletion(repo: Path) -> None:
    git(repo, "mv", "registry/coalitions/ocean.yml", "registry/coalitions/ocean.yaml")
    commit(repo)
    assert rules(repo, "ocean-keeper") == [("pr-deletion", "registry/coalitions/ocean.yml")]
    assert rules(repo, "registry-lead") == [("pr-deletion", "registry/coalitions/ocean.yml")]
    assert "is moved to registry/coalitions/ocean.yaml" in check_pr(repo, "main", "registry-lead")[0].message


def test_a_registry_maintainer_may_still_delete_other_files(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    (coalitions(repo) / "notes.txt").write_text("Notes for the maintainers.\n", encoding="utf-8")
    commit(repo, "notes")
    git(repo, "checkout", "-q", "-b", "tidy")
    git(repo, "rm", "-q", "registry/coalitions/notes.txt")
    commit(repo)
    assert rules(repo, "registry-lead") == []
    assert rules(repo, "ocean-keeper") == [("pr-outside-registry", "registry/coalitions/notes.txt")]


def test_an_entry_listed_from_public_sources_is_claimed_through_the_maintainers(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    (coalitions(repo) / "listed.yml").write_text(coalition_text("listed", []), encoding="utf-8")
    commit(repo, "listed from public sources")
    git(repo, "checkout", "-q", "-b", "claim")
    edit(repo, "listed.yml", "maintainers: []", "maintainers: [claimer]")
    commit(repo)
    [problem] = check_pr(repo, "main", "claimer")
    assert problem.rule == "pr-not-maintainer" and "no maintainers yet" in problem.message
    assert "open an issue to claim" in problem.message
    assert rules(repo, "registry-lead") == []


def test_a_file_the_base_added_meanwhile_is_not_new(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    (coalitions(repo) / "river.yml").write_text(coalition_text("river", ["river-keeper"]), encoding="utf-8")
    commit(repo, "river registered on main")
    git(repo, "checkout", "-q", "pr")
    (coalitions(repo) / "river.yml").write_text(coalition_text("river", ["squatter"]), encoding="utf-8")
    commit(repo)
    assert rules(repo, "squatter") == [("pr-not-maintainer", "registry/coalitions/river.yml")]


def test_a_file_the_base_deleted_meanwhile_keeps_its_maintainers(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    git(repo, "rm", "-q", "registry/coalitions/ocean.yml")
    commit(repo, "ocean archived on main")
    git(repo, "checkout", "-q", "pr")
    edit(repo, "ocean.yml", "maintainers: [ocean-keeper]", "maintainers: [squatter]")
    commit(repo)
    assert rules(repo, "squatter") == [("pr-not-maintainer", "registry/coalitions/ocean.yml")]


# Renames: ids are permanent links.

def test_a_rename_that_changes_the_id_is_refused_for_everyone(repo: Path) -> None:
    git(repo, "mv", "registry/coalitions/ocean.yml", "registry/coalitions/sea.yml")
    edit(repo, "sea.yml", "id: ocean", "id: sea")
    commit(repo)
    assert rules(repo, "ocean-keeper") == [("pr-id-rename", "registry/coalitions/sea.yml")]
    assert rules(repo, "registry-lead") == [("pr-id-rename", "registry/coalitions/sea.yml")]
    message = check_pr(repo, "main", "ocean-keeper")[0].message
    assert "keep the file name ocean.yml" in message and "coalitions/ocean/" in message


def test_moving_a_coalition_out_of_the_folder_is_refused(repo: Path) -> None:
    (repo / "archive").mkdir()
    git(repo, "mv", "registry/coalitions/ocean.yml", "archive/ocean.yml")
    commit(repo)
    assert rules(repo, "ocean-keeper") == [("pr-deletion", "registry/coalitions/ocean.yml")]
    assert rules(repo, "registry-lead") == [("pr-deletion", "registry/coalitions/ocean.yml")]


def test_a_registry_maintainer_may_rename_other_files(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    (repo / "notes.md").write_text("Some notes for the maintainers, long enough to be recognised.\n" * 5)
    commit(repo, "notes")
    git(repo, "checkout", "-q", "-b", "rename")
    git(repo, "mv", "notes.md", "NOTES.md")
    commit(repo)
    assert rules(repo, "registry-lead") == []
    assert rules(repo, "ocean-keeper") == [("pr-outside-registry", "NOTES.md"), ("pr-outside-registry", "notes.md")]


# Governance files and everything outside registry/coalitions/.

def test_decisions_are_for_registry_maintainers_even_against_a_coalition_maintainer(repo: Path) -> None:
    (repo / "registry" / "decisions.yml").write_text(
        "decisions:\n  - coalition: ocean\n    decision: shortlisted\n    date: '2026-01-01'\n", encoding="utf-8")
    commit(repo)
    assert rules(repo, "ocean-keeper") == [("pr-governance-file", "registry/decisions.yml")]
    assert "open an issue" in check_pr(repo, "main", "ocean-keeper")[0].message
    assert rules(repo, "registry-lead") == []


def test_a_maintainer_cannot_make_themselves_registry_maintainer(repo: Path) -> None:
    (repo / "registry" / "maintainers.yml").write_text("maintainers: [registry-lead, ocean-keeper]\n")
    edit(repo, "forest.yml", "acronym: ECOF", "acronym: FOR")
    (repo / "registry" / "criteria.yml").write_text("enforce: false\n")
    commit(repo)
    assert rules(repo, "ocean-keeper") == [("pr-not-maintainer", "registry/coalitions/forest.yml"),
                                           ("pr-governance-file", "registry/criteria.yml"),
                                           ("pr-governance-file", "registry/maintainers.yml")]


def test_while_no_registry_maintainer_is_listed_the_refusal_says_how_the_first_are_added(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"ocean.yml": coalition_text("ocean", ["ocean-keeper"])})
    (root / "registry" / "maintainers.yml").write_text("maintainers: []\n", encoding="utf-8")
    init(root)
    (root / "registry" / "maintainers.yml").write_text("maintainers: [example-network]\n", encoding="utf-8")
    (root / "registry" / "criteria.yml").write_text("enforce: false\n", encoding="utf-8")
    commit(root)
    problems = check_pr(root, "main", "example-network")
    assert [(p.rule, p.file) for p in problems] == [("pr-governance-file", "registry/criteria.yml"),
                                                    ("pr-governance-file", "registry/maintainers.yml")]
    assert problems[1].message.startswith(
        "registry/maintainers.yml lists no registry maintainer yet, and no pull request can add the first ones: "
        "the repository's administrators add them by committing the file directly on the default branch "
        '(CONTRIBUTING.md, "For the registry maintainers", gives the steps)')
    assert problems[0].message.startswith("registry/criteria.yml can be changed only by the registry maintainers")
    assert impact(root, "--base", "main", "--author", "example-network").returncode == 1


def test_the_steps_for_the_first_registry_maintainers_are_where_the_message_points() -> None:
    contributing = (CHECKOUT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = " ".join(contributing[contributing.index("\n## For the registry maintainers\n"):].split())
    assert "The first registry maintainers" in section and "directly on the default branch" in section
    shipped = (CHECKOUT / "registry" / "maintainers.yml").read_text(encoding="utf-8")
    comment = " ".join(line.lstrip("# ") for line in shipped.splitlines() if line.startswith("#"))
    assert "administrators" in comment and "directly on the default branch" in comment


def test_schema_code_and_stray_files_are_off_limits_to_coalitions(repo: Path) -> None:
    (repo / "schema" / "coalition.schema.json").write_text("{}")
    (repo / "README.md").write_text("changed\n")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "evil.yml").write_text("on: push\n")
    (coalitions(repo) / "sub").mkdir()
    (coalitions(repo) / "sub" / "x.yml").write_text(coalition_text("x", ["ocean-keeper"]))
    (coalitions(repo) / "notes.txt").write_text("hello\n")
    commit(repo)
    assert rules(repo, "ocean-keeper") == [
        ("pr-outside-registry", ".github/workflows/evil.yml"), ("pr-outside-registry", "README.md"),
        ("pr-outside-registry", "registry/coalitions/notes.txt"),
        ("pr-outside-registry", "registry/coalitions/sub/x.yml"),
        ("pr-governance-file", "schema/coalition.schema.json")]
    assert rules(repo, "registry-lead") == []


def test_a_registry_maintainer_may_change_anything_ordinary(repo: Path) -> None:
    edit(repo, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    edit(repo, "forest.yml", "maintainers: [forest-keeper, Second-Keeper]", "maintainers: [forest-keeper]")
    (coalitions(repo) / "listed.yml").write_text(coalition_text("listed", []), encoding="utf-8")
    (repo / "registry" / "decisions.yml").write_text("decisions: []\n# reviewed\n")
    (repo / "registry" / "maintainers.yml").write_text("maintainers: [registry-lead, second-lead]\n")
    (repo / "Makefile").write_text("all:\n")
    commit(repo)
    assert rules(repo, "Registry-Lead") == []


def test_deleting_one_coalition_and_adding_a_look_alike_reads_as_a_rename(repo: Path) -> None:
    git(repo, "rm", "-q", "registry/coalitions/forest.yml")
    (coalitions(repo) / "woods.yml").write_text(coalition_text("woods", ["forest-keeper"]), encoding="utf-8")
    commit(repo)  # git pairs the two by content: split such work into two pull requests
    assert rules(repo, "forest-keeper") == [("pr-id-rename", "registry/coalitions/woods.yml")]


# Links and other things that are not ordinary files.

def test_symbolic_links_are_refused_for_everyone(repo: Path) -> None:
    (coalitions(repo) / "stolen.yml").symlink_to("/etc/passwd")
    (coalitions(repo) / "climb.yml").symlink_to("../../../../../../../etc/hostname")
    (coalitions(repo) / "inner.yml").symlink_to("ocean.yml")
    (repo / "docs").symlink_to("/")
    commit(repo)
    expected = [("pr-symlink", "docs"), ("pr-symlink", "registry/coalitions/climb.yml"),
                ("pr-symlink", "registry/coalitions/inner.yml"), ("pr-symlink", "registry/coalitions/stolen.yml")]
    assert rules(repo, "registry-lead") == expected
    assert rules(repo, "ocean-keeper") == expected
    assert "outside" in check_pr(repo, "main", "registry-lead")[0].message


def test_turning_a_coalition_file_into_a_link_is_refused(repo: Path) -> None:
    (coalitions(repo) / "ocean.yml").unlink()
    (coalitions(repo) / "ocean.yml").symlink_to("/etc/passwd")
    commit(repo)
    assert git(repo, "diff", "--name-status", "main...HEAD").startswith("T")
    assert rules(repo, "ocean-keeper") == [("pr-symlink", "registry/coalitions/ocean.yml")]


def test_submodules_are_refused(repo: Path) -> None:
    head = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{head},registry/coalitions/module.yml")
    git(repo, "commit", "-q", "-m", "a gitlink")
    assert rules(repo, "registry-lead") == [("pr-not-a-file", "registry/coalitions/module.yml")]


# Where the base comes from, and what goes wrong.

def test_the_base_may_be_a_remote_branch_of_a_clone(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--branch", "main", str(repo), str(clone)], check=True)
    git(clone, "checkout", "-q", "-b", "feature")
    edit(clone, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    commit(clone)
    assert rules(clone, "ocean-keeper", "origin/main") == []
    assert rules(clone, "forest-keeper", "origin/main") == [("pr-not-maintainer", "registry/coalitions/ocean.yml")]


def test_a_registry_inside_a_larger_repository(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    root = make_root(outer / "registry-site", {"ocean.yml": coalition_text("ocean", ["ocean-keeper"])})
    (outer / "README.md").write_text("outer\n")
    init(outer)
    edit(root, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    (outer / "README.md").write_text("changed\n")
    commit(outer)
    assert rules(root, "ocean-keeper") == [("pr-outside-registry", "../README.md")]


def test_usage_errors(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(ImpactError, match="not a branch or commit"):
        check_pr(repo, "no-such-branch", "ocean-keeper")
    with pytest.raises(ImpactError, match="not a branch or commit"):
        check_pr(repo, f"--output={tmp_path / 'written'}", "ocean-keeper")
    assert not (tmp_path / "written").exists()
    with pytest.raises(ImpactError, match="not a GitHub user name"):
        check_pr(repo, "main", "two words")
    (tmp_path / "plain").mkdir()
    with pytest.raises(ImpactError, match="not a git repository"):
        check_pr(tmp_path / "plain", "main", "ocean-keeper")


def impact(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([IMPACT, "check-pr", "--root", str(root), *args], capture_output=True, text=True,
                          check=False, env={**os.environ, **env})


def test_the_cli_exit_codes_and_formats(repo: Path, tmp_path: Path) -> None:
    edit(repo, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    commit(repo)
    allowed = impact(repo, "--base", "main", "--author", "ocean-keeper")
    assert allowed.returncode == 0 and allowed.stdout.startswith("OK")
    refused = impact(repo, "--base", "main", "--author", "stranger")
    assert refused.returncode == 1
    assert refused.stdout.startswith("registry/coalitions/ocean.yml: error: only the maintainers of")
    as_json = impact(repo, "--base", "main", "--author", "stranger", "--format", "json")
    assert as_json.returncode == 1
    document = json.loads(as_json.stdout)
    assert document["ok"] is False
    assert [(p["rule"], p["file"]) for p in document["problems"]] == [("pr-not-maintainer",
                                                                       "registry/coalitions/ocean.yml")]
    markdown = impact(repo, "--base", "main", "--author", "stranger", "--format", "markdown")
    assert markdown.returncode == 1 and "❌ `registry/coalitions/ocean.yml`" in markdown.stdout
    assert impact(repo, "--base", "main", GITHUB_ACTOR="ocean-keeper").returncode == 0
    (tmp_path / "plain").mkdir()
    for bad in (impact(repo, "--base", "no-such-branch", "--author", "x"), impact(repo, "--base", "main"),
                impact(repo, "--base", "--upload-pack=touch", "--author", "x"),
                impact(repo, "--base", "main", "--author", "not a login"),
                impact(tmp_path / "plain", "--base", "main", "--author", "x")):
        assert bad.returncode == 2, bad.stdout + bad.stderr
        assert "Traceback" not in bad.stderr and bad.stderr.startswith("impact: ")


def test_the_markdown_shows_odd_file_names_as_they_are_and_mentions_nobody(repo: Path) -> None:
    # A backtick in a file name used to end its code span; an at-sign in any form must not notify anyone.
    for name in ("we`ird @example-team.yml", "&#64;example-org.yml", "＠example-user.yml"):
        (coalitions(repo) / name).write_text("maintainers: [newcomer\n  oops: [", encoding="utf-8")
    commit(repo)
    markdown = impact(repo, "--base", "main", "--author", "newcomer", "--format", "markdown")
    assert markdown.returncode == 1
    lines = markdown.stdout.splitlines()
    assert "- ❌ ``registry/coalitions/we`ird @example-team.yml``: " \
        "registry/coalitions/we\\`ird @\u200bexample-team.yml adds a new coalition" in markdown.stdout
    assert any(line.startswith("- ❌ `registry/coalitions/&#64;example-org.yml`: registry/coalitions/&amp;\\#64;")
               for line in lines)
    assert any(line.startswith("- ❌ `registry/coalitions/＠example-user.yml`: registry/coalitions/＠\u200bexample")
               for line in lines)
    assert all(line.endswith("(`pr-not-maintainer`)") for line in lines if line.startswith("- ❌"))


def test_the_head_is_read_from_its_commit_not_from_the_work_tree(repo: Path) -> None:
    # The trusted judge has the base checked out: a new file must be read at --head, not at HEAD.
    (coalitions(repo) / "river.yml").write_text(coalition_text("river", ["newcomer"]), encoding="utf-8")
    commit(repo)
    head = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "main")
    assert impact(repo, "--base", "main", "--head", head, "--author", "newcomer").returncode == 0
    assert rules(repo, "newcomer") == []  # HEAD is main now: nothing changed
    assert [(p.rule, p.file) for p in check_pr(repo, "main", "someone", head)] == \
        [("pr-not-maintainer", "registry/coalitions/river.yml")]


def test_the_json_report_says_whether_it_merges_itself_and_keeps_its_keys(repo: Path) -> None:
    # Allowed is not the same as merging by itself: a registry maintainer may edit any entry, but only an
    # entry's own maintainers' updates merge themselves (docs/pull-requests.md, "What merges itself").
    edit(repo, "ocean.yml", "acronym: ECOF", "acronym: OCN")
    commit(repo)
    for author, eligible in (("ocean-keeper", True), ("registry-lead", False)):
        done = impact(repo, "--base", "main", "--author", author, "--format", "json")
        assert done.returncode == 0, done.stderr
        document = json.loads(done.stdout)
        assert list(document) == ["ok", "author", "problems", "auto_merge"] and document["ok"] is True
        assert document["auto_merge"]["eligible"] is eligible
        assert document["auto_merge"]["reasons"][0].startswith(
            "registry/coalitions/ocean.yml: an update by ocean-keeper" if eligible else
            "registry/coalitions/ocean.yml: registry-lead is not one of its maintainers on the base branch")
    text = impact(repo, "--base", "main", "--author", "registry-lead")
    assert text.stdout == "OK: 0 changes registry-lead may not make\n"  # the text format is as it was

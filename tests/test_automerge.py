"""Owners' updates that merge themselves (issue #17, item 1), on real git repositories: the eligibility verdict
(generator/pullrequest/automerge.py, `impact check-pr --format json`), which pull requests to merge now
(merging.py, `impact auto-merge select`) and who may hold one (hold.py, `impact auto-merge may-hold`)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.errors import UsageError
from generator.pullrequest.automerge import AutoMerge, assess
from generator.pullrequest.hold import asks_to_hold, may_hold
from generator.pullrequest.merging import Pull, decide, read_pulls, select, verdict_since, waited

from .support.cli import IMPACT
from .support.git import git, without_user_configuration
from .support.registry import coalition_text, make_root

NOW = dt.datetime(2026, 9, 21, 12, 0, tzinfo=dt.UTC)
OCEAN, FOREST, LAKE = "registry/coalitions/ocean.yml", "registry/coalitions/forest.yml", "registry/coalitions/lake.yml"


@pytest.fixture(autouse=True)
def quiet_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_user_configuration(tmp_path, monkeypatch)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: three coalitions (lake.yml kept by the registry maintainer), a workflow and code; then branch `pr`."""
    root = make_root(tmp_path / "repo", {"ocean.yml": coalition_text("ocean", ["ocean-keeper", "Ocean-Second"]),
                                         "forest.yml": coalition_text("forest", ["forest-keeper"]),
                                         "lake.yml": coalition_text("lake", ["registry-lead"])})
    (root / "registry" / "maintainers.yml").write_text("maintainers: [registry-lead]\n", encoding="utf-8")
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "deploy.yml").write_text("name: Deploy\n", encoding="utf-8")
    (root / "generator").mkdir()
    (root / "generator" / "tool.py").write_text("ANSWER = 42\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit(root, "base")
    git(root, "checkout", "-q", "-b", "pr")
    return root


def commit(root: Path, message: str = "change") -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def edit(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (path, old)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def verdict(root: Path, author: str) -> AutoMerge:
    commit(root)
    return assess(str(root), "main", "HEAD", author)


def refused(found: AutoMerge, *fragments: str) -> None:
    """Not eligible, and each fragment is in some reason (a reason names its file and says why)."""
    assert not found.eligible and found.files == ()
    for fragment in fragments:
        assert any(fragment in reason for reason in found.reasons), (fragment, found.reasons)


# --- Eligible: an owner's update --------------------------------------------------------------------------


def test_an_owners_update_merges_itself(repo: Path) -> None:
    edit(repo, OCEAN, "acronym: ECOF", "acronym: OCN")
    found = verdict(repo, "ocean-keeper")
    assert found.eligible and found.files == (OCEAN,)
    assert found.reasons[0].startswith(f"{OCEAN}: an update by ocean-keeper, one of its maintainers on the base")
    assert "nothing else changes" in found.reasons[-1]


def test_any_maintainer_of_the_entry_whatever_the_case_of_their_name(repo: Path) -> None:
    edit(repo, OCEAN, "acronym: ECOF", "acronym: OCN")
    assert verdict(repo, "@ocean-second").eligible


def test_warnings_do_not_stop_it(repo: Path) -> None:
    edit(repo, OCEAN, "themes: [climate-environment, global-governance-reform]", "themes: [climate-environment]")
    found = verdict(repo, "ocean-keeper")
    assert found.eligible and "(1 warning, which do not block it)" in found.reasons[0]


# --- Not eligible, each with its reason ---------------------------------------------------------------------


def test_a_new_entry_waits_for_the_registry_maintainers(repo: Path) -> None:
    (repo / "registry" / "coalitions" / "river.yml").write_text(coalition_text("river", ["newcomer"]), "utf-8")
    refused(verdict(repo, "newcomer"), "registry/coalitions/river.yml is new: new entries")


def test_someone_elses_entry(repo: Path) -> None:
    edit(repo, FOREST, "acronym: ECOF", "acronym: MINE")
    refused(verdict(repo, "ocean-keeper"), f"{FOREST}: ocean-keeper is not one of its maintainers on the base "
            "branch (forest-keeper)", f"check-pr refuses 1 change ({FOREST})")


def test_a_registry_maintainer_who_does_not_keep_the_entry(repo: Path) -> None:
    edit(repo, FOREST, "acronym: ECOF", "acronym: FOR")
    found = verdict(repo, "registry-lead")  # check-pr allows it; merging by itself does not
    refused(found, f"{FOREST}: registry-lead is not one of its maintainers")
    assert not any("check-pr refuses" in reason for reason in found.reasons)


def test_a_change_of_the_maintainers_list(repo: Path) -> None:
    edit(repo, OCEAN, "maintainers: [ocean-keeper, Ocean-Second]", "maintainers: [ocean-keeper, Ocean-Second, friend]")
    refused(verdict(repo, "ocean-keeper"), f"{OCEAN} changes its maintainers list")


def test_reordering_the_maintainers_is_a_change_too(repo: Path) -> None:
    edit(repo, OCEAN, "maintainers: [ocean-keeper, Ocean-Second]", "maintainers: [Ocean-Second, ocean-keeper]")
    refused(verdict(repo, "ocean-keeper"), f"{OCEAN} changes its maintainers list")


def test_a_governance_file_even_from_a_registry_maintainer_who_keeps_the_entry(repo: Path) -> None:
    edit(repo, LAKE, "acronym: ECOF", "acronym: LAK")
    (repo / "registry" / "decisions.yml").write_text("decisions: []\n", encoding="utf-8")
    refused(verdict(repo, "registry-lead"), "registry/decisions.yml is a governance file")


def test_an_invalid_file(repo: Path) -> None:
    edit(repo, OCEAN, "country: KE", "country: XX")
    refused(verdict(repo, "ocean-keeper"), f"{OCEAN} has 1 error under the base's rules")


def test_an_id_change(repo: Path) -> None:
    edit(repo, OCEAN, "id: ocean", "id: ocean-renamed")
    refused(verdict(repo, "ocean-keeper"), f"{OCEAN} changes its id", f"{OCEAN} has 1 error")


def test_a_workflow_or_code_change(repo: Path) -> None:
    edit(repo, LAKE, "acronym: ECOF", "acronym: LAK")
    (repo / ".github" / "workflows" / "deploy.yml").write_text("name: Deploy anything\n", encoding="utf-8")
    (repo / "generator" / "tool.py").write_text("ANSWER = 43\n", encoding="utf-8")
    found = verdict(repo, "registry-lead")
    refused(found, ".github/workflows/deploy.yml is a workflow", "generator/tool.py is code")
    assert len(found.reasons) == 2  # the entry's own update is still checked, and passes


def test_a_mixed_pull_request(repo: Path) -> None:
    edit(repo, OCEAN, "acronym: ECOF", "acronym: OCN")  # allowed alone …
    (repo / "registry" / "coalitions" / "river.yml").write_text(coalition_text("river", ["ocean-keeper"]), "utf-8")
    found = verdict(repo, "ocean-keeper")  # … but not beside a new entry
    refused(found, "registry/coalitions/river.yml is new")
    assert not any(reason.startswith(OCEAN) for reason in found.reasons)


def test_a_rename_or_a_deletion(repo: Path) -> None:
    git(repo, "mv", OCEAN, "registry/coalitions/ocean-two.yml")
    refused(verdict(repo, "ocean-keeper"), f"{OCEAN} is renamed to registry/coalitions/ocean-two.yml")
    git(repo, "rm", "-q", FOREST)
    refused(verdict(repo, "forest-keeper"), f"{FOREST} is deleted")


def test_a_file_the_base_changed_since_the_branch_started(repo: Path) -> None:
    edit(repo, OCEAN, "acronym: ECOF", "acronym: OCN")
    head = commit(repo)
    git(repo, "checkout", "-q", "main")
    edit(repo, OCEAN, "founded: \"2024-05-10\"", "founded: \"2024-05-11\"")
    commit(repo, "the base moves on")
    refused(assess(str(repo), "main", head, "ocean-keeper"), f"{OCEAN} was changed on the base branch after this")


def test_nothing_changed_and_what_cannot_be_checked(repo: Path) -> None:
    refused(verdict(repo, "ocean-keeper"), "the pull request changes nothing")
    refused(assess(str(repo), "main", "0" * 40, "ocean-keeper"), "the pull request could not be checked")
    refused(assess(str(repo), "main", "HEAD", "app/registry-bot"), "is not a GitHub user name")


def check_pr_json(root: Path, author: str) -> dict[str, object]:
    done = subprocess.run([IMPACT, "check-pr", "--root", str(root), "--base", "main", "--author", author,
                           "--format", "json"], capture_output=True, text=True, check=False, env=dict(os.environ))
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    document: dict[str, object] = json.loads(done.stdout)
    return document


def test_check_pr_json_says_it_with_every_key_kept(repo: Path) -> None:
    edit(repo, OCEAN, "acronym: ECOF", "acronym: OCN")
    commit(repo)
    owner = check_pr_json(repo, "ocean-keeper")
    assert list(owner) == ["ok", "author", "problems", "auto_merge"]
    assert owner["ok"] is True and owner["problems"] == []
    assert owner["auto_merge"] == {"eligible": True, "reasons": list(assess(str(repo), "main", "HEAD",
                                                                            "ocean-keeper").reasons)}
    stranger = check_pr_json(repo, "stranger")
    auto = stranger["auto_merge"]
    assert stranger["ok"] is False and isinstance(auto, dict) and auto["eligible"] is False
    assert f"{OCEAN}: stranger is not one of its maintainers on the base branch" in auto["reasons"][1]


# --- Which pull requests to merge now -------------------------------------------------------------------------


def status(state: str, hours_ago: float, login: str = "github-actions[bot]",
           context: str = "registry/verdict") -> dict[str, object]:
    when = (NOW - dt.timedelta(hours=hours_ago)).isoformat().replace("+00:00", "Z")
    return {"context": context, "state": state, "created_at": when, "creator": {"login": login}}


def test_the_wait_counts_from_the_judges_last_verdict_only() -> None:
    since, why = verdict_since([status("success", 30), status("pending", 30.1)])
    assert since == NOW - dt.timedelta(hours=30) and "success since" in why
    # Newer statuses from anyone but the judge, or of another context, do not count.
    since, _ = verdict_since([status("success", 30), status("success", 1, login="mallory"),
                              status("failure", 0.5, context="other/check")])
    assert since == NOW - dt.timedelta(hours=30)
    assert verdict_since([status("success", 30), status("failure", 2)]) == \
        (None, "the last registry/verdict status on this commit is failure, not success")
    for nothing in ([], None, {"statuses": []}, [{"context": "registry/verdict", "state": "success"}]):
        assert verdict_since(nothing)[0] is None
    assert waited(NOW - dt.timedelta(hours=24), NOW, 24)[0]
    ready, why = waited(NOW - dt.timedelta(hours=23), NOW, 24)
    assert not ready and why.startswith("it waits until 2026-09-21T13:00:00+00:00")


def test_what_is_merged_now_and_what_is_not(repo: Path) -> None:
    edit(repo, OCEAN, "acronym: ECOF", "acronym: OCN")
    head = commit(repo)
    ripe = [status("success", 25)]

    def decided(statuses: object = ripe, **pull: object) -> tuple[bool, tuple[str, ...]]:
        fields = {"number": 7, "sha": head, "author": "ocean-keeper", "labels": (), "draft": False, **pull}
        found = decide(str(repo), "main", Pull(**fields), statuses, NOW, 24)  # type: ignore[arg-type]
        return found.merge, found.reasons

    merge, reasons = decided()
    assert merge and reasons[1] == "it has waited the 24 hours since then" and reasons[2].startswith(OCEAN)
    assert decided(draft=True) == (False, ("it is a draft",))
    assert decided(labels=("documentation", "Hold")) == (False, ("it is labelled hold: a registry maintainer "
                                                                 "reviews it",))
    assert not decided([status("success", 3)])[0]
    assert not decided([status("success", 25), status("failure", 1)])[0]
    merge, reasons = decided(author="forest-keeper")
    assert not merge and any("forest-keeper is not one of its maintainers" in reason for reason in reasons)


def test_two_pull_requests_on_one_file_are_not_merged_in_one_run(repo: Path) -> None:
    edit(repo, OCEAN, "acronym: ECOF", "acronym: OCN")
    first = commit(repo)
    git(repo, "checkout", "-q", "-b", "pr2", "main")
    edit(repo, OCEAN, "founded: \"2024-05-10\"", "founded: \"2024-05-11\"")
    second = commit(repo)
    git(repo, "checkout", "-q", "main")
    pulls = [Pull(9, second, "ocean-keeper", (), False), Pull(8, first, "ocean-keeper", (), False)]
    decisions = select(str(repo), "main", pulls, {8: [status("success", 30)], 9: [status("success", 30)]}, NOW, 24)
    assert [(d.pull.number, d.merge) for d in decisions] == [(8, True), (9, False)]
    assert "judged again in the next run" in decisions[1].reasons[-1]


def test_the_list_of_pull_requests_is_read_strictly() -> None:
    good = [{"number": 3, "headRefOid": "a" * 40, "author": {"login": "x"}, "labels": [{"name": "hold"}],
             "isDraft": False}]
    assert read_pulls(json.dumps(good)) == [Pull(3, "a" * 40, "x", ("hold",), False)]
    for bad in ("not json", "[1]", json.dumps([{**good[0], "headRefOid": "--upload-pack=x"}]),
                json.dumps([{**good[0], "number": "three"}])):
        with pytest.raises(UsageError):
            read_pulls(bad)


def test_the_select_command(repo: Path, tmp_path: Path) -> None:
    edit(repo, OCEAN, "acronym: ECOF", "acronym: OCN")
    head = commit(repo)
    pulls = tmp_path / "pulls.json"
    pulls.write_text(json.dumps([{"number": 7, "headRefOid": head, "author": {"login": "ocean-keeper"},
                                  "labels": [], "isDraft": False}]), encoding="utf-8")
    statuses = tmp_path / "statuses"
    statuses.mkdir()
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=30)
    (statuses / "7.json").write_text(json.dumps([{"context": "registry/verdict", "state": "success",
                                                  "created_at": long_ago.isoformat(),
                                                  "creator": {"login": "github-actions[bot]"}}]), encoding="utf-8")
    run = [IMPACT, "auto-merge", "select", "--root", str(repo), "--base", "main", "--pulls", str(pulls),
           "--statuses", str(statuses)]
    done = subprocess.run([*run, "--summary", str(tmp_path / "summary.md")], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["merge"] == [{"number": 7, "sha": head}] and document["wait_hours"] == 24
    assert document["pulls"][0]["auto_merge"]["eligible"] is True
    assert "- #7 (" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert json.loads(subprocess.run([*run, "--wait-hours", "48"], capture_output=True, text=True,
                                     check=False).stdout)["merge"] == []
    for bad in ([*run, "--wait-hours", "0"], [*run[:-4], "--pulls", str(statuses / "7.json"), *run[-2:]]):
        failed = subprocess.run(bad, capture_output=True, text=True, check=False)
        assert failed.returncode == 2 and "Traceback" not in failed.stderr, failed.stderr


# --- Who may hold -----------------------------------------------------------------------------------------------


def test_the_hold_command() -> None:
    for comment in ("/hold", "  /HOLD  \nwe want to look first", "\n/hold\n"):
        assert asks_to_hold(comment), comment
    for comment in ("please /hold", "/holdings", "", "/hold-off"):
        assert not asks_to_hold(comment), comment


def test_who_may_hold_is_read_on_the_base_branch(repo: Path) -> None:
    edit(repo, OCEAN, "acronym: ECOF", "acronym: OCN")
    edit(repo, OCEAN, "maintainers: [ocean-keeper, Ocean-Second]", "maintainers: [ocean-keeper, newcomer]")
    head = commit(repo)

    def hold(login: str, comment: str = "/hold") -> tuple[bool, str]:
        found = may_hold(str(repo), "main", head, login, comment)
        return found.allowed, found.reason

    assert hold("registry-lead") == (True, "registry-lead is a registry maintainer")
    assert hold("Ocean-Second") == (True, f"ocean-second is one of the maintainers of {OCEAN} on the base branch")
    assert hold("ocean-keeper")[0]
    assert not hold("newcomer")[0]  # named by the pull request itself: not on the base branch
    assert not hold("forest-keeper")[0]  # keeps another entry
    assert hold("registry-lead", "looks good") == (False, "the comment does not start with /hold")
    assert hold("not a login") == (False, "'not a login' is not a GitHub user name")


def test_the_may_hold_command(repo: Path, tmp_path: Path) -> None:
    edit(repo, OCEAN, "acronym: ECOF", "acronym: OCN")
    head = commit(repo)
    comment = tmp_path / "comment.md"
    comment.write_text("/hold\nLet us check the new acronym.", encoding="utf-8")

    def run(login: str, base: str = "main") -> subprocess.CompletedProcess[str]:
        return subprocess.run([IMPACT, "auto-merge", "may-hold", "--root", str(repo), "--base", base, "--head", head,
                               "--login", login, "--comment", str(comment)], capture_output=True, text=True,
                              check=False)

    allowed, refused_ = run("ocean-second"), run("stranger")
    assert allowed.returncode == 0 and json.loads(allowed.stdout)["hold"] is True
    assert refused_.returncode == 1 and json.loads(refused_.stdout) == {
        "hold": False, "asked": True, "reason": "stranger is neither a registry maintainer nor a maintainer, on "
        "the base branch, of an entry this pull request changes"}
    broken = run("stranger", base="no-such-branch")
    assert broken.returncode == 2 and broken.stderr.startswith("impact: cannot read the pull request's changes")

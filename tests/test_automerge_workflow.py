"""auto-merge.yml (issue #17, item 1): read as data for its safety properties, and its two scripts run as the
workflow runs them, on real git repositories — the base branch's code decides, each pull request's commit is
only data (a pull request that rewrites the deciding code is not merged, and its code never runs)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .support.git import git, without_user_configuration
from .support.project import copy_project
from .support.registry import CHECKOUT, coalition_text
from .support.workflows import load, steps

BIN = Path(sys.executable).parent
SCRIPTS = CHECKOUT / ".github" / "scripts"
KEEPERS = {"ocean": "ocean-keeper", "lake": "lake-keeper", "forest": "forest-keeper", "marsh": "mallory"}


def workflow() -> dict[Any, Any]:
    return load("auto-merge.yml")


def step_with(job: str, run: str) -> dict[str, Any]:
    return next(s for s in workflow()["jobs"][job]["steps"] if run in s.get("run", ""))


# --- The workflow, read as data ---------------------------------------------------------------------------------


def test_it_runs_hourly_on_demand_and_on_comments_only() -> None:
    found = workflow()
    assert found["on"] == {"schedule": [{"cron": "17 * * * *"}], "workflow_dispatch": None,
                           "issue_comment": {"types": ["created"]}}
    assert found["permissions"] == {}
    assert list(found["jobs"]) == ["select", "merge", "hold-check", "hold-answer"]


def test_only_the_deciding_jobs_check_out_and_they_cannot_write() -> None:
    jobs = workflow()["jobs"]
    assert jobs["select"]["permissions"] == {"contents": "read", "pull-requests": "read", "statuses": "read"}
    assert jobs["hold-check"]["permissions"] == {"contents": "read", "pull-requests": "read"}
    assert jobs["merge"]["permissions"] == {}  # the App's token merges
    assert jobs["hold-answer"]["permissions"] == {"pull-requests": "write"}
    for name, job in jobs.items():
        checkouts = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout")]
        assert len(checkouts) == (name in ("select", "hold-check")), name
        for step in checkouts:  # the base only: no ref, no other repository, no token left behind
            assert step["with"] == {"fetch-depth": 0, "persist-credentials": False}
        runs = "\n".join(s.get("run", "") for s in job["steps"])
        if name in ("merge", "hold-answer"):  # the writing jobs run no tool and no script
            assert "impact" not in runs and ".github/scripts" not in runs and "git " not in runs
    assert "auto-merge-select" in step_with("select", ".github/scripts/")["run"]
    assert "auto-merge-hold" in step_with("hold-check", ".github/scripts/")["run"]
    assert jobs["select"]["if"] == "github.event_name != 'issue_comment' && github.ref == 'refs/heads/main'"


def test_the_merge_uses_the_app_token_and_only_the_commit_that_was_checked() -> None:
    merge = workflow()["jobs"]["merge"]
    assert merge["needs"] == "select"
    app = next(s for s in merge["steps"] if str(s.get("uses", "")).startswith("actions/create-github-app-token@"))
    registration = next(s for s in steps(load("issue-register.yml")) if s.get("id") == "app-token")
    assert app["uses"] == registration["uses"]  # pinned by commit, as everywhere
    assert app["with"]["app-id"] == "${{ vars.REGISTRATION_APP_ID }}"
    assert app["with"]["private-key"] == "${{ secrets.REGISTRATION_APP_PRIVATE_KEY }}"
    step = step_with("merge", "pulls/$number/merge")
    assert step["env"]["GH_TOKEN"].replace(" ", "") == "${{steps.app-token.outputs.token}}"
    assert step["env"]["MERGE"] == "${{ needs.select.outputs.merge }}"
    assert '-f sha="$sha"' in step["run"] and "--method PUT" in step["run"]
    assert step["run"].index("grep -qix hold") < step["run"].index("--method PUT")  # a late hold still stops it
    assert "secrets.GITHUB_TOKEN" not in json.dumps(merge)


def test_the_waiting_period_is_a_repository_variable() -> None:
    env = step_with("select", ".github/scripts/auto-merge-select")["env"]
    assert env["WAIT_HOURS"] == "${{ vars.AUTO_MERGE_WAIT_HOURS }}"
    assert 'WAIT_HOURS:-24' in (SCRIPTS / "auto-merge-select").read_text(encoding="utf-8")


def test_the_scripts_never_check_out_install_or_run_the_pull_request() -> None:
    for name in ("auto-merge-select", "auto-merge-hold"):
        text = (SCRIPTS / name).read_text(encoding="utf-8")
        for forbidden in ("git checkout", "git switch", "worktree", "pip ", "python", "source ", "eval "):
            assert forbidden not in text, (name, forbidden)
        assert 'origin "+$' in text  # the head, fetched by commit id into a ref of its own


# --- The scripts, run as the workflow runs them ------------------------------------------------------------------


@pytest.fixture(autouse=True)
def quiet_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_user_configuration(tmp_path, monkeypatch)


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """This project on main, with a registry maintainer and four coalitions of other people."""
    root = copy_project(tmp_path / "origin")
    for coalition, keeper in KEEPERS.items():
        (root / "registry" / "coalitions" / f"{coalition}.yml").write_text(coalition_text(coalition, [keeper]),
                                                                           encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def pull_request(origin: Path, number: int, changes: dict[str, tuple[str, str] | str]) -> str:
    """A branch off main with `changes` (path → (old, new) or a new file's text), published as
    refs/pull/NUMBER/head as GitHub does; its commit id."""
    git(origin, "checkout", "-q", "-b", f"pr-{number}", "main")
    for path, change in changes.items():
        target = origin / path
        if isinstance(change, str):
            target.write_text(change, encoding="utf-8")
        else:
            text = target.read_text(encoding="utf-8")
            assert change[0] in text, (path, change[0])
            target.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", f"pull request {number}")
    head = git(origin, "rev-parse", "HEAD").strip()
    git(origin, "update-ref", f"refs/pull/{number}/head", head)
    git(origin, "checkout", "-q", "main")
    git(origin, "branch", "-q", "-D", f"pr-{number}")
    return head


def base_checkout(origin: Path, tmp_path: Path) -> Path:
    base = tmp_path / "base"
    git(tmp_path, "clone", "-q", "--single-branch", "--branch", "main", str(origin), str(base))
    return base


def run_step(step: dict[str, Any], base: Path, tmp_path: Path, env: dict[str, str]) -> tuple[int, dict[str, str]]:
    """A workflow step's script in the base checkout, with the step's environment; (exit code, its outputs)."""
    assert set(env) == set(step["env"]), "the step's environment changed: update this test"
    github = tmp_path / "github"
    github.mkdir(exist_ok=True)
    output = github / "output"
    output.write_text("", encoding="utf-8")
    env = {**env, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(github / "summary"),
           "PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path),
           **{k: v for k, v in os.environ.items() if k.startswith("GIT_") or k == "SOURCE_DATE_EPOCH"}}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=base, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    return done.returncode, outputs


def verdict(hours_ago: float) -> list[dict[str, object]]:
    when = dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours_ago)
    return [{"context": "registry/verdict", "state": "success", "created_at": when.isoformat(),
             "creator": {"login": "github-actions[bot]"}}]


def test_select_merges_only_an_owners_update_that_has_waited(origin: Path, tmp_path: Path) -> None:
    ran = tmp_path / "the-pull-requests-code-ran"
    owner_edit = {"registry/coalitions/ocean.yml": ("acronym: ECOF", "acronym: OCN")}
    attack = {  # an owner's edit beside deciding code rewritten to say yes, and to leave a trace if it runs
        "registry/coalitions/marsh.yml": ("acronym: ECOF", "acronym: MRSH"),
        "generator/pullrequest/automerge.py": ("    try:\n        ownership = check_pr(",
                                               f'    open({str(ran)!r}, "w").close()\n'
                                               '    return AutoMerge(True, ("trust me",))\n'
                                               "    try:\n        ownership = check_pr("),
    }
    heads = {7: pull_request(origin, 7, owner_edit),
             8: pull_request(origin, 8, {"registry/coalitions/lake.yml": ("acronym: ECOF", "acronym: LAKE")}),
             9: pull_request(origin, 9, {"registry/coalitions/river.yml": coalition_text("river", ["newcomer"])}),
             10: pull_request(origin, 10, {"registry/coalitions/forest.yml": ("acronym: ECOF", "acronym: FRST")}),
             11: pull_request(origin, 11, attack),
             12: pull_request(origin, 12, {"registry/coalitions/ocean.yml": ("founded: \"2024-05-10\"",
                                                                             "founded: \"2024-05-11\"")})}
    # Run as its own code, the attack would say yes (and leave its trace) …
    git(origin, "worktree", "add", "-q", "--detach", str(tmp_path / "attack"), heads[11])
    own = subprocess.run([sys.executable, "-c", "import generator.pullrequest.automerge as a; "
                          "print(a.assess('.', 'main', 'HEAD', 'mallory').eligible)"],
                         cwd=tmp_path / "attack", capture_output=True, text=True, check=False)
    assert own.stdout == "True\n" and ran.exists(), own.stderr
    ran.unlink()
    # … but the base branch's code decides.
    authors = {7: "ocean-keeper", 8: "lake-keeper", 9: "newcomer", 10: "forest-keeper", 11: "mallory",
               12: "ocean-keeper"}
    work = tmp_path / "work"
    (work / "statuses").mkdir(parents=True)
    listed = [{"number": n, "headRefOid": sha, "author": {"login": authors[n]},
               "labels": [{"name": "hold"}] if n == 10 else [], "isDraft": n == 12} for n, sha in heads.items()]
    (work / "pulls.json").write_text(json.dumps(listed), encoding="utf-8")
    for number in heads:
        (work / "statuses" / f"{number}.json").write_text(json.dumps(verdict(2 if number == 8 else 30)), "utf-8")
    base = base_checkout(origin, tmp_path)
    step = step_with("select", ".github/scripts/auto-merge-select")
    code, outputs = run_step(step, base, tmp_path, {"WORK": str(work), "WAIT_HOURS": "", "TOKEN": ""})
    assert code == 0
    assert json.loads(outputs["merge"]) == [{"number": 7, "sha": heads[7]}]
    decisions = {p["number"]: p for p in json.loads((work / "decisions.json").read_text(encoding="utf-8"))["pulls"]}
    assert decisions[7]["auto_merge"]["eligible"] is True
    assert decisions[8]["reasons"][1].startswith("it waits until")
    assert any("river.yml is new" in reason for reason in decisions[9]["reasons"])
    assert decisions[10]["reasons"] == ["it is labelled hold: a registry maintainer reviews it"]
    assert any("generator/pullrequest/automerge.py is code" in r for r in decisions[11]["reasons"])
    assert decisions[12]["reasons"] == ["it is a draft"]
    assert not ran.exists()  # the pull request's code was never imported
    assert git(base, "rev-parse", "HEAD") == git(origin, "rev-parse", "main")  # nothing was checked out
    assert git(base, "status", "--porcelain") == ""
    summary = (tmp_path / "github" / "summary").read_text(encoding="utf-8")
    assert summary.startswith("## Auto-merge: 1 of 6 open pull requests to merge")
    # A longer waiting period (the repository variable) keeps even that one waiting.
    code, outputs = run_step(step, base, tmp_path, {"WORK": str(work), "WAIT_HOURS": "48", "TOKEN": ""})
    assert code == 0 and json.loads(outputs["merge"]) == []


def test_select_stops_on_a_list_that_is_not_commit_ids(origin: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "statuses").mkdir(parents=True)
    (work / "pulls.json").write_text(json.dumps([{"number": 7, "headRefOid": f"--upload-pack=touch {tmp_path}/x",
                                                  "author": {"login": "a"}, "labels": [], "isDraft": False}]), "utf-8")
    code, outputs = run_step(step_with("select", ".github/scripts/auto-merge-select"), base_checkout(origin, tmp_path),
                             tmp_path, {"WORK": str(work), "WAIT_HOURS": "", "TOKEN": ""})
    assert code == 2 and "merge" not in outputs and not (tmp_path / "x").exists()


def test_a_hold_comment_counts_from_those_the_base_branch_names(origin: Path, tmp_path: Path) -> None:
    head = pull_request(origin, 7, {"registry/coalitions/ocean.yml": ("maintainers: [ocean-keeper]",
                                                                      "maintainers: [ocean-keeper, newcomer]")})
    base = base_checkout(origin, tmp_path)
    step = step_with("hold-check", ".github/scripts/auto-merge-hold")

    def answer(commenter: str, comment: str = "/hold", sha: str = head) -> tuple[int, str]:
        env = {"HEAD_SHA": sha, "COMMENTER": commenter, "COMMENT": comment, "WORK": str(tmp_path / "hold"),
               "TOKEN": ""}
        code, outputs = run_step(step, base, tmp_path, env)
        return code, outputs["answer"]

    assert answer("registry-lead") == (0, "hold")
    assert answer("ocean-keeper", "/HOLD\nwait for our board, please") == (0, "hold")
    assert answer("newcomer") == (0, "refused")  # named a maintainer by the pull request itself
    assert answer("mallory") == (0, "refused")
    assert answer("registry-lead", "no need to /hold this") == (0, "none")
    assert answer("registry-lead", sha="--upload-pack=x") == (2, "none")
    assert git(base, "rev-parse", "HEAD") == git(origin, "rev-parse", "main")

"""The weekly link check's workflow (issue #17, item 3), read as data, and its scripts run with a `gh` that
records its calls and answers from canned GitHub data (its --jq filters applied by the real jq): one tracking
issue edited in place, the state committed by the App, the maintainers mentioned only when something is new."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.health.mentions import MENTIONS_MARKER
from generator.health.report import ISSUE_MARKER

from .support.registry import CHECKOUT
from .support.workflows import load, steps

SCRIPT = CHECKOUT / ".github" / "scripts" / "health-issue"
WORKFLOW = load("health.yml")
[JOB] = WORKFLOW["jobs"].values()
STEPS = steps(WORKFLOW)


def step(name_start: str) -> dict[str, Any]:
    return next(s for s in STEPS if str(s.get("name", "")).startswith(name_start))


def test_it_runs_weekly_and_on_demand_with_least_privilege() -> None:
    assert list(WORKFLOW["on"]) == ["schedule", "workflow_dispatch"]
    [schedule] = WORKFLOW["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit() and hour.isdigit()
    assert WORKFLOW["permissions"] == {}
    assert JOB["permissions"] == {"contents": "read", "issues": "write"}
    assert "github.event.repository.default_branch" in JOB["if"]
    assert WORKFLOW["concurrency"]["cancel-in-progress"] is False  # two runs never race on the state
    checkout = next(s for s in STEPS if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"] == {"persist-credentials": False}
    for s in STEPS:
        assert "${{" not in s.get("run", "") and "continue-on-error" not in s
        assert "|| true" not in s.get("run", "")


def test_the_tool_writes_the_texts_and_the_steps_come_in_a_safe_order() -> None:
    runs = [s.get("run", s.get("uses", "")) for s in STEPS]
    install = runs.index(".ci/install-locked health")
    check = next(i for i, r in enumerate(runs) if r.startswith("impact health "))
    assert runs[check] == ('impact health --state registry/health.json --format markdown --mentions '
                           '"$WORK/mentions.md" > "$WORK/issue.md"')
    issue = STEPS.index(step("Update the tracking issue"))
    token = next(i for i, s in enumerate(STEPS) if str(s.get("uses", "")).startswith("actions/create-github-app"))
    commit = STEPS.index(step("Commit the state"))
    mention = STEPS.index(step("Mention the maintainers"))
    # The mentions follow the commit: a state that was not kept would announce the same problems next week.
    assert install < check < issue < token < commit < mention
    assert ".github/scripts/health-issue" in runs[issue]
    scripts = "\n".join(s.get("run", "") for s in STEPS)  # no text is made here: no body, no mention
    assert "printf" not in scripts and "@" not in scripts.replace("body=@", "")
    app = STEPS[token]
    assert app["with"]["private-key"] == "${{ secrets.REGISTRATION_APP_PRIVATE_KEY }}"
    assert {k for k in app["with"] if k.startswith("permission-")} == {"permission-contents"}
    assert app["with"]["permission-contents"] == "write"
    assert STEPS[commit]["env"]["GH_TOKEN"] == "${{ steps.app-token.outputs.token }}"  # noqa: S105
    for index in (issue, mention):
        assert STEPS[index]["env"]["GH_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}"  # noqa: S105
    for index in (token, commit, mention):
        assert STEPS[index]["if"] == "vars.REGISTRATION_APP_ID != ''"
    assert step("Say that nothing is remembered")["if"] == "vars.REGISTRATION_APP_ID == ''"
    assert (CHECKOUT / "registry" / "health.json").is_file()


FAKE_GH = """#!{python}
import json, os, subprocess, sys
args = sys.argv[1:]
with open(os.environ["CALLS"], "a", encoding="utf-8") as calls:
    calls.write(json.dumps(args) + "\\n")
path = next(a for a in args if a.startswith("repos/"))
canned = json.loads(os.environ.get("CANNED", "{{}}"))
if path not in canned:
    sys.exit(0 if "--method" in args else 1)  # an unknown GET is GitHub's 404
answer = json.dumps(canned[path])
if "--jq" in args:
    answer = subprocess.run(["jq", "-r", args[args.index("--jq") + 1]], input=answer, capture_output=True,
                            text=True, check=True).stdout
print(answer, end="")
"""


@pytest.fixture
def gh(tmp_path: Path) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    return bin_dir


def run(script: str, gh: Path, env: dict[str, str], canned: dict[str, Any] | None = None,
        cwd: Path = CHECKOUT) -> tuple[str, list[list[str]]]:
    calls = gh.parent / "calls"
    calls.write_text("")
    done = subprocess.run(["bash", "-e", "-c", script], cwd=cwd, capture_output=True, text=True, check=True,
                          env={**env, "CALLS": str(calls), "CANNED": json.dumps(canned or {}),
                               "PATH": f"{gh}:/usr/bin:/bin"})
    return done.stdout, [json.loads(line) for line in calls.read_text().splitlines()]


ISSUES = "repos/org/registry/issues?labels=registry-health&state=all&sort=created&direction=asc&per_page=100"
BOT = {"login": "github-actions[bot]"}


def issue_env(tmp_path: Path) -> dict[str, str]:
    body = tmp_path / "issue.md"
    body.write_text(ISSUE_MARKER + "\n## Registry health\n", encoding="utf-8")
    return {"GH_TOKEN": "", "REPO": "org/registry", "BODY": str(body)}


def test_the_tracking_issue_is_found_again_and_edited_in_place(tmp_path: Path, gh: Path) -> None:
    env = issue_env(tmp_path)
    assert set(env) == set(step("Update the tracking issue")["env"])
    found = [{"number": 3, "pull_request": {}, "user": BOT, "body": ISSUE_MARKER},  # a pull request
             {"number": 4, "user": BOT, "body": None},
             {"number": 5, "user": {"login": "someone"}, "body": ISSUE_MARKER + "\nmine"},  # not the workflow's
             {"number": 7, "user": BOT, "body": ISSUE_MARKER + "\nold"},
             {"number": 9, "user": BOT, "body": ISSUE_MARKER + "\nlater"}]
    canned = {ISSUES: found, "repos/org/registry/labels/registry-health": {"name": "registry-health"}}
    out, calls = run(str(SCRIPT), gh, env, canned)
    assert out == "7\n"
    writes = [c for c in calls if "--method" in c]
    assert writes == [["api", "--method", "PATCH", "repos/org/registry/issues/7", "-F", f"body=@{env['BODY']}"]]


def test_the_tracking_issue_is_created_once_with_its_label(tmp_path: Path, gh: Path) -> None:
    env = issue_env(tmp_path)
    out, calls = run(str(SCRIPT), gh, env, {ISSUES: [], "repos/org/registry/issues": {"number": 42}})
    assert out == "42\n"
    writes = [c for c in calls if "--method" in c]
    assert [c[:4] for c in writes] == [["api", "--method", "POST", "repos/org/registry/labels"],
                                       ["api", "--method", "POST", "repos/org/registry/issues"]]
    assert "labels[]=registry-health" in writes[1] and f"body=@{env['BODY']}" in writes[1]


def test_the_maintainers_are_mentioned_only_when_something_is_new(tmp_path: Path, gh: Path) -> None:
    mention = step("Mention the maintainers")
    mentions = tmp_path / "mentions.md"
    env = {"GH_TOKEN": "", "REPO": "org/registry", "NUMBER": "7", "MENTIONS": str(mentions)}
    assert set(env) == set(mention["env"])
    mentions.write_text("", encoding="utf-8")
    assert run(mention["run"], gh, env)[1] == []
    mentions.write_text(f"{MENTIONS_MARKER}\n**x** — @example-volunteer\n", encoding="utf-8")
    assert run(mention["run"], gh, env)[1] == [
        ["api", "--method", "POST", "repos/org/registry/issues/7/comments", "-F", f"body=@{mentions}"]]


def test_the_state_is_committed_over_the_version_the_run_started_from(tmp_path: Path, gh: Path) -> None:
    commit = step("Commit the state")
    repo = tmp_path / "repo"
    (repo / "registry").mkdir(parents=True)
    (repo / "registry" / "health.json").write_text('{"version": 1}\n', encoding="utf-8")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(repo)]
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "state"], check=True)
    blob = subprocess.run([*git, "rev-parse", "HEAD:registry/health.json"], capture_output=True, text=True,
                          check=True).stdout.strip()
    (repo / "registry" / "health.json").write_text('{"version": 1, "checked": "now"}\n', encoding="utf-8")
    env = {"GH_TOKEN": "", "REPO": "org/registry", "BRANCH": "main", "WORK": str(tmp_path)}
    assert set(env) == set(commit["env"])
    _, calls = run(commit["run"], gh, env, cwd=repo)
    assert calls == [["api", "--method", "PUT", "repos/org/registry/contents/registry/health.json", "--input",
                      f"{tmp_path}/commit.json"]]
    sent = json.loads((tmp_path / "commit.json").read_text(encoding="utf-8"))
    assert sent["sha"] == blob and sent["branch"] == "main"
    assert base64.b64decode(sent["content"]) == b'{"version": 1, "checked": "now"}\n'


def test_the_health_set_is_the_small_set_and_the_client() -> None:
    def names(lock: str) -> set[str]:
        text = (CHECKOUT / "requirements" / f"{lock}.txt").read_text(encoding="utf-8")
        return {line.split("==")[0] for line in text.splitlines() if "==" in line and not line.startswith(" ")}

    assert "httpx" in names("health") and "httpx" in names("test") and "httpx" not in names("validate")
    assert names("validate") | names("build") <= names("health")
    assert names("health") - names("validate") - names("build") <= {"httpx", "httpcore", "h11", "anyio", "certifi",
                                                                     "idna", "sniffio", "typing-extensions"}
    installer = (CHECKOUT / ".ci" / "install-locked").read_text(encoding="utf-8")
    assert "validate | site | test | bench | health)" in installer
    makefile = (CHECKOUT / "Makefile").read_text(encoding="utf-8")
    assert "--group build --extra health -o requirements/health.txt" in makefile


def test_the_health_set_installs_a_working_check_and_the_small_set_says_what_is_missing(tmp_path: Path) -> None:
    """requirements/health.txt installed as .ci/install-locked installs it, hashes checked: the check runs (on a
    registry with no address, so nothing is asked); the small set has no client and says which extra to add."""
    from .support.registry import make_root
    from .test_supply_chain import install, run

    root = make_root(tmp_path / "repo")
    health = install(tmp_path / "health" / "venv", "health")
    done = run(health, "health", "--format", "json", cwd=root)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"version": 1, "links": [], "stale": []}
    small = install(tmp_path / "small" / "venv", "validate")
    done = run(small, "health", cwd=root)
    assert done.returncode == 2 and "install the health extra: pip install 'impact-registry[health]'" in done.stderr
    assert "Traceback" not in done.stderr

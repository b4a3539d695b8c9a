"""The GitHub workflows, read as data: the safety properties that keep the write token and the
publishing step out of reach of a pull request."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from .conftest import CHECKOUT

WORKFLOWS = CHECKOUT / ".github" / "workflows"


def load(name: str) -> dict[Any, Any]:
    data = YAML(typ="safe").load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


ALL = sorted(p.name for p in WORKFLOWS.glob("*.yml"))


def test_there_are_the_four_workflows() -> None:
    assert ALL == ["deploy.yml", "issue-register.yml", "pr-check.yml", "pr-comment.yml"]


@pytest.mark.parametrize("name", ALL)
def test_no_pull_request_target_and_no_event_text_in_scripts(name: str) -> None:
    workflow = load(name)
    assert "pull_request_target" not in workflow["on"]
    for step in steps(workflow):
        script = step.get("run", "")
        assert not re.search(r"\$\{\{\s*github\.event\.", script), (name, step.get("name"))
        assert not re.search(r"\$\{\{\s*(github\.head_ref|steps\.[^}]*outputs)", script), (name, step.get("name"))


def test_the_pull_request_check_has_a_read_only_token() -> None:
    workflow = load("pr-check.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    checkout = next(s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False
    scripts = " ".join(s.get("run", "") for s in steps(workflow))
    assert "impact validate --format github" in scripts and "impact check-pr" in scripts
    assert "GITHUB_STEP_SUMMARY" in scripts


def test_the_comment_workflow_never_checks_out_the_pull_request() -> None:
    workflow = load("pr-comment.yml")
    assert list(workflow["on"]) == ["workflow_run"]
    assert not any(str(s.get("uses", "")).startswith("actions/checkout") for s in steps(workflow))
    script = " ".join(s.get("run", "") for s in steps(workflow))
    assert "*[!0-9]*" in script  # the PR number from the artifact is checked to be digits
    assert "<!-- impact-registry-report -->" in script  # one comment, found again by its marker and edited


def test_deploy_runs_test_then_build_then_deploy_and_cannot_skip_a_failure() -> None:
    workflow = load("deploy.yml")
    jobs = workflow["jobs"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    build_steps = [s.get("run", s.get("uses", "")) for s in jobs["build"]["steps"]]
    validate = next(i for i, s in enumerate(build_steps) if "impact validate" in s)
    build = next(i for i, s in enumerate(build_steps) if s.startswith("impact build"))
    upload = next(i for i, s in enumerate(build_steps) if "upload-pages-artifact" in s)
    assert validate < build < upload
    assert "make test" in " ".join(s.get("run", "") for s in jobs["test"]["steps"])
    for job in jobs.values():
        assert "continue-on-error" not in job and "if" not in job
        assert all("continue-on-error" not in s for s in job.get("steps", []))
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_registration_from_issues_passes_the_body_through_a_file() -> None:
    workflow = load("issue-register.yml")
    convert = next(s for s in steps(workflow) if s.get("id") == "convert")
    assert convert["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert "impact from-issue issue-body.md" in convert["run"]


def test_the_pre_commit_hook_and_codeowners() -> None:
    hooks = YAML(typ="safe").load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["entry"] == "impact validate" and hooks[0]["files"] == r"^registry/coalitions/.*\.yml$"
    owners = (CHECKOUT / ".github" / "CODEOWNERS").read_text()
    for path in ("/registry/decisions.yml", "/registry/maintainers.yml", "/registry/criteria.yml", "/schema/"):
        assert re.search(rf"^{re.escape(path)}\s+@", owners, re.M), path
    assert Path(CHECKOUT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text().count("- [ ]") >= 4

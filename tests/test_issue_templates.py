"""The issue forms (#14, item 8): every form under .github/ISSUE_TEMPLATE/ is a valid GitHub issue form; "Claim a
coalition" and "Listed without consent" ask for evidence a maintainer can check and for nothing private;
CONTRIBUTING.md links them and gives the steps; and `impact check-pr` lets a registry maintainer carry them out
on a real repository (add the claimant to an entry's maintainers, take a member off someone else's entry)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.i18n.languages import TRANSLATED
from generator.pullrequest.check import check_pr

from .support.git import git, without_user_configuration
from .support.registry import CHECKOUT, coalition_text, make_root
from .support.workflows import read_yaml

TEMPLATES = CHECKOUT / ".github" / "ISSUE_TEMPLATE"
FORMS = sorted(p.name for p in TEMPLATES.glob("*.yml") if p.name != "config.yml")
NEW_FORMS = ("claim-coalition.yml", "listed-without-consent.yml")

# GitHub's issue-form syntax (docs.github.com, "Syntax for issue forms" and "Syntax for GitHub's form schema").
TOP_KEYS = {"name", "description", "body", "assignees", "labels", "title", "projects", "type"}
ATTRIBUTES = {"markdown": {"value"}, "input": {"label", "description", "placeholder", "value"},
              "textarea": {"label", "description", "placeholder", "value", "render"},
              "dropdown": {"label", "description", "multiple", "options", "default"},
              "checkboxes": {"label", "description", "options"}}
ID = re.compile(r"[A-Za-z0-9_-]+")
# What a form must never ask for: a field about a person's own contact details.
PRIVATE = re.compile(r"e-?mail|phone|telephone|postal|home address|date of birth|passport|your (?:full )?name",
                     re.IGNORECASE)


def form_problems(form: Any) -> list[str]:
    """Why GitHub would refuse `form` as an issue form (none when it is valid)."""
    if not isinstance(form, dict):
        return ["not a mapping"]
    problems = [f"unknown key {key}" for key in form if key not in TOP_KEYS]
    problems += [f"{key} missing" for key in ("name", "description", "body")
                 if not isinstance(form.get(key), str if key != "body" else list) or not form.get(key)]
    ids: set[str] = set()
    labels: set[str] = set()
    for n, item in enumerate(form.get("body") or []):
        kind = item.get("type") if isinstance(item, dict) else None
        if kind not in ATTRIBUTES:
            problems.append(f"body[{n}]: unknown type {kind}")
            continue
        attributes = item.get("attributes") or {}
        problems += [f"body[{n}]: unknown key {key}" for key in item if key not in {"type", "id", "attributes",
                                                                                      "validations"}]
        problems += [f"body[{n}]: unknown attribute {key}" for key in attributes if key not in ATTRIBUTES[kind]]
        if "id" in item:
            if not isinstance(item["id"], str) or not ID.fullmatch(item["id"]) or item["id"] in ids:
                problems.append(f"body[{n}]: id {item['id']!r} is not a unique name of letters, digits, - and _")
            ids.add(str(item["id"]))
        if kind == "markdown":
            if not isinstance(attributes.get("value"), str) or "validations" in item:
                problems.append(f"body[{n}]: a markdown item has a value and no validations")
            continue
        label = attributes.get("label")
        if not isinstance(label, str) or not label.strip() or label in labels:
            problems.append(f"body[{n}]: label {label!r} is missing or not unique")
        labels.add(str(label))
        if set(item.get("validations") or {}) - {"required"}:
            problems.append(f"body[{n}]: validations other than required")
        options = attributes.get("options")
        if kind == "dropdown" and (not options or len(set(options)) != len(options)
                                   or not all(isinstance(o, str) and o for o in options)):
            problems.append(f"body[{n}]: a dropdown needs distinct, non-empty options")
        if kind == "checkboxes" and (not options or not all(isinstance(o, dict) and isinstance(o.get("label"), str)
                                                            and set(o) <= {"label", "required"} for o in options)):
            problems.append(f"body[{n}]: each checkbox needs a label")
    if not labels:
        problems.append("no field to fill in, only text")
    return problems


def fields(name: str) -> list[dict[str, Any]]:
    return [item for item in read_yaml(TEMPLATES / name)["body"] if item["type"] != "markdown"]


def test_the_forms_are_there() -> None:
    assert set(NEW_FORMS) <= set(FORMS) and "register-coalition.yml" in FORMS
    # the registration form in every other site language too (make issue-form), each checked below
    assert {f"register-coalition-{code}.yml" for code in TRANSLATED} <= set(FORMS)


@pytest.mark.parametrize("name", FORMS)
def test_each_form_is_a_valid_github_issue_form(name: str) -> None:
    assert form_problems(read_yaml(TEMPLATES / name)) == []


def test_the_checker_refuses_what_github_refuses() -> None:
    """The checker above can fail: each of these breaks one rule of the syntax."""
    good = {"name": "A", "description": "B", "body": [{"type": "input", "id": "a", "attributes": {"label": "A"}}]}
    assert form_problems(good) == []
    broken = [{**good, "name": ""}, {**good, "bodyy": []}, {**good, "body": [{"type": "text"}]},
              {**good, "body": [{"type": "markdown", "attributes": {"value": "text only"}}]},
              {**good, "body": [*good["body"], {"type": "input", "id": "a", "attributes": {"label": "B"}}]},
              {**good, "body": [{"type": "input", "id": "a b", "attributes": {"label": "A"}}]},
              {**good, "body": [{"type": "dropdown", "attributes": {"label": "A", "options": []}}]},
              {**good, "body": [{"type": "checkboxes", "attributes": {"label": "A", "options": ["x"]}}]},
              {**good, "body": [{"type": "input", "attributes": {"label": "A", "options": ["x"]}}]}]
    for form in broken:
        assert form_problems(form), form


def test_the_forms_have_their_own_names_and_labels() -> None:
    forms = [read_yaml(TEMPLATES / name) for name in FORMS]
    assert len({f["name"] for f in forms}) == len(forms)
    assert read_yaml(TEMPLATES / "claim-coalition.yml")["labels"] == ["claim-coalition"]
    assert read_yaml(TEMPLATES / "listed-without-consent.yml")["labels"] == ["listed-without-consent"]


@pytest.mark.parametrize("name", NEW_FORMS)
def test_the_new_forms_ask_for_nothing_private_and_say_the_issue_is_public(name: str) -> None:
    form = read_yaml(TEMPLATES / name)
    for item in fields(name):
        asked = " ".join([item.get("id", ""), item["attributes"]["label"],
                          *[o if isinstance(o, str) else o["label"] for o in item["attributes"].get("options", [])]])
        assert not PRIVATE.search(asked), asked
    notes = " ".join(" ".join(i["attributes"]["value"].split()) for i in form["body"] if i["type"] == "markdown")
    assert "**This issue is public.** Write nothing private here" in notes
    assert "SECURITY.md" in notes  # where the maintainers' address is, for the message from a public address


@pytest.mark.parametrize("name", NEW_FORMS)
def test_the_new_forms_ask_for_evidence_a_maintainer_can_check(name: str) -> None:
    by_id = {item.get("id"): item for item in fields(name)}
    assert by_id["coalition"]["validations"]["required"] is True
    evidence = by_id["evidence"]
    assert evidence["validations"]["required"] is True
    options = evidence["attributes"]["options"]
    assert len(options) == 2 and "public page" in options[0] and "public contact address" in options[1]
    assert "evidence-page" in by_id


def test_contributing_links_the_forms_and_gives_the_steps() -> None:
    contributing = (CHECKOUT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for name in NEW_FORMS:
        assert f"(.github/ISSUE_TEMPLATE/{name})" in contributing, name
    section = " ".join(contributing[contributing.index("\n## For the registry maintainers\n"):].split())
    assert "**Claims.**" in section and "**Listed without consent.**" in section
    assert "add the claimant's GitHub user name to its `maintainers`" in section
    assert "whatever the entry's maintainers say" in section


# --- check-pr lets a registry maintainer carry out a claim and a removal --------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """main: an entry listed from public sources (no maintainers) and one kept by its coalition; then branch pr."""
    without_user_configuration(tmp_path, monkeypatch)
    root = make_root(tmp_path / "repo", {"listed.yml": coalition_text("listed", []),
                                         "kept.yml": coalition_text("kept", ["kept-keeper"])})
    (root / "registry" / "maintainers.yml").write_text("maintainers: [registry-lead]\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit(root)
    git(root, "checkout", "-q", "-b", "pr")
    return root


def commit(root: Path) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")


def test_a_registry_maintainer_adds_the_claimant_and_the_claimant_may_then_edit(repo: Path) -> None:
    listed = repo / "registry" / "coalitions" / "listed.yml"
    listed.write_text(listed.read_text(encoding="utf-8").replace("maintainers: []", "maintainers: [claimant]"),
                      encoding="utf-8")
    commit(repo)
    assert [p.rule for p in check_pr(repo, "main", "claimant")] == ["pr-not-maintainer"]  # not by their own PR
    assert check_pr(repo, "main", "registry-lead") == []
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "pr")
    git(repo, "checkout", "-q", "-b", "update")
    listed.write_text(listed.read_text(encoding="utf-8").replace("acronym: ECOF", "acronym: LST"), encoding="utf-8")
    commit(repo)
    assert check_pr(repo, "main", "claimant") == []


def test_a_registry_maintainer_takes_a_member_off_an_entry_kept_by_others(repo: Path) -> None:
    kept = repo / "registry" / "coalitions" / "kept.yml"
    text = kept.read_text(encoding="utf-8")
    first = re.search(r"(?m)^  - name: .*\n(?:    .*\n)*", text[text.index("\nmembers:\n"):])
    assert first is not None
    kept.write_text(text.replace(first.group(0), "", 1), encoding="utf-8")
    commit(repo)
    assert check_pr(repo, "main", "registry-lead") == []
    assert [p.rule for p in check_pr(repo, "main", "someone-else")] == ["pr-not-maintainer"]

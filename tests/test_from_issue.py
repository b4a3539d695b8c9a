"""`impact from-issue`: issue-form bodies, as GitHub renders them, into coalition files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from generator.from_issue import LABELS, entry_from_issue, sections

from .conftest import CHECKOUT, make_root

IMPACT = str(Path(sys.executable).with_name("impact"))
FORM = CHECKOUT / ".github" / "ISSUE_TEMPLATE" / "register-coalition.yml"


def body(**overrides: str) -> str:
    """A form body as GitHub renders it: ### Label, blank line, value."""
    values = {
        "Coalition name": "Fictional Coalition for Clean Rivers (example)",
        "Identifier (optional)": "_No response_",
        "Acronym": "FCCR",
        "Summary": "A fictional coalition that pushes for river basin commissions with a civil society seat.",
        "Themes": "Climate and environment, Global governance reform",
        "Objectives": "Give river communities a seat in basin commissions.\nPublish a yearly basin report.",
        "Members": "Fictional River Network (example) | KE | civil-society | ngos\n"
                   "Imaginary Delta Institute (example) | BD | academia | education-academia",
        "Plan to engage Member States": "Brief the missions of riparian states before each water conference.",
        "Plan to engage UN agencies or UN Country Teams": "_No response_",
        "Support needed for that engagement": "_No response_",
        "Work plan": "2024-06-01 | Launch call\n2025-03-22 | Statement on World Water Day",
        "Contact e-mail": "rivers@example.org",
        "Contact page": "_No response_",
        "Show the e-mail on the site": "- [ ] Show the contact e-mail on the coalition's page",
        "GitHub user names of the maintainers": "@example-volunteer, example-second",
        "Commitments": "- [X] We commit to transparency\n- [X] We commit to accountability\n"
                       "- [X] We commit to inclusivity",
    }
    values.update(overrides)
    return "\n\n".join(f"### {label}\n\n{value}" for label, value in values.items()) + "\n"


def run(root: Path, text: str, *args: str) -> subprocess.CompletedProcess[str]:
    path = root / "issue.md"
    path.write_text(text, encoding="utf-8")
    return subprocess.run([IMPACT, "from-issue", str(path), "--root", str(root), *args], capture_output=True,
                          text=True, check=False)


def test_the_form_and_the_parser_share_their_labels() -> None:
    form = YAML(typ="safe").load(FORM.read_text(encoding="utf-8"))
    labels = {item["attributes"]["label"] for item in form["body"] if item["type"] != "markdown"}
    assert labels == set(LABELS)


def test_a_complete_issue_becomes_a_valid_file(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    done = run(root, body(), "--write")
    assert done.returncode == 0, done.stdout + done.stderr
    written = root / done.stdout.strip()
    assert written.name == "fictional-coalition-for-clean-rivers-example.yml"
    check = subprocess.run([IMPACT, "validate", str(written), "--root", str(root)], capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0, check.stdout
    data = YAML(typ="safe").load(written.read_text())
    assert data["themes"] == ["climate-environment", "global-governance-reform"]
    assert data["maintainers"] == ["example-volunteer", "example-second"]
    assert data["contact"] == {"email": "rivers@example.org", "public": False}
    assert run(root, body(), "--write").returncode == 1  # the id is taken now: said on the issue, not overwritten


def test_an_incomplete_issue_gets_a_comment_saying_what_to_fix(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    done = run(root, body(Summary="_No response_", Members="Lonely Org (example) | KE",
                          **{"Work plan": "2024-13-45 | Impossible date",
                             "Commitments": "- [ ] We commit to transparency"}))
    assert done.returncode == 1
    assert "Almost there" in done.stdout and "Traceback" not in done.stderr
    assert "**summary**" in done.stdout
    assert "needs at least name \\| country code" in done.stdout  # Markdown-escaped on the issue
    assert "calendar date" in done.stdout
    assert "commitments" in done.stdout


def test_hostile_text_stays_inert_text(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    hostile = body(**{"Coalition name": "Evil &anchor !!python/object:os.system *alias [x]: {y}",
                      "Summary": "key: value\n---\n!!python/object/apply:os.system ['echo pwned'] " + "long " * 100,
                      "Acronym": "'; DROP"})
    done = run(root, hostile)
    assert done.returncode == 0, done.stdout
    data = YAML(typ="safe").load(done.stdout)
    assert data["name"] == "Evil &anchor !!python/object:os.system *alias [x]: {y}"
    assert data["summary"].startswith("key: value --- !!python/object/apply:os.system")
    assert re.fullmatch(r"[a-z0-9-]+", data["id"])


def test_unknown_headings_and_huge_bodies_are_ignored() -> None:
    parsed = sections("### Not a field\n\nwhatever\n\n### Acronym\n\nFCCR\n" + "x" * 100_000)
    assert list(parsed) == ["acronym"]
    assert parsed["acronym"].startswith("FCCR\nxxx") and len(parsed["acronym"]) < 65_536  # read up to GitHub's limit
    assert entry_from_issue("").coalition_id == ""

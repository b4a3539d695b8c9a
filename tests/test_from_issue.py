"""`impact from-issue`: issue-form bodies, as GitHub renders them, into coalition files."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.form.questions import DATA_LICENCE
from generator.intake.checks import read_rules
from generator.intake.entry import coalition_document, coalition_yaml
from generator.intake.from_issue import COMMENT_MARKER, MAX_BODY
from generator.intake.issue_body import LABELS, IssueEntry, entry_from_issue, sections
from generator.reference import THEME_LABELS
from generator.registry.load import load_text
from generator.settings import make_settings

from .support.cli import IMPACT
from .support.issue_form import COMPLETE, FORM, body
from .support.registry import CHECKOUT, make_root

RULES = read_rules(make_settings(CHECKOUT))


def run(root: Path, text: str, *args: str) -> subprocess.CompletedProcess[str]:
    path = root / "issue.md"
    path.write_text(text, encoding="utf-8", newline="")
    return subprocess.run([IMPACT, "from-issue", str(path), "--root", str(root), *args], capture_output=True,
                          text=True, check=False)


def read_issue(text: str) -> IssueEntry:
    """The answers an issue body gives, read with the checkout's schema."""
    return entry_from_issue(text, RULES)


def data(entry: IssueEntry) -> dict[str, Any]:
    """The entry as its file holds it."""
    return coalition_document(entry.answers)


def strict(text: str) -> dict[str, object]:
    """Read YAML as the registry does: anchors, aliases and tags would be problems, not objects."""
    loaded = load_text(text, "x.yml")
    assert loaded.document is not None, loaded.problems
    return loaded.document.data


def test_the_form_and_the_parser_share_their_labels() -> None:
    form = YAML(typ="safe").load(FORM.read_text(encoding="utf-8"))
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    assert [item["attributes"]["label"] for item in fields] == list(LABELS)
    assert len({item["id"] for item in fields}) == len(fields)
    themes = next(item for item in fields if item["attributes"]["label"] == "Themes")
    assert themes["attributes"]["options"] == list(THEME_LABELS.values())
    commitments = next(item for item in fields if item["attributes"]["label"] == "Commitments")
    assert [o.get("required") for o in commitments["attributes"]["options"]] == [True, True, True]
    assert form["labels"] == ["register-coalition"]


def test_a_complete_issue_becomes_a_file_that_passes_impact_validate(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    done = run(root, body(), "--write", "--author", "Issue-Opener")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "registry/coalitions/fictional-coalition-for-clean-rivers-example.yml\n"
    written = root / done.stdout.strip()
    check = subprocess.run([IMPACT, "validate", str(written), "--root", str(root)], capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0, check.stdout
    assert "eligible" in check.stdout
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/coalition.schema.json\n")
    data = strict(text)
    assert data["summary"] == "A fictional coalition that pushes for river basin commissions with a civil " \
        "society seat."
    assert data["themes"] == ["climate-environment", "global-governance-reform"]
    assert data["objectives"] == ["Give river communities a seat in basin commissions.",
                                  "Publish a yearly basin report."]
    assert data["members"][2] == {"name": "Sample Andes Women (example)", "country": "PE", "sector": "civil-society",
                                  "constituency": "women"}
    assert data["workplan"][1] == {"date": "2025-03-22", "title": "Statement on World Water Day",
                                   "description": "With partners"}
    assert data["maintainers"] == ["Issue-Opener", "example-volunteer", "example-second"]
    assert data["contact"] == {"email": "rivers@example.org", "public": False}
    assert data["engagement"] == {"member_states": COMPLETE["Plan to engage Member States"]}

    again = run(root, body(), "--write")  # the id is taken now: said on the issue, the file is left alone
    assert again.returncode == 1
    assert "registered already" in again.stdout and "| Identifier \\(optional\\) |" in again.stdout
    assert written.read_text(encoding="utf-8") == text


def test_without_write_the_yaml_is_printed_and_nothing_is_written(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    done = run(root, body(**{"Identifier (optional)": "Clean Rivers", "Show the e-mail on the site": "- [X] Show"}))
    assert done.returncode == 0, done.stdout
    data = strict(done.stdout)
    assert data["id"] == "clean-rivers" and data["contact"]["public"] is True
    assert data["maintainers"] == ["example-volunteer", "example-second"]
    assert list((root / "registry" / "coalitions").iterdir()) == []


def test_an_incomplete_issue_gets_a_markdown_comment_per_form_field(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    done = run(root, body(Summary="_No response_", Themes="Health, Sports",
                          Members="Lonely Org (example) | KE\nFine Org (example) | KE | civil-society | ngos\n"
                                  "Third Org (example) | IND | academia | education-academia",
                          **{"Work plan": "2024-13-45 | Impossible date\nnot a date",
                             "Contact e-mail": "_No response_",
                             "Commitments": "- [ ] We commit to transparency\n- [X] We commit to accountability\n"
                                            "- [X] We commit to inclusivity"}), "--write")
    assert done.returncode == 1 and done.stderr == ""
    comment = done.stdout
    assert comment.startswith(COMMENT_MARKER + "\n### Almost there")
    rows = [line for line in comment.splitlines() if line.startswith("| ") and not line.startswith("| Form")]
    fields = [row.split(" | ")[0].removeprefix("| ") for row in rows]
    assert fields == ["Summary", "Themes", "Members, line 1", "Members, line 3", "Work plan, line 1",
                      "Work plan, line 2", "Contact e-mail", "Commitments"]
    assert "needs at least: name \\| country code \\| sector" in comment  # Markdown-escaped inside the table
    assert "“Sports” is not one of the themes" in comment
    assert "country: 'IND'" in comment and "ISO 3166" in comment
    assert "not a real calendar date" in comment
    assert "tick “We commit to transparency”" in comment
    assert list((root / "registry" / "coalitions").iterdir()) == []  # nothing written while problems remain


def test_a_name_without_latin_letters_asks_for_an_identifier(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    done = run(root, body(**{"Coalition name": "تحالف الأنهار النظيفة"}))
    assert done.returncode == 1
    assert "| Coalition name | the page address is made from the name" in done.stdout
    assert done.stdout.count("| Identifier") == 0  # said once, not again as a schema error on the id
    fixed = run(root, body(**{"Coalition name": "تحالف الأنهار النظيفة", "Identifier (optional)": "clean-rivers"}))
    assert fixed.returncode == 0, fixed.stdout
    assert strict(fixed.stdout)["name"] == "تحالف الأنهار النظيفة"


def test_hostile_text_stays_inert_text(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    name = "Evil &anchor *alias !!python/object:os.system [x]: {y} # not a comment"
    summary = "key: value\n---\n!!python/object/apply:os.system ['echo pwned']\n... <<: *alias " + "long " * 100
    hostile = body(**{
        "Coalition name": name, "Summary": summary, "Acronym": "'; DROP",
        "Objectives": "- &a !!binary aGVsbG8= is an objective\n- *a is an alias, not an objective",
        "Members": "Norway Org (example) | NO | civil-society | ngos\n"
                   "!!python/object/new:os.system [ls] | KE | civil-society | women\n"
                   "Yes Org (example) | IN | civil-society | children-youth\n"
                   "On Org (example) | BR | academia | education-academia\n"
                   "Null Org (example) | PL | think-tank | science-technology",
        "Plan to engage Member States": "{{ github.token }} ${{ secrets.X }} $(rm -rf /) `id`",
        "GitHub user names of the maintainers": "example-volunteer"})
    done = run(root, hostile, "--write")
    assert done.returncode == 0, done.stdout
    text = (root / done.stdout.strip()).read_text(encoding="utf-8")
    data = strict(text)
    assert data["name"] == name
    assert data["summary"].startswith("key: value --- !!python/object/apply:os.system ['echo pwned'] ... <<:")
    assert data["objectives"] == ["&a !!binary aGVsbG8= is an objective", "*a is an alias, not an objective"]
    assert data["members"][0]["country"] == "NO" and "NO" not in text.replace("'NO'", "")  # quoted for YAML 1.1
    assert data["members"][1]["name"] == "!!python/object/new:os.system [ls]"
    assert YAML(typ="safe").load(text) == data  # another YAML reader sees the same plain text
    check = subprocess.run([IMPACT, "validate", str(root / done.stdout.strip()), "--root", str(root)],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout


def test_hostile_text_in_the_comment_is_escaped(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    done = run(root, body(**{"Coalition name": "<img src=x onerror=alert(1)> @everyone [click](https://evil.example)",
                             "Members": "<script>alert(1)</script> | XX | civil-society | ngos",
                             "Summary": "short"}))
    assert done.returncode == 1
    assert not re.search(r"(?<!\\)<(img|script)", done.stdout)  # \< shows a literal <, never a tag
    assert "\\<img" in done.stdout and "](https" not in done.stdout
    assert "@everyone" not in done.stdout  # no mentions from the bot's comment


def test_very_long_values_and_bodies_are_refused_quickly(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    started = time.monotonic()
    done = run(root, body(**{"Coalition name": "N" * 5_000, "Objectives": "An objective\n" * 60}))
    assert done.returncode == 1
    assert "| Coalition name | name is 5000 characters long; it may have at most 150" in done.stdout
    assert "| Objectives | 60 lines: list at most 50 objectives" in done.stdout
    huge = run(root, body(Summary="x" * (MAX_BODY * 4)))
    assert huge.returncode == 1
    assert "longer than 65536 characters" in huge.stdout
    assert len(huge.stdout) < 5_000  # problems quote at most a short piece of the text
    assert time.monotonic() - started < 20


def test_sections_as_github_renders_them() -> None:
    parsed = sections("### Not a field\n\nwhatever\n\n### Acronym\n\nFCCR\n\n### Summary\n\n_No response_\n\n"
                      "### Acronym\n\nSECOND\n\n### Objectives\n\nOne\n### Not a field\nTwo\n")
    assert parsed == {"acronym": "FCCR", "summary": "", "objectives": "One\n### Not a field\nTwo"}
    assert read_issue("").coalition_id == ""


def test_members_and_work_plan_lines_are_read_generously() -> None:
    entry = read_issue(body(
        Members="| Name | Country | Sector | Constituency |\n|---|---|---|---|\n"
                "| Table Org (example) | ke | Think tank | Science and technology |\n"
                "- Bullet Org (example) | Brazil | academia | education-academia\n"
                "1. Numbered Org (example) | FJ | civil-society | women\n"
                "Too | Many | Parts | Here | Really",
        Themes="- [X] Health\n- [ ] Human rights\n- [x] Peace and security",
        **{"Work plan": "* 2025-01-01 | New year | With a note | and more"}))
    assert [m["name"] for m in data(entry)["members"]] == ["Table Org (example)", "Bullet Org (example)",
                                                         "Numbered Org (example)"]
    assert data(entry)["members"][0] == {"name": "Table Org (example)", "country": "KE", "sector": "think-tank",
                                        "constituency": "science-technology"}
    assert data(entry)["members"][1]["country"] == "BR"
    assert [(n.field, n.line) for n in entry.notes] == [("Members", 6)]
    assert entry.lines["members"] == (3, 4, 5)
    assert data(entry)["themes"] == ["health", "peace-security"]
    assert data(entry)["workplan"] == [{"date": "2025-01-01", "title": "New year",
                                       "description": "With a note | and more"}]


def test_control_and_direction_characters_are_dropped() -> None:
    entry = read_issue(body(**{"Coalition name": "Clean\x00 Rivers\u202e (example)\x1b[31m"}))
    assert data(entry)["name"] == "Clean Rivers (example)[31m"
    assert "\\e" not in coalition_yaml(entry.answers) and "\\0" not in coalition_yaml(entry.answers)


def test_standard_input_is_read_with_a_dash(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    done = subprocess.run([IMPACT, "from-issue", "-", "--root", str(root)], input=body(), capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout
    assert strict(done.stdout)["acronym"] == "FCCR"
    missing = subprocess.run([IMPACT, "from-issue", str(root / "nope.md"), "--root", str(root)],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def rows(comment: str) -> dict[str, str]:
    """The comment's table: form field (and line) → what to fix, as Markdown."""
    found = [line.removeprefix("| ").removesuffix(" |").split(" | ", 1) for line in comment.splitlines()
             if line.startswith("| ") and not line.startswith("| Form field")]
    return {field: fix for field, fix in found}


def test_user_names_are_split_on_commas_and_line_breaks_only(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    names = "GitHub user names of the maintainers"
    done = run(root, body(**{names: "@friend-one, Another Person"}), "--author", "Issue-Opener")
    assert done.returncode == 1
    assert rows(done.stdout) == {names: "'Another Person' is not a GitHub user name — user names have no spaces: "
                                        "separate several with commas; a user name has 1 to 39 letters, digits and "
                                        "single hyphens, not at its start or end, e.g. example-volunteer"}
    for bad in ("-friend", "friend--one", "f" * 40):
        assert f"'{bad}' is not a GitHub user name" in run(root, body(**{names: bad})).stdout
    fine = run(root, body(**{names: "friend-one\n@example-second,https://github.com/example-third/"}),
               "--author", "Issue-Opener")
    assert fine.returncode == 0, fine.stdout
    assert strict(fine.stdout)["maintainers"] == ["Issue-Opener", "friend-one", "example-second", "example-third"]


def test_member_lines_take_every_field_of_the_member_syntax(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    members = COMPLETE["Members"] + "\nExample Harbour Forum (example) | HK | civil-society | other | " \
        "region=asia-pacific | constituency_other=Port workers\nFictional Ocean Alliance (example) | Kenya | think " \
        "tank | youth | scope=global | primary_region=Latin America | role=lead | website=https://example.org"
    done = run(root, body(Members=members, Themes="Climate, Global governance reform"))
    assert done.returncode == 0, done.stdout
    data = strict(done.stdout)
    assert data["themes"] == ["climate-environment", "global-governance-reform"]
    assert data["members"][5:] == [
        {"name": "Example Harbour Forum (example)", "country": "HK", "sector": "civil-society", "constituency": "other",
         "constituency_other": "Port workers", "region": "asia-pacific"},
        {"name": "Fictional Ocean Alliance (example)", "country": "KE", "sector": "think-tank",
         "constituency": "children-youth", "scope": "global", "primary_region": "latin-american-caribbean",
         "website": "https://example.org", "role": "lead"}]


def test_every_problem_of_a_member_line_is_said_at_once_by_line_and_part(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    done = run(root, body(Members=COMPLETE["Members"] + "\n\nExample Harbour Forum (example) | HK | civil society | "
                                                        "other | scope=global\nExample Org (example) | XX | hobby | "
                                                        "youth | regoin=asia"))
    assert done.returncode == 1
    found = rows(done.stdout)
    assert list(found) == ["Members, line 7", "Members, line 8"]
    assert found["Members, line 7"] == (
        "constituency\\_other: with constituency other, say in your own words which constituency it is: add \\| "
        "constituency\\_other=…, e.g. constituency\\_other=Port workers; primary\\_region: a global organisation "
        "\\(scope=global\\) counts in the UN Regional Group where it mainly works: add \\| primary\\_region=…, one of: "
        "african, asia-pacific, eastern-european, latin-american-caribbean, western-european-others; region: Hong "
        "Kong \\(HK\\) belongs to no UN Regional Group, so say which group the organisation counts in: add \\| "
        "region=…, one of: african, asia-pacific, eastern-european, latin-american-caribbean, western-european-others")
    assert found["Members, line 8"].startswith("part 2, country: 'XX' is not an ISO 3166 country code")
    assert "; part 3, sector: 'hobby' is not a sector" in found["Members, line 8"]
    assert "; part 5: a member line has no 'regoin=' — did you mean region=?" in found["Members, line 8"]
    assert "/members" not in done.stdout and "members\\[" not in done.stdout  # the form's terms, no YAML pointers
    assert "region=…, primary\\_region=…, scope=…, constituency\\_other=…, role=…, website=…" in done.stdout


@pytest.mark.parametrize("answer", [f"- [ ] {DATA_LICENCE.text}", "_No response_", None],
                         ids=["unticked", "no-response", "section-removed"])
def test_without_agreeing_to_the_data_licence_no_pull_request_is_opened(tmp_path: Path, answer: str | None) -> None:
    root = make_root(tmp_path / "repo")
    text = body(**({"Data licence": answer} if answer else {}))
    if answer is None:
        text = text[:text.index("### Data licence")]
    done = run(root, text, "--write", "--author", "Issue-Opener")
    assert done.returncode == 1 and done.stderr == ""
    assert rows(done.stdout) == {"Data licence": "tick “I agree to publish what this form contains under the "
                                                 "registry's data licence, CC BY 4.0” — every entry is published as "
                                                 "open data that anyone may reuse, so the registry can take none "
                                                 "without this agreement"}
    assert list((root / "registry" / "coalitions").iterdir()) == []  # nothing written, so no pull request
    ticked = run(root, body(), "--write", "--author", "Issue-Opener")
    assert ticked.returncode == 0, ticked.stdout

"""The pull request's comment previews each changed coalition as its page will read (issue #17, item 4):
generator/pullrequest/preview.py and changes.py through the judge (generator/pullrequest/judge.py), on real git
repositories — an edited entry with what changed, a new entry, a file with errors, hostile text made inert, and
previews that fit the comment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.pullrequest.changes import entry_changes
from generator.pullrequest.judge import COMMENT_LIMIT, MARKER, Verdict, assemble_comment, judge, verdict_markdown
from generator.pullrequest.preview import CUT, HEADING, MAX_BYTES, MAX_PREVIEWS, MAX_ROWS

from .support.git import git, without_user_configuration
from .support.registry import coalition_text, make_root

OCEAN = "registry/coalitions/ocean.yml"
NEW_MEMBER = ("  - name: Test City Council (example)\n    country: PL\n    sector: local-government\n"
              "  - name: New Harbour Trust (example)\n    country: CL\n    sector: civil-society\n"
              "    constituency: ngos\n")


@pytest.fixture(autouse=True)
def quiet_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_user_configuration(tmp_path, monkeypatch)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_root(tmp_path / "repo", {"ocean.yml": coalition_text("ocean", ["ocean-keeper"])})
    (root / "registry" / "maintainers.yml").write_text("maintainers: [registry-lead]\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")
    return root


def edit(root: Path, old: str, new: str, path: str = OCEAN) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, old
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def judged(root: Path, author: str = "ocean-keeper") -> Verdict:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")
    found = judge(root, "main", "HEAD", author)
    assert found.failure is None, found.failure
    return found


def section(preview: str, title: str) -> str:
    """The lines of a preview from a bold title to the next blank line after its list or table."""
    return preview.split(f"**{title}")[1].split("\n\n", 2)[1]


def test_an_edited_entry_shows_what_changed_and_its_page(repo: Path) -> None:
    edit(repo, "acronym: ECOF", "acronym: OCN")
    edit(repo, "  - name: Test City Council (example)\n    country: PL\n    sector: local-government\n", NEW_MEMBER)
    edit(repo, '  - date: "2025-06-30"\n    title: First yearly review published\n',
         '  - date: "2027-03-01"\n    title: Regional hearings\n')
    edit(repo, "offers:\n", "status_note: Looking for a host for the hearings.\noffers:\n")
    preview = judged(repo).preview_markdown
    assert preview.startswith(HEADING + "\n")
    assert "### Example Coalition for Ocean Futures (OCN)\n\n`registry/coalitions/ocean.yml` · page " \
        "`coalitions/ocean/`" in preview
    changes = section(preview, "Changed since the base version:").splitlines()
    assert changes == ["- `acronym`: changed — ECOF → OCN",
                       "- `members`: 1 added — New Harbour Trust \\(example\\)",
                       "- `workplan`: 1 added — 2027-03-01 Regional hearings",
                       "- `workplan`: 1 removed — 2025-06-30 First yearly review published",
                       "- `status_note`: added — Looking for a host for the hearings."]
    assert "> A fictional coalition used in the registry's tests" in preview
    assert "**Status: Meets ImPACT criteria** — 4 of 4 ImPACT criteria met" in preview
    members = section(preview, "Members (7)**").splitlines()
    assert members[0] == "| Organisation | Country | UN Regional Group | Sector | Constituency |"
    assert "| New Harbour Trust \\(example\\) | Chile | Latin American and Caribbean Group \\(GRULAC\\) | Civil " \
        "society organisation | Non-Governmental Organization Major Group |" in members
    assert "| Placeholder Ocean Institute \\(example\\) | Germany | Western European and Others Group \\(WEOG\\) " \
        "(primary region of a global organisation) |" in "\n".join(members)
    assert "| Test City Council \\(example\\) | Poland | Eastern European Group | Local government | — |" in members
    # The work plan as a timeline, by date, with today (SOURCE_DATE_EPOCH: 2026-09-21) where it falls.
    assert section(preview, "Work plan").splitlines() == [
        "- ✅ `2024-06-15` **First coalition call** (done)",
        "- ✅ `2024-09-20` **Statement at the Action Days of the Summit of the Future** (done)",
        "- ▶️ *today, 2026-09-21*",
        "- 🗓️ `2027-03-01` **Regional hearings** (planned)"]
    assert section(preview, "Looking for").splitlines() == [
        "- **partners**: Partners from the Eastern European Group. (from: Eastern European Group)"]
    assert section(preview, "Offering").splitlines() == ["- **expertise**: Community consultation methods."]


def test_a_new_entry_is_previewed_whole(repo: Path) -> None:
    (repo / "registry" / "coalitions" / "river.yml").write_text(coalition_text("river", ["newcomer"]), "utf-8")
    found = judged(repo, "newcomer")
    preview = found.preview_markdown
    assert "`registry/coalitions/river.yml` · page `coalitions/river/`" in preview
    assert "**New entry**: its page appears once it is merged." in preview
    assert "Changed since the base version" not in preview and "ocean.yml" not in preview
    assert len([line for line in section(preview, "Members (6)**").splitlines() if line.startswith("| ")]) == 7
    comment = assemble_comment(verdict_markdown(found), found.report_markdown + "\n" + preview)
    assert "### 👀 Reviewed by the registry maintainers" in comment
    assert "registry/coalitions/river.yml is new: new entries and new files are not updates" in comment.replace(
        "\\", "")
    assert comment.index("ImPACT Coalitions Registry check") < comment.index(HEADING)  # what blocks first


def test_an_update_says_it_merges_itself_and_how_to_stop_it(repo: Path) -> None:
    edit(repo, "acronym: ECOF", "acronym: OCN")
    found = judged(repo)
    verdict = verdict_markdown(found)
    assert verdict.startswith("## ✅ Registry verdict: accepted") and "review it next" not in verdict
    assert "### 🤖 This pull request merges itself" in verdict and "`/hold`" in verdict


def test_layout_only_and_files_with_errors(repo: Path) -> None:
    edit(repo, "acronym: ECOF", "acronym: ECOF  # the short name")
    (repo / "registry" / "coalitions" / "broken.yml").write_text(
        coalition_text("broken", ["ocean-keeper"]).replace("country: KE", "country: XX"), encoding="utf-8")
    preview = judged(repo).preview_markdown
    assert "**No field changes**: only the file's layout or comments differ from the base version." in preview
    assert "### `registry/coalitions/broken.yml`\n\nThe preview appears once this file has no errors" in preview


def test_changes_compare_values_not_layout() -> None:
    old = {"members": [{"name": "A", "country": "KE"}, {"name": "B", "country": "IN"}],
           "engagement": {"member_states": "Brief the missions.", "un_agencies": "Share the review."},
           "themes": ["x", "y"], "summary": "Old words " * 20}
    new = {"themes": ["y", "x", "z"], "summary": "New words " * 20,
           "members": [{"country": "IN", "name": "B"}, {"name": "A", "country": "FJ"}, {"name": "C", "country": "DE"}],
           "engagement": {"member_states": "Brief the missions.", "support_needed": "Travel."}}
    assert [(c.field, c.describe()) for c in entry_changes(old, new)] == [
        ("themes", "1 added — z"),
        ("summary", "changed — 200 characters → 200 characters"),
        ("members", "1 changed — A"),
        ("members", "1 added — C"),
        ("engagement.support_needed", "added — Travel."),
        ("engagement.un_agencies", "removed — Share the review.")]
    assert entry_changes(new, new) == []


HOSTILE = {
    "name": "<img src=x onerror=alert(1)> @octo-org/team [click](https://evil.example.org)",
    "acronym": "<b>&#64;x</b>",
    "member": "Evil | Row | Breaker <script>alert(1)</script> ＠someone ![i](https://evil.example.org/i.png)",
    "milestone": "`code` **bold** <!-- impact-registry-report --> &commat;team",
    "need": "# heading <details open>@everyone</details> [x]: https://evil.example.org",
    "offer": "<a href=\"https://evil.example.org\">click</a> ~~gone~~ _under_",
}


def test_hostile_entry_text_is_inert(repo: Path) -> None:
    text = coalition_text("ocean", ["ocean-keeper"])
    for old, new in (("name: Example Coalition for Ocean Futures", f"name: '{HOSTILE['name']}'"),
                     ("acronym: ECOF", f"acronym: '{HOSTILE['acronym']}'"),
                     ("  - name: Test City Council (example)", f"  - name: '{HOSTILE['member']}'"),
                     ("    title: First yearly review published", f"    title: '{HOSTILE['milestone']}'"),
                     ("    description: Partners from the Eastern European Group.",
                      f"    description: '{HOSTILE['need']}'"),
                     ("    description: Community consultation methods.", f"    description: '{HOSTILE['offer']}'")):
        assert old in text, old
        text = text.replace(old, new, 1)
    (repo / OCEAN).write_text(text, encoding="utf-8")
    found = judged(repo)
    assert found.report_ok, found.report_markdown
    preview = found.preview_markdown
    assert "Changed since the base version" in preview and "Evil" in preview  # previewed, not refused
    comment = assemble_comment(verdict_markdown(found), found.report_markdown + "\n" + preview)
    assert comment.count(MARKER) == 1  # the entry cannot fake the marker
    for text in (preview, comment.split(HEADING)[1]):
        assert re.search(r"(?<!\\)<", text) is None  # no tag, no comment: every < escaped
        assert re.search(r"(?<!\\)\]\(", text) is None and "](" not in text  # no link, no image
        assert re.search(r"[@＠](?!\u200b)", text) is None and "&#64;" not in text and "&commat;" not in text
        assert re.search(r"^\s*#", "\n".join(line for line in text.splitlines() if "heading" in line), re.M) is None
    row = next(line for line in preview.splitlines() if line.startswith("| Evil"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 6  # the member's name cannot add a column or a row
    assert "https://evil.example.org" in preview  # the address stays, as the plain text the entry holds


def test_previews_fit_the_comment(repo: Path) -> None:
    members = "".join(f"  - name: Member organisation number {i:03d} " + "with a long name " * 6 + "(example)\n"
                      "    country: KE\n    sector: civil-society\n    constituency: ngos\n" for i in range(120))
    milestones = "".join(f'  - date: "2027-01-{i + 1:02d}"\n    title: Step {i} ' + "of a long plan " * 9 + "\n"
                         "    description: " + "A long description of the step. " * 9 + "\n" for i in range(28))
    for number in range(MAX_PREVIEWS + 2):
        text = coalition_text(f"big-{number}", ["newcomer"])
        start = text.index("members:\n") + len("members:\n")
        text = text[:start] + members + text[start:]
        start = text.index("workplan:\n") + len("workplan:\n")
        (repo / "registry" / "coalitions" / f"big-{number}.yml").write_text(text[:start] + milestones + text[start:],
                                                                          encoding="utf-8")
    found = judged(repo, "newcomer")
    preview = found.preview_markdown
    previews = preview.split("\n### ")[1:]
    assert len(previews) == MAX_PREVIEWS
    assert "*2 more changed coalition files not previewed here.*" in previews[-1]
    for one in previews:
        assert len(one.encode("utf-8")) <= MAX_BYTES
        assert f"*… and {126 - MAX_ROWS} more members (the page shows every one).*" in one
        assert CUT in one and "**Work plan**" in one  # the members table whole, the work plan cut at a line
    comment = assemble_comment(verdict_markdown(found), found.report_markdown + "\n" + preview,
                               full_report_at="https://github.example.org/org/registry/runs/1")
    assert len(found.report_markdown.encode("utf-8")) + len(preview.encode("utf-8")) > COMMENT_LIMIT
    assert len(comment.encode("utf-8")) <= COMMENT_LIMIT
    assert comment.startswith(f"{MARKER}\n## ✅ Registry verdict: accepted")
    assert HEADING in comment and "cut" in comment.rstrip("\n").splitlines()[-1]

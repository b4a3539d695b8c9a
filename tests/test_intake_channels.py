"""Every way in gives the same coalition file: the register page (in Chromium), `impact from-issue` and
`impact new`, compared with the one writer of new files (generator/intake/entry.py) for the same answers.

The page writes its own YAML (register.js) and the two commands write through the writer: all three give its
text, byte for byte, and the file passes `impact validate`. Among the members are one in a territory outside every
UN Regional Group (it states its region), a global one (its primary region) and one whose constituency is
"other" (in its own words): each way in writes them with the member fields of the one member syntax.

What a channel cannot say is left out of the answers it gets: `impact new` asks for no acronym and no choice to
show the e-mail, and starts the file with every engagement plan (blank when not given) and comments on the
criteria; the page has no contact page; neither the page nor the issue form has a plan for UN Country Teams of
its own or a member's youth_led; the page has no milestone description (the issue form has).

And the three files, each under its own id, go together through `impact validate` and a real `impact build`: each
coalition gets its page, its place in the directory and in the open data.
"""

from __future__ import annotations

import html
import json
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.intake.entry import Answers, Engagement, Member, Milestone, coalition_yaml
from generator.intake.member_line import EXTRAS
from generator.reference import THEME_LABELS
from generator.registry.load import load_text

from .support.cli import IMPACT, impact
from .support.git import git_commit_all
from .support.issue_form import body
from .support.register_page import on_the_page, validated
from .support.registry import checkout_criteria, make_root
from .support.sites import BuiltSite, served

pytestmark = pytest.mark.browser

# Fictional answers every channel can give. Themes are in the schema's order: the page lists what is ticked in
# the order of its boxes.
SHARED = Answers(
    id="fictional-channels-coalition", name='Fictional "Quotes" & Colons: Channels Coalition (example)',
    summary="A fictional coalition registered every way there is: #hash, key: value, - dash, and 'quotes'.",
    themes=("climate-environment", "human-rights"),
    objectives=("Show that every way in writes the same file.", "Keep every character: é, ü, 中文, 'quotes'."),
    members=(Member(name="Fictional River Network (example)", country="KE", sector="civil-society",
                    constituency="ngos"),
             Member(name="Yes", country="NO", sector="academia", constituency="education-academia"),
             Member(name="Test Council (example)", country="PL", sector="local-government"),
             Member(name="Fictional Harbour Forum (example)", country="HK", sector="civil-society",
                    constituency="other", constituency_other="Port workers: dockers", region="asia-pacific"),
             Member(name="Fictional Global Alliance (example)", country="CH", sector="think-tank",
                    constituency="science-technology", scope="global", primary_region="african", role="lead",
                    website="https://alliance.example.org/about")),
    engagement=Engagement(member_states="Brief the missions of riparian states before each water conference.",
                          support_needed="Introductions to the UN Country Team in Nairobi: null, on, off."),
    workplan=(Milestone(date="2024-06-01", title="Launch call"),
              Milestone(date="2025-03-22", title="Statement on World Water Day")),
    email="channels@example.org", maintainers=("example-volunteer", "example-second"))
# And what the page and the issue form ask beyond `impact new`.
FULL = replace(SHARED, acronym="FCCC", public=True)


@pytest.fixture(scope="module")
def site_url(shipped_site: BuiltSite) -> Iterator[str]:
    with served(shipped_site.site) as url:
        yield url


def member_line(member: Member, separator: str = " | ") -> str:
    """The member in the one member syntax: name | country | sector | constituency | field=value …"""
    parts = [member.name, member.country, member.sector, member.constituency or ""]
    parts += [f"{name}={getattr(member, name)}" for name in EXTRAS if getattr(member, name)]
    return separator.join(parts)


def issue_body(answers: Answers) -> str:
    """The issue GitHub renders when the form is filled in with the answers."""
    def given(text: str | None) -> str:
        return text or "_No response_"

    return body(**{
        "Coalition name": answers.name, "Identifier (optional)": answers.id, "Acronym": given(answers.acronym),
        "Summary": answers.summary, "Themes": ", ".join(THEME_LABELS[theme] for theme in answers.themes),
        "Objectives": "\n".join(answers.objectives), "Members": "\n".join(map(member_line, answers.members)),
        "Plan to engage Member States": given(answers.engagement.member_states),
        "Plan to engage UN agencies or UN Country Teams": given(answers.engagement.un_agencies),
        "Support needed for that engagement": given(answers.engagement.support_needed),
        "Work plan": given("\n".join(f"{m.date} | {m.title}" for m in answers.workplan)),
        "Contact e-mail": answers.email, "Contact page": given(answers.contact_url),
        "Show the e-mail on the site": f"- [{'X' if answers.public else ' '}] Show the contact e-mail",
        "GitHub user names of the maintainers": ", ".join(answers.maintainers)})


def new_flags(answers: Answers) -> list[str]:
    """`impact new`'s options for the answers."""
    flags = ["--id", answers.id, "--name", answers.name, "--summary", answers.summary, "--theme",
             ",".join(answers.themes), "--email", answers.email, "--commit", "transparency,accountability,inclusivity"]
    flags += [flag for objective in answers.objectives for flag in ("--objective", objective)]
    flags += [flag for m in answers.members for flag in ("--member", member_line(m, "|"))]
    plans = answers.engagement
    flags += [flag for key, plan in (("--member-states", plans.member_states), ("--un-agencies", plans.un_agencies),
                                     ("--support-needed", plans.support_needed)) if plan for flag in (key, plan)]
    flags += [flag for m in answers.workplan for flag in ("--milestone", f"{m.date} | {m.title}")]
    return flags + [flag for handle in answers.maintainers for flag in ("--maintainer", handle)]


def data(text: str) -> dict[str, Any]:
    """The file's data as the registry reads it."""
    loaded = load_text(text, "x.yml")
    assert loaded.document is not None, loaded.problems
    return dict(loaded.document.data)


def test_the_page_and_the_issue_form_give_the_writers_file(site_url: str, tmp_path: Path) -> None:
    written = coalition_yaml(FULL)
    assert on_the_page(site_url, FULL) == written
    root = make_root(tmp_path / "issue")
    (root / "issue.md").write_text(issue_body(FULL), encoding="utf-8", newline="")
    from_issue = subprocess.run([IMPACT, "from-issue", str(root / "issue.md"), "--root", str(root)],
                                capture_output=True, text=True, check=False)
    assert from_issue.returncode == 0, from_issue.stdout
    assert from_issue.stdout == written
    validated(root, FULL.id, written)


def test_impact_new_gives_the_writers_starting_file_of_what_the_page_gives(site_url: str, tmp_path: Path) -> None:
    root = make_root(tmp_path / "new")
    done = impact("new", *new_flags(SHARED), "--root", str(root), cwd=root)
    assert done.returncode == 0, done.stderr
    from_new = (root / "registry" / "coalitions" / f"{SHARED.id}.yml").read_text(encoding="utf-8")
    assert from_new == coalition_yaml(SHARED, checkout_criteria())
    page_text = on_the_page(site_url, SHARED)
    assert page_text == coalition_yaml(replace(SHARED, public=False))  # the page asks whether to show the e-mail
    # What `impact new` adds on purpose: every engagement plan, blank when not given; `public` left to its default.
    started, from_page = data(from_new), data(page_text)
    assert started["engagement"] == {"un_country_teams": "", "un_agencies": "", **from_page["engagement"]}
    assert {**started, "engagement": from_page["engagement"], "contact": {**started["contact"], "public": False}} == \
        from_page
    validated(make_root(tmp_path / "page"), SHARED.id, page_text)


def test_the_files_of_every_channel_are_built_into_the_site(site_url: str, tmp_path: Path) -> None:
    root = make_root(tmp_path / "built")
    coalitions = root / "registry" / "coalitions"
    by_channel = {channel: replace(answers, id=f"{answers.id}-{channel}", name=f"{answers.name} {channel}")
                  for channel, answers in (("page", FULL), ("issue", FULL), ("new", SHARED))}
    page = by_channel["page"]
    (coalitions / f"{page.id}.yml").write_text(on_the_page(site_url, page), encoding="utf-8")
    (root / "issue.md").write_text(issue_body(by_channel["issue"]), encoding="utf-8", newline="")
    from_issue = impact("from-issue", str(root / "issue.md"), "--write", "--root", str(root), cwd=root)
    assert from_issue.returncode == 0, from_issue.stdout
    (root / "issue.md").unlink()
    made = impact("new", *new_flags(by_channel["new"]), "--root", str(root), cwd=root)
    assert made.returncode == 0, made.stderr
    assert sorted(path.stem for path in coalitions.iterdir()) == sorted(a.id for a in by_channel.values())
    git_commit_all(root)  # the registry as it is published: from a repository, its files committed

    checked = impact("validate", "--root", str(root), cwd=root)
    assert checked.returncode == 0, checked.stdout
    built = impact("build", "--root", str(root), cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    site = root / "site"
    directory = (site / "coalitions" / "index.html").read_text(encoding="utf-8")
    records = {record["id"]: record for record in
               json.loads((site / "api" / "coalitions.json").read_text(encoding="utf-8"))["coalitions"]}
    for channel, answers in by_channel.items():
        coalition_page = html.unescape((site / "coalitions" / answers.id / "index.html").read_text(encoding="utf-8"))
        assert f"<h1>{answers.name}" in coalition_page, channel
        assert all(f">{member.name}</" in coalition_page for member in answers.members), channel
        # The e-mail only where the channel's answers chose to show it, and then as harvesters cannot read it.
        assert ("channels [at] example [dot] org" in coalition_page) is bool(answers.public), channel
        assert "channels@example.org" not in coalition_page
        assert f'href="{answers.id}/"' in directory, channel
        assert records[answers.id]["name"] == answers.name, channel
        assert json.loads((site / "api" / f"{answers.id}.json").read_text(encoding="utf-8"))["id"] == answers.id
    assert "channels@example.org" not in (site / "api" / "coalitions.json").read_text(encoding="utf-8")

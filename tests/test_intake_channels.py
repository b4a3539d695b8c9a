"""Every way in gives the same coalition file: the register page (in Chromium), `impact from-issue` and
`impact new`, compared with the one writer of new files (generator/intake/entry.py) for the same answers.

The page writes its own YAML (register.js): it must hold the same data as the writer's, and pass
`impact validate`. The two commands write through the writer: their files are its text, byte for byte.

What a channel cannot say is left out of the answers it gets (issue #14): `impact new` asks for no acronym,
engagement plan, milestone or choice to show the e-mail; the page has no contact page; neither the page nor
the issue form has a constituency in the member's own words, a plan for UN Country Teams of its own, or a
milestone's description (the issue form has; the page has not).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.intake.entry import Answers, Engagement, Member, Milestone, coalition_yaml
from generator.reference import THEME_LABELS
from generator.registry.load import load_text

from .support.browser import browser_page
from .support.cli import IMPACT, impact
from .support.issue_form import body
from .support.registry import checkout_criteria, make_root
from .support.sites import BuiltSite, served

pytestmark = pytest.mark.browser

# Fictional answers every channel can give. Themes are in the schema's order: the page lists what is ticked in
# the order of its boxes. Members hold no constituency of their own words: neither the page nor the issue form
# has a place for one.
SHARED = Answers(
    id="fictional-channels-coalition", name='Fictional "Quotes" & Colons: Channels Coalition (example)',
    summary="A fictional coalition registered every way there is: #hash, key: value, - dash, and 'quotes'.",
    themes=("climate-environment", "human-rights"),
    objectives=("Show that every way in writes the same file.", "Keep every character: é, ü, 中文, 'quotes'."),
    members=(Member(name="Fictional River Network (example)", country="KE", sector="civil-society",
                    constituency="ngos"),
             Member(name="Yes", country="NO", sector="academia", constituency="education-academia"),
             Member(name="Test Council (example)", country="PL", sector="local-government")),
    email="channels@example.org", maintainers=("example-volunteer", "example-second"))
# And what the page and the issue form ask beyond `impact new`.
FULL = replace(
    SHARED, acronym="FCCC", public=True,
    engagement=Engagement(member_states="Brief the missions of riparian states before each water conference.",
                          support_needed="Introductions to the UN Country Team in Nairobi: null, on, off."),
    workplan=(Milestone(date="2024-06-01", title="Launch call"),
              Milestone(date="2025-03-22", title="Statement on World Water Day")))


@pytest.fixture(scope="module")
def site_url(shipped_site: BuiltSite) -> Iterator[str]:
    with served(shipped_site.site) as url:
        yield url


def on_the_page(url: str, answers: Answers) -> str:
    """The YAML the register page gives for the answers."""
    with browser_page() as (browser, watch):
        page: Any = browser
        page.goto(url + "register/")
        fill_page(page, answers)
        page.click("button[type=submit]")
        assert page.locator("#register-output").is_visible(), page.inner_text("#register-summary")
        assert watch.console_errors == [] and watch.foreign_requests == []
        return str(page.input_value("#register-yaml"))


def fill_page(page: Any, answers: Answers) -> None:
    page.fill("#f-name", answers.name)
    page.fill("#f-id", answers.id)
    page.fill("#f-acronym", answers.acronym or "")
    page.fill("#f-summary", answers.summary)
    page.fill("#f-objectives", "\n".join(answers.objectives))
    for theme in answers.themes:
        page.check(f"#f-theme-{theme}")
    for number, member in enumerate(answers.members, 1):
        if number > 1:
            page.click("#add-member")
        page.fill(f"#f-members-name-{number}", member.name)
        page.select_option(f"#f-members-country-{number}", member.country)
        page.select_option(f"#f-members-sector-{number}", member.sector)
        page.select_option(f"#f-members-constituency-{number}", member.constituency or "")
    page.fill("#f-engagement-member-states", answers.engagement.member_states)
    page.fill("#f-engagement-un-agencies", answers.engagement.un_agencies)
    page.fill("#f-engagement-support-needed", answers.engagement.support_needed)
    rows = page.locator("#milestone-rows > .impact-row")
    while rows.count() > len(answers.workplan):
        rows.last.locator(".impact-remove").click()
    while rows.count() < len(answers.workplan):
        page.click("#add-milestone")
    for row, milestone in enumerate(answers.workplan):
        rows.nth(row).locator("[data-field='workplan.date']").fill(milestone.date)
        rows.nth(row).locator("[data-field='workplan.title']").fill(milestone.title)
    page.fill("#f-contact-email", answers.email)
    page.set_checked("#f-contact-public", bool(answers.public))
    page.fill("#f-maintainers", ", ".join(f"@{handle}" for handle in answers.maintainers))
    for commitment in ("transparency", "accountability", "inclusivity"):
        page.check(f"#f-commit-{commitment}")


def issue_body(answers: Answers) -> str:
    """The issue GitHub renders when the form is filled in with the answers."""
    def given(text: str | None) -> str:
        return text or "_No response_"

    members = [" | ".join(filter(None, (m.name, m.country, m.sector, m.constituency))) for m in answers.members]
    return body(**{
        "Coalition name": answers.name, "Identifier (optional)": answers.id, "Acronym": given(answers.acronym),
        "Summary": answers.summary, "Themes": ", ".join(THEME_LABELS[theme] for theme in answers.themes),
        "Objectives": "\n".join(answers.objectives), "Members": "\n".join(members),
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
    flags += [flag for m in answers.members
              for flag in ("--member", "|".join(filter(None, (m.name, m.country, m.sector, m.constituency))))]
    return flags + [flag for handle in answers.maintainers for flag in ("--maintainer", handle)]


def data(text: str) -> dict[str, Any]:
    """The file's data as the registry reads it."""
    loaded = load_text(text, "x.yml")
    assert loaded.document is not None, loaded.problems
    return dict(loaded.document.data)


def passes_validation(root: Path, answers: Answers, text: str) -> None:
    (root / "registry" / "coalitions" / f"{answers.id}.yml").write_text(text, encoding="utf-8")
    done = impact("validate", "--format", "json", "--root", str(root), cwd=root)
    assert done.returncode == 0, done.stdout
    assert [e["ok"] for e in json.loads(done.stdout)["entries"] if e.get("id") == answers.id] == [True]


def test_the_page_and_the_issue_form_give_the_writers_file(site_url: str, tmp_path: Path) -> None:
    written = coalition_yaml(FULL)
    from_page = on_the_page(site_url, FULL)
    assert data(from_page) == data(written)
    root = make_root(tmp_path / "issue")
    (root / "issue.md").write_text(issue_body(FULL), encoding="utf-8", newline="")
    from_issue = subprocess.run([IMPACT, "from-issue", str(root / "issue.md"), "--root", str(root)],
                                capture_output=True, text=True, check=False)
    assert from_issue.returncode == 0, from_issue.stdout
    assert from_issue.stdout == written
    passes_validation(make_root(tmp_path / "page"), FULL, from_page)
    passes_validation(root, FULL, written)


def test_impact_new_gives_the_writers_starting_file_of_what_the_page_gives(site_url: str, tmp_path: Path) -> None:
    root = make_root(tmp_path / "new")
    done = impact("new", *new_flags(SHARED), "--root", str(root), cwd=root)
    assert done.returncode == 0, done.stderr
    from_new = (root / "registry" / "coalitions" / f"{SHARED.id}.yml").read_text(encoding="utf-8")
    assert from_new == coalition_yaml(SHARED, checkout_criteria())
    page_text = on_the_page(site_url, SHARED)
    from_page = data(page_text)
    assert from_page == data(coalition_yaml(replace(SHARED, public=False)))
    # What `impact new` adds on purpose: the engagement plans to fill in, blank; `public` left to its default.
    started = data(from_new)
    assert started["engagement"] == dict.fromkeys(("member_states", "un_country_teams", "un_agencies",
                                                   "support_needed"), "")
    assert {**started, "engagement": {}, "contact": {**started["contact"], "public": False}} == from_page
    passes_validation(make_root(tmp_path / "page"), SHARED, page_text)


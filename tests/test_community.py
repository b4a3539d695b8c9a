"""The hub, statistics and maintainers' pages, and what decisions do to the site, on real builds."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from generator.git import first_added
from generator.insight.coverage import coverage
from generator.insight.matching import partner_matches, partner_requests
from generator.model.objects import Registry
from generator.registry.validate import validate
from generator.settings import make_settings
from generator.site.build import generate, site_config
from generator.site.charts import bar_chart, registrations_by_month
from generator.site.community import hub_page, similar_pairs, stale_coalitions

from .support.git import git_commit_all
from .support.registry import CASES, EXAMPLE, make_root
from .support.sites import BuiltSite, build_in

BRIDGE = """\
schema_version: 1
id: example-bridge-builders
name: "Example Bridge <b>Builders</b> & Co"
summary: A fictional coalition that introduces organisations to each other across regions, for the tests.
themes: [global-governance-reform, culture-faith]
pact_chapters: [V]
objectives:
  - Introduce civil society organisations to partners in other regions.
members:
  - name: Imaginary Bridge Trust (example)
    country: NP
    sector: civil-society
    constituency: volunteers
  - name: Demo Connectors (example)
    country: JM
    sector: civil-society
    constituency: ngos
  - name: Sample Faith Forum (example)
    country: SN
    sector: civil-society
    constituency: farmers
engagement:
  support_needed: Contacts in the permanent missions of small island developing states, to brief them.
workplan:
  - date: "2026-03-01"
    title: First round of introductions
    status: done
  - date: "2026-12-01"
    title: Second round of introductions
exceptions:
  regional-diversity: We work with five more organisations that have not yet agreed to be listed publicly here.
offers:
  - kind: partners
    description: Introductions to partners in the Eastern European Group.
needs:
  - kind: expertise
    description: Someone who knows carbon markets.
    constituencies: [farmers]
support_requested: A meeting room at the next civil society conference, for a partners' fair.
updates:
  - date: "2026-08-15"
    title: "<i>Introductions</i> went well"
    body: Twelve organisations met **online**.
events:
  - date: "2026-11-05"
    title: Partners' fair
    location: online
    url: https://fair.example.org
  - date: "2026-01-10"
    title: A fair long past
resources:
  - title: How to find partners
    url: https://toolkit.example.org
    kind: toolkit
  - title: Annual report 2025
    url: https://report.example.org
    kind: report
  - title: An untyped note
    url: https://note.example.org
contact:
  email: bridge@example.org
maintainers: [example-volunteer]
commitments: {transparency: true, accountability: true, inclusivity: true}
"""

DECISIONS = """\
decisions:
  - coalition: data-commons-alliance
    decision: merged
    merged_into: open-data-commons
    date: "2026-02-01"
    note: The two proposals joined forces.
  - coalition: veto-restraint
    decision: archived
    date: "2026-03-01"
    note: The coalition ended its work.
"""


# The fixtures' commit: before the 12 months of the stale window, so that entries without recent activity are stale.
LONG_AGO = "2024-01-15"


def community_files() -> dict[str, str]:
    files = {p.name: p.read_text(encoding="utf-8") for p in (CASES / "similar").glob("*.yml")}
    files["example-ocean-futures.yml"] = EXAMPLE.read_text(encoding="utf-8")
    files["example-bridge-builders.yml"] = BRIDGE
    return files


@pytest.fixture(scope="module")
def community_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = make_root(tmp_path_factory.mktemp("community") / "repo", community_files())
    (root / "registry" / "decisions.yml").write_text(DECISIONS, encoding="utf-8")
    git_commit_all(root, day=LONG_AGO)
    return build_in(root)


@pytest.fixture
def registry(registry_root) -> Registry:  # type: ignore[no-untyped-def]
    root = registry_root(community_files())
    (root / "registry" / "decisions.yml").write_text(DECISIONS, encoding="utf-8")
    git_commit_all(root, day=LONG_AGO)
    settings = make_settings(root)
    report = validate(settings)
    assert report.ok
    return generate(settings, report, site_config(settings))[0]


def page(site: BuiltSite, name: str) -> str:
    return (site.site / name / "index.html").read_text(encoding="utf-8")


def main_content(html: str) -> str:
    """The page's own content: from its title to the theme's footer."""
    return html[html.index("<h1"):html.index('<footer class="md-footer"')]


# --- decisions ---------------------------------------------------------------------------------------------------


def test_a_merged_coalition_page_points_to_the_one_it_joined(community_site: BuiltSite) -> None:
    merged = page(community_site, "coalitions/data-commons-alliance")
    assert re.search(r'<strong>This coalition has merged</strong> into <a href="\.\./open-data-commons/">'
                     r'Open Data Commons Coalition \(example\)</a> on <time datetime="2026-02-01">2026-02-01</time>\. '
                     r"The two proposals joined forces\.", merged)  # by name, with the decision's date (#14, item 11)
    assert (community_site.site / "coalitions" / "open-data-commons" / "index.html").is_file()
    assert "Status: Merged" in merged


def test_archived_coalitions_leave_the_directory_but_keep_their_pages(community_site: BuiltSite) -> None:
    directory = page(community_site, "coalitions")
    start = directory.index('id="impact-cards"')
    cards = directory[start:directory.index("</ul>", start)]
    assert 'href="veto-restraint/"' not in cards
    assert 'href="data-commons-alliance/"' in cards  # merged coalitions stay listed, marked as merged
    archived = directory[directory.index('id="archived"'):]
    assert '<a href="veto-restraint/">Veto Restraint Initiative (example)</a>' in archived
    kept = page(community_site, "coalitions/veto-restraint")
    assert ('<strong>Archived</strong> on <time datetime="2026-03-01">2026-03-01</time>. The coalition ended its work. '
            "The page stays so that links keep working.") in kept


# --- the learning hub --------------------------------------------------------------------------------------------


def test_the_hub_lists_updates_newest_first_upcoming_items_and_resources(community_site: BuiltSite) -> None:
    hub = main_content(page(community_site, "hub"))
    dates = re.findall(r'<article class="impact-update"><h3><time datetime="([0-9-]+)">', hub)
    assert dates and dates == sorted(dates, reverse=True)
    assert dates[0] == "2026-09-01"
    assert "&lt;i&gt;Introductions&lt;/i&gt; went well" in hub and "<i>Introductions" not in hub
    assert "Twelve organisations met <strong>online</strong>." in hub
    upcoming = hub[hub.index('id="upcoming"'):hub.index('id="updates"')]
    assert re.findall(r'<time datetime="([0-9-]+)">', upcoming) == ["2026-11-05", "2026-12-01"]
    assert 'Event: <a href="https://fair.example.org" rel="nofollow noopener ugc">Partners\' fair</a> (online)' in \
        upcoming.replace("&#39;", "'")
    assert "A fair long past" not in hub
    resources = hub[hub.index('id="resources"'):]
    assert [h for h in re.findall(r"<h3[^>]*>([^<]+)</h3>", resources)] == ["Reports", "Toolkits", "Other material"]
    assert 'href="../feed/updates.atom"' in hub and 'href="../feed/events.ics"' in hub
    assert (community_site.site / "feed" / "updates.atom").is_file()
    assert (community_site.site / "feed" / "events.ics").is_file()


def test_the_home_page_keeps_the_latest_updates_and_links_the_hub_and_feeds(community_site: BuiltSite) -> None:
    home = (community_site.site / "index.html").read_text(encoding="utf-8")
    assert "<h2>Latest updates</h2>" in home
    assert 'href="hub/"' in home and 'href="feed/updates.atom"' in home and 'href="feed/events.ics"' in home


def test_hub_page_context_counts_and_caps(registry: Registry) -> None:
    hub = hub_page(registry)
    assert [u.date for u, _ in hub.updates] == sorted((u.date for u, _ in hub.updates), reverse=True)
    assert [h.kind for h in hub.upcoming] == ["event", "milestone"]
    assert hub.older_updates == 0 and hub.later_upcoming == 0


# --- statistics --------------------------------------------------------------------------------------------------


def test_stats_charts_are_accessible_svg_files_with_tables(community_site: BuiltSite) -> None:
    stats = main_content(page(community_site, "stats"))
    charts = re.findall(r'<img src="([a-z-]+\.svg)" alt="Bar chart: ([^"]+)"', stats)
    assert [c[0] for c in charts] == ["members-by-region.svg", "members-by-constituency.svg",
                                      "coalitions-by-theme.svg", "coalitions-by-chapter.svg",
                                      "coalitions-by-status.svg", "registrations.svg"]
    for name, _ in charts:
        svg = (community_site.site / "stats" / name).read_text(encoding="utf-8")
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        assert "<script" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert stats.count("<table>") == 6
    status = (community_site.site / "stats" / "coalitions-by-status.svg").read_text(encoding="utf-8")
    assert "Meets ImPACT criteria: 2; Forming: 6; Shortlisted: 0; Merged: 1; Archived: 1." in status
    assert "<td>Eastern European Group</td><td>2</td>" in stats
    assert "could not read" not in stats  # the fixture's registry is a git repository: dates are known


def test_registrations_come_from_one_pass_over_the_git_history(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8")})
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org"}

    def commit(day: str) -> None:
        dated = {**env, "GIT_AUTHOR_DATE": f"{day}T12:00:00Z", "GIT_COMMITTER_DATE": f"{day}T12:00:00Z"}
        subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=dated)
        subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", day], check=True, env=dated)

    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=env)
    commit("2024-05-10")
    bridge = root / "registry" / "coalitions" / "example-bridge-builders.yml"
    bridge.write_text(BRIDGE, encoding="utf-8")
    commit("2024-08-02")
    bridge.write_text(BRIDGE.replace("Partners' fair", "Partners' fair 2026"), encoding="utf-8")  # an edit
    commit("2024-09-03")
    added = first_added(root)
    assert added == {"registry/coalitions/example-ocean-futures.yml": "2024-05-10",
                     "registry/coalitions/example-bridge-builders.yml": "2024-08-02"}
    months = registrations_by_month(sorted(added), added)
    assert months == [("2024-05", 1), ("2024-06", 0), ("2024-07", 0), ("2024-08", 1)]
    chart = bar_chart("registrations", "New coalitions registered per month", "coalitions", months)
    assert chart.description.endswith("2024-05: 1; 2024-06: 0; 2024-07: 0; 2024-08: 1.")
    assert first_added(tmp_path / "not-a-repository") == {}


# --- the maintainers' page -----------------------------------------------------------------------------------


def test_the_maintainers_page_has_similar_pairs_matches_gaps_and_the_shortlist(community_site: BuiltSite) -> None:
    text = main_content(page(community_site, "maintainers"))
    similar = text[text.index('id="similar"'):text.index('id="partners"')]
    assert 'href="../coalitions/climate-debt-relief/"' in similar and "(likely the same proposal)" in similar
    assert "data-commons-alliance" not in similar and "veto-restraint/" not in similar  # decided: not compared
    partners = text[text.index('id="partners"'):text.index('id="coverage"')]
    assert re.search(r'looks for <strong>partners</strong>: Partners from the Eastern European Group\.<ul><li>'
                     r'offered by <a href="\.\./coalitions/example-bridge-builders/">Example Bridge &lt;b&gt;Builders'
                     r"&lt;/b&gt; &amp; Co</a>: Introductions to partners in the Eastern European Group\.", partners)
    assert "Test Human Rights Watchers (example) (Ukraine; in" in partners
    assert re.search(r"<strong>constituency: Farmers Major Group</strong> — asked for by 1 coalition: "
                     r'<a href="\.\./coalitions/example-bridge-builders/">', partners)
    assert "<strong>From: Eastern European Group</strong>" in partners
    coverage_part = text[text.index('id="coverage"'):text.index('id="shortlist"')]
    assert "No coalition has an Eastern European member working on digital cooperation." in coverage_part
    shortlist = text[text.index('id="shortlist"'):]
    eligible = shortlist[:shortlist.index('id="exceptions"')]
    assert 'href="../coalitions/example-ocean-futures/"' in eligible
    assert "Example Bridge &lt;b&gt;Builders&lt;/b&gt; &amp; Co</a> — Regional diversity" in shortlist
    assert "asks the networks: A meeting room at the next civil society conference" in shortlist
    stale = shortlist[shortlist.index('id="stale"'):]
    assert "no update or milestone since 2025-09-21" in stale
    assert 'href="../coalitions/security-council-veto/">' in stale and "veto-restraint" not in stale
    assert 'example-ocean-futures/' not in stale
    assert "<b>Builders" not in text


def test_partner_matches_and_requests(registry: Registry) -> None:
    needs = {(n.coalition.id, n.kind): n for n in partner_matches(registry)}
    ocean = needs[("example-ocean-futures", "partners")]
    assert [o.coalition.id for o in ocean.offers] == ["example-bridge-builders"]
    assert ocean.offers[0].shared == ("partners", "eastern", "european", "group")  # as the need writes them
    assert all(m.member.region == "eastern-european" for m in ocean.members)
    assert "Test City Council (example)" not in [m.member.name for m in ocean.members]  # its own member
    carbon = needs[("example-bridge-builders", "expertise")]
    assert carbon.offers == () and [m.member.name for m in carbon.members] == ["Demo Sahel Climate Forum (example)"]
    requests = {(r.regions, r.constituencies): r for r in partner_requests(registry)}
    assert [c.id for c in requests[(("eastern-european",), ())].coalitions] == ["example-ocean-futures"]
    assert requests[((), ("farmers",))].total == 2  # the bridge's own member counts among those that fit


def test_coverage_counts_organisations_once_and_names_the_gaps(registry: Registry) -> None:
    covered = coverage(registry)
    regions = {c.key: c for c in covered.regions}
    assert regions["eastern-european"].members == 2  # Poland's council, Ukraine's watchers; merged/archived left out
    themes = {c.key: c for c in covered.themes}
    assert themes["health"].coalitions == 0 and "No coalition works on health" in covered.gaps
    assert covered.theme_regions["digital-cooperation"]["eastern-european"] == 0
    assert "No member organisation in the constituency Stakeholder Group of Persons with Disabilities" in covered.gaps
    assert "No coalition addresses Chapter III: Science, technology and innovation and digital cooperation" \
        in covered.gaps
    assert "No coalition names SDG 6: Clean water and sanitation" in covered.gaps
    assert "No coalition has an Asia-Pacific member working on peace and security" in covered.gaps


def test_similar_pairs_and_stale_entries_leave_decided_coalitions_out(registry: Registry) -> None:
    pairs = {(s.a.id, s.b.id) for s in similar_pairs(registry)}
    assert ("climate-debt-relief", "loss-damage-finance") in pairs
    assert not any("veto-restraint" in p or "data-commons-alliance" in p for p in pairs)
    stale, since = stale_coalitions(registry, 12)
    assert since == "2025-09-21"
    assert "example-ocean-futures" not in {s.coalition.id for s in stale}
    assert next(s for s in stale if s.coalition.id == "security-council-veto").latest == "2025-06-01"


def test_pages_stay_light(community_site: BuiltSite) -> None:
    for name in ("hub", "stats", "maintainers"):
        assert (community_site.site / name / "index.html").stat().st_size < 120 * 1024, name


def _items(field: str, count: int) -> str:
    """`count` needs or offers of one kind that all share the words "shared" and "word000" (fictional)."""
    return f"{field}:\n" + "".join(f"  - kind: expertise\n    description: shared word000 item{i}\n"
                                   for i in range(count))


def test_matching_two_files_of_thousands_of_needs_and_offers_is_bounded(registry_root) -> None:  # type: ignore[no-untyped-def]
    """Issue #12, item 5: two ~216 KiB files, 3,600 needs against 3,600 offers sharing their words, took 20 s."""
    import time

    from generator.model.assemble import build_registry

    base = EXAMPLE.read_text(encoding="utf-8")
    old_needs = ("needs:\n  - kind: partners\n    description: Partners from the Eastern European Group.\n"
                 "    regions: [eastern-european]\n")
    old_offers = "offers:\n  - kind: expertise\n    description: Community consultation methods.\n"
    asking = (base.replace("id: example-ocean-futures", "id: example-many-needs")
              .replace(old_needs, _items("needs", 3600)).replace(old_offers, ""))
    offering = (base.replace("id: example-ocean-futures", "id: example-many-offers")
                .replace(old_offers, _items("offers", 3600)).replace(old_needs, ""))
    assert len(asking.encode()) > 200 * 1024 and len(offering.encode()) > 200 * 1024
    settings = make_settings(registry_root({"example-many-needs.yml": asking, "example-many-offers.yml": offering}))
    report = validate(settings, similarity=False)
    assert report.ok, [p.message for p in report.problems if p.severity == "error"]
    registry = build_registry(report, settings)
    started = time.perf_counter()
    needs = partner_matches(registry)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"partner matching took {elapsed:.1f} s"  # 0.04 s measured; 20 s before the bound
    from generator.insight.matching import MATCHED_ITEMS, SHOWN_OFFERS

    assert len(needs) == 3600  # every need is still listed …
    matched = [n for n in needs if n.offers]
    assert len(matched) == MATCHED_ITEMS  # … the first MATCHED_ITEMS are matched,
    assert all(len(n.offers) == SHOWN_OFFERS and n.offers[0].coalition.id == "example-many-offers" for n in matched)
    assert "shared" in matched[0].offers[0].shared

"""The public site's facts agree (issue #14): one figure for one thing on every page, decisions shown where they
apply, a way back from a coalition page, no field path for readers, the licences and the maintainers' contact
from mkdocs.yml, and claim links on the entries maintainers listed from public sources."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from ruamel.yaml import YAML

from .support.cli import impact
from .support.decided import decided_registry
from .support.registry import CHECKOUT, EXAMPLE, make_root, registry_of
from .support.sites import BuiltSite, build_in

REPOSITORY = "https://github.com/impact-coalitions/registry"
CONTACT_SHOWN = "registry-maintainers [at] example [dot] org"


@pytest.fixture(scope="module")
def decided_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_in(decided_registry(tmp_path_factory.mktemp("decided") / "repo"))


def page(site: BuiltSite, name: str) -> str:
    return (site.site / name / "index.html").read_text(encoding="utf-8")


def article(html_text: str) -> str:
    """The page's own content, without the theme's header, navigation and footer."""
    start = html_text.index('<article class="md-content__inner md-typeset">')
    return html_text[start:html_text.rindex("</article>", start, html_text.index('<footer class="md-footer">'))]


def numbers(html_text: str) -> str:
    """The figures' list with the sentence that says what they count."""
    found = re.search(r'<ul class="impact-numbers">.*?<p class="impact-figures-note">.*?</p>', html_text, re.S)
    assert found, "no figures on the page"
    return found.group()


def visible_text(html_text: str) -> str:
    text = re.sub(r"<(script|style|pre)\b.*?</\1>", " ", html_text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


# --- item 10: one definition per figure --------------------------------------------------------------------------


def test_the_figures_are_defined_once(tmp_path: Path) -> None:
    from generator.insight.figures import Figures, figures

    counted = figures(registry_of(decided_registry(tmp_path / "repo")))
    # Six coalitions; the archived one leaves the directory's list; the merged and archived ones are not active.
    # The eligible and the shortlisted coalitions meet the criteria, whatever was decided; their six member
    # organisations are the same (one written another way), the forming coalition adds a seventh.
    assert counted == Figures(registered=6, listed=5, active=4, meeting_criteria=2, organisations=7, countries=6,
                              regions=5, by_status=(("eligible", 1), ("forming", 2), ("shortlisted", 1), ("merged", 1),
                                                    ("archived", 1)))


def test_home_directory_statistics_and_filters_agree(decided_site: BuiltSite) -> None:
    home, stats, directory = (article(page(decided_site, name)) for name in ("", "stats", "coalitions"))
    assert numbers(home) == numbers(stats)  # the same figures, said the same way
    assert [int(n) for n in re.findall(r"<strong>(\d+)</strong>", numbers(home))] == [6, 2, 7, 6]
    assert "count the 4 active coalitions" in numbers(home)
    assert re.search(r"<p>6 coalitions are registered: 5 are listed below, and 1 archived coalition is listed "
                     r'<a href="#archived">at the end</a>\. 2 of the 4 active ones', directory)
    cards = re.findall(r'<li class="impact-card"[^>]*data-status="([a-z]+)" data-criteria="([a-z]*)"', directory)
    assert len(cards) == 5
    status_options = dict(re.findall(r'<option value="([a-z]+)">[^<(]+\((\d+)\)</option>',
                                     directory[directory.index('id="filter-status"'):]
                                     [:directory[directory.index('id="filter-status"'):].index("</select>")]))
    assert "archived" not in status_options  # the archived coalitions are not in the list the filter narrows
    stats_rows = dict(re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>",
                                 stats[stats.index('id="coalitions-by-status"'):]))
    for status, count in status_options.items():
        assert int(count) == sum(s == status for s, _ in cards), status
    labels = {"eligible": "Meets ImPACT criteria", "forming": "Forming", "shortlisted": "Shortlisted",
              "merged": "Merged"}
    assert {s: stats_rows[labels[s]] for s in status_options} == status_options
    archived = directory[directory.index('id="archived"'):]
    assert stats_rows["Archived"] == str(archived.count("<li>")) == "1"
    assert re.search(r'<option value="met">All four met \(2\)</option><option value="missing">Some still needed '
                     r"\(2\)</option>", directory)
    assert sum(c == "met" for _, c in cards) == 2 and sum(c == "missing" for _, c in cards) == 2


# --- item 11: decisions on the coalition pages --------------------------------------------------------------------


def test_decisions_show_with_their_date_note_and_names(decided_site: BuiltSite) -> None:
    shortlisted = article(page(decided_site, "coalitions/example-ocean-shortlisted"))
    assert ("<strong>Shortlisted</strong> by the registry's maintainers on <time datetime=\"2026-05-04\">2026-05-04"
            "</time>. Shortlisted for the networks&#39; first round.") in shortlisted
    merged = article(page(decided_site, "coalitions/example-ocean-merged"))
    assert ('<strong>This coalition has merged</strong> into <a href="../example-ocean-futures/">Example Coalition '
            'for Ocean Futures</a> on <time datetime="2026-06-01">2026-06-01</time>. The two proposals joined forces.'
            ) in merged
    joined = article(page(decided_site, "coalitions/example-ocean-futures"))
    assert ('A coalition has merged into this one: <a href="../example-ocean-merged/">Example Merged Ocean '
            "Coalition</a>.") in joined
    record = json.loads((decided_site.site / "api" / "example-ocean-futures.json").read_text(encoding="utf-8"))
    assert record["merged_from"] == ["example-ocean-merged"] and record["decision_date"] == ""
    record = json.loads((decided_site.site / "api" / "example-ocean-shortlisted.json").read_text(encoding="utf-8"))
    assert record["decision_date"] == "2026-05-04" and record["status"] == "shortlisted"


# --- item 9: the way back --------------------------------------------------------------------------------------


def test_every_coalition_page_has_a_breadcrumb_back(decided_site: BuiltSite) -> None:
    for path in (decided_site.site / "coalitions").glob("*/index.html"):
        crumbs = re.search(r'<nav class="impact-breadcrumb" aria-label="Breadcrumb"><ol>(.*?)</ol></nav>',
                           path.read_text(encoding="utf-8"))
        assert crumbs, path
        assert crumbs.group(1).startswith('<li><a href="../../">Home</a></li><li><a href="../">Coalitions</a></li>'
                                          '<li aria-current="page">')


# --- item 19: what readers see -------------------------------------------------------------------------------------

# A field of a coalition file as its path or its name with underscores (engagement.member_states, primary_region).
FIELD_PATH = re.compile(r"\b(?:engagement|contact|exceptions|members|workplan|needs|offers)\.[a-z_-]+|"
                        r"\b[a-z]+_[a-z_]+\b|\bworkplan\b")


def test_public_pages_show_no_field_path(decided_site: BuiltSite, shipped_site: BuiltSite) -> None:
    for site in (decided_site, shipped_site):
        pages = [p for p in site.site.rglob("index.html") if "register" not in p.parts]
        assert len(pages) > 10
        for path in pages:
            found = FIELD_PATH.findall(visible_text(article(path.read_text(encoding="utf-8"))))
            assert found == [], (path.relative_to(site.site), found)


def test_listed_from_public_sources_is_said_once(shipped_site: BuiltSite) -> None:
    for path in (shipped_site.site / "coalitions").glob("*/index.html"):
        text = visible_text(article(path.read_text(encoding="utf-8")))
        assert len(re.findall("public sources", text, re.I)) == 1, path


def test_the_home_page_title_is_the_site_name_once(decided_site: BuiltSite) -> None:
    assert re.findall(r"<title>(.*?)</title>", page(decided_site, "")) == ["ImPACT Coalitions Registry"]
    assert "<title>Coalitions - ImPACT Coalitions Registry</title>" in page(decided_site, "coalitions")


def test_both_badges_are_shown_at_their_own_size(decided_site: BuiltSite) -> None:
    for path in (decided_site.site / "coalitions").glob("*/index.html"):
        shown = re.findall(r'<img src="\.\./\.\./badges/([a-z0-9-]+\.svg)" alt="[^"]+" width="(\d+)" height="(\d+)"',
                           path.read_text(encoding="utf-8"))
        assert len(shown) == 2, path
        for name, width, height in shown:
            svg = (decided_site.site / "badges" / name).read_text(encoding="utf-8")
            assert re.search(rf'<svg [^>]*width="{width}" height="{height}"', svg), (path, name)


# --- items 22 and 23: the licences and the maintainers' contact, from mkdocs.yml -----------------------------------


def test_the_licences_are_stated_on_every_page_and_in_the_open_data(decided_site: BuiltSite) -> None:
    data = '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">'
    code = f'<a href="{REPOSITORY}/blob/main/LICENSE" rel="license">MIT License</a>'
    for path in [*decided_site.site.rglob("index.html"), decided_site.site / "404.html"]:
        footer = path.read_text(encoding="utf-8").split('<footer class="md-footer">')[1]
        assert data in footer and code in footer, path
    faq = article(page(decided_site, "faq"))
    assert data + "Creative Commons Attribution 4.0 International</a> (CC-BY-4.0)" in faq and code in faq
    licence = {"id": "CC-BY-4.0", "name": "Creative Commons Attribution 4.0 International",
               "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert json.loads((decided_site.site / "api" / "coalitions.json").read_text())["licence"] == licence
    assert json.loads((decided_site.site / "api" / "example-forming.json").read_text())["licence"] == licence


def test_the_maintainers_contact_is_shown_obfuscated(decided_site: BuiltSite) -> None:
    faq = article(page(decided_site, "faq"))
    assert faq.count(f'<span class="impact-email">{CONTACT_SHOWN}</span>') == 2  # registering; reporting a problem
    without_contact = article(page(decided_site, "coalitions/example-public"))
    assert f"Write to the registry's maintainers at <span class=\"impact-email\">{CONTACT_SHOWN}</span>" \
        in without_contact
    assert "registry-maintainers@" not in "".join(p.read_text() for p in decided_site.site.rglob("*.html"))


def test_impact_build_warns_while_the_shipped_placeholders_remain(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8")})
    built = impact("build", "--root", str(root), cwd=root)
    assert built.returncode == 0, built.stderr
    warnings = [line for line in built.stderr.splitlines() if "shipped placeholder" in line]
    assert [line.split("mkdocs.yml's ")[1].split(" ")[0] for line in warnings] == \
        ["site_url", "extra.repository", "extra.contact"]
    assert "Built 1 coalition pages" in built.stdout
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      .replace("https://impact-coalitions.example.org/", "https://coalitions.example.net/")
                      .replace("https://github.com/impact-coalitions/registry", "https://github.com/example/registry")
                      .replace("registry-maintainers@example.org", "desk@example.net"), encoding="utf-8")
    rebuilt = impact("build", "--root", str(root), cwd=root)
    assert rebuilt.returncode == 0 and "placeholder" not in rebuilt.stderr, rebuilt.stderr
    faq = (root / "site" / "faq" / "index.html").read_text(encoding="utf-8")
    assert "desk [at] example [dot] net" in faq and "desk@" not in faq


# --- item 8: claim an entry listed from public sources; report a listing without consent ------------------------


def test_entries_from_public_sources_offer_a_claim_instead_of_an_edit(decided_site: BuiltSite) -> None:
    public = article(page(decided_site, "coalitions/example-public"))
    assert (f'<a href="{REPOSITORY}/issues/new?template=claim-coalition.yml&amp;title=Claim%3A%20example-public">'
            "Is this your coalition? Claim it</a>") in public
    assert "/edit/" not in public
    assert "listed-without-consent.yml" not in public  # no member to be listed without consent
    own = article(page(decided_site, "coalitions/example-ocean-futures"))
    assert f'<a href="{REPOSITORY}/edit/main/registry/coalitions/example-ocean-futures.yml">' in own
    assert "claim-coalition.yml" not in own
    assert (f'<a href="{REPOSITORY}/issues/new?template=listed-without-consent.yml&amp;title=Listed%20without%20consent'
            '%3A%20example-ocean-futures">My organisation is listed without its consent</a>') in own


ISSUE_TEMPLATES = CHECKOUT / ".github" / "ISSUE_TEMPLATE"
PLACEHOLDER = "<coalition identifier>"


def issue_links(html_text: str) -> list[tuple[str, str]]:
    """(template, title) of every link that opens one of the registry's issue templates."""
    return [(template, unquote(title)) for template, title in
            re.findall(r'href="[^"]*/issues/new\?template=([\w.-]+)&amp;title=([^"]*)"', html_text)]


def test_claim_and_consent_links_follow_the_templates_own_titles(decided_site: BuiltSite) -> None:
    """The links fill in the title the template itself proposes, with the coalition's id for its placeholder (the
    maintainers sort the issues by it): a template's title and the site's links cannot drift apart."""
    prefixes = {}
    for name in ("claim-coalition.yml", "listed-without-consent.yml"):
        title = YAML(typ="safe").load((ISSUE_TEMPLATES / name).read_text(encoding="utf-8"))["title"]
        assert title.endswith(PLACEHOLDER), name
        prefixes[name] = title.removesuffix(PLACEHOLDER)
    on_pages = {(template, title) for path in (decided_site.site / "coalitions").glob("*/index.html")
                for template, title in issue_links(article(path.read_text(encoding="utf-8")))}
    assert {template for template, _ in on_pages} == set(prefixes)  # both kinds of link are on some page
    for template, title in on_pages:
        coalition_id = title.removeprefix(prefixes[template])
        assert title.startswith(prefixes[template]) and (decided_site.site / "coalitions" / coalition_id).is_dir(), \
            title
    assert sorted(issue_links(article(page(decided_site, "faq")))) == sorted(prefixes.items())  # no id in the FAQ


def test_the_faq_says_exactly_what_is_public_where(decided_site: BuiltSite) -> None:
    faq = article(page(decided_site, "faq"))
    privacy = " ".join(visible_text(faq[faq.index('<h2 id="privacy">'):faq.index('<h2 id="badges">')]).split())
    assert "stays out" not in privacy and "private address" not in privacy
    for said in ("Everyone can read your coalition's file, the contact e-mail included",
                 "the registry's public repository on GitHub, with its whole history",
                 "decides only what this website shows",
                 "shows the e-mail only when you choose to show it, and then in a form that address harvesters cannot "
                 "read", "the open data in JSON never holds the e-mail, and the CSV holds no contact at all",
                 "use a role address of the coalition", "The registry's check warns when the address looks like a "
                 "person's own"):
        assert said in privacy, said
    claim = faq[faq.index('<h2 id="claim">'):faq.index('<h2 id="who-reviews">')]
    assert f'<a href="{REPOSITORY}/issues/new?template=claim-coalition.yml&amp;title=Claim%3A%20">claim a coalition' \
        in claim
    assert (f'<a href="{REPOSITORY}/issues/new?template=listed-without-consent.yml&amp;title=Listed%20without%20'
            'consent%3A%20">report a listing without consent</a>') in claim


# --- item 13: the home page's search without JavaScript -----------------------------------------------------------


def test_the_home_search_says_it_needs_javascript(decided_site: BuiltSite) -> None:
    home = article(page(decided_site, ""))
    assert re.search(r'<p class="impact-no-script">Searching needs JavaScript.*?</p>', home, re.S)
    css = (decided_site.site / "assets" / "extra.css").read_text(encoding="utf-8")
    assert ".no-js .impact-search { display: none; }" in css and ".no-js .impact-no-script { display: block; }" in css

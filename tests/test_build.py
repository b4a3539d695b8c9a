"""`impact build` on real registries with the real MkDocs build (and Zensical on the same docs)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.errors import BuildRefused, ImpactError
from generator.settings import make_settings
from generator.site.build import build_site

from .support.cli import IMPACT
from .support.git import git_commit_all
from .support.registry import EXAMPLE, make_root
from .support.sites import BuiltSite, build_in

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".svg", ".js", ".css", ".txt", ".md", ".ics", ".atom"}


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


class Resources(HTMLParser):
    """The URLs a page loads by itself (not links a visitor may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source") and a.get("src"):
            self.loaded.append(a["src"] or "")
        if tag == "link" and a.get("href") and (a.get("rel") or "") in ("stylesheet", "preload", "icon", "manifest"):
            self.loaded.append(a["href"] or "")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")


class Handlers(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name) for name, _ in attrs if name.startswith("on")]


def handler_attributes(html: str) -> list[tuple[str, str]]:
    """Event-handler attributes (onclick, onerror, …) on any element."""
    parser = Handlers()
    parser.feed(html)
    return parser.found


def resources_of(page: Path) -> Resources:
    parser = Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_registry_entry_has_its_pages_badges_and_data(shipped_site: BuiltSite) -> None:
    ids = sorted(p.stem for p in (shipped_site.root / "registry" / "coalitions").glob("*.yml"))
    assert len(ids) >= 12
    site = shipped_site.site
    for coalition_id in ids:
        page = (site / "coalitions" / coalition_id / "index.html").read_text(encoding="utf-8")
        assert f'data-coalition="{coalition_id}"' in page
        svg = (site / "badges" / f"{coalition_id}.svg").read_text(encoding="utf-8")
        assert 'role="img"' in svg and "<title>ImPACT: " in svg
        assert "<title>ImPACT criteria: " in (site / "badges" / f"{coalition_id}-criteria.svg").read_text()
        endpoint = json.loads((site / "badges" / f"{coalition_id}.json").read_text())
        assert endpoint["schemaVersion"] == 1 and endpoint["label"] == "ImPACT"
        assert json.loads((site / "api" / f"{coalition_id}.json").read_text())["id"] == coalition_id
    listed = json.loads((site / "api" / "coalitions.json").read_text())["coalitions"]
    assert sorted(c["id"] for c in listed) == ids
    csv_lines = (site / "api" / "coalitions.csv").read_text().splitlines()
    assert len(csv_lines) == len(ids) + 1
    assert json.loads((site / "schema" / "coalition.schema.json").read_text())["title"] == "ImPACT Coalition"
    for page in ("index.html", "coalitions/index.html", "criteria/index.html", "faq/index.html", "404.html"):
        assert (site / page).is_file(), page


def test_public_source_entries_show_their_sources_and_last_change(shipped_site: BuiltSite) -> None:
    page = (shipped_site.site / "coalitions" / "peacebuilding" / "index.html").read_text(encoding="utf-8")
    assert "Listed from public sources" in page
    assert 'href="https://www.interpeace.org/fr/event/impact-coalition-on-peacebuilding/"' in page
    assert 'Last updated <time datetime="2026-09-01">' in page  # the commit made by the fixture
    # Its claimants cannot edit it before the maintainers hand it over (#14, item 8): they claim it instead.
    assert "/edit/main/registry/coalitions/peacebuilding.yml" not in page
    assert "/issues/new?template=claim-coalition.yml&amp;title=Claim%3A%20peacebuilding" in page


def test_coalition_pages_stay_out_of_the_navigation(shipped_site: BuiltSite) -> None:
    home = (shipped_site.site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    assert "coalitions/peacebuilding/" not in nav
    assert "Coalitions" in nav


def test_the_directory_lists_every_coalition_as_plain_html(synthetic_site: BuiltSite) -> None:
    directory = shipped = synthetic_site.site / "coalitions" / "index.html"
    links = {link for link in resources_of(directory).links if re.fullmatch(r"fictional-coalition-\d{5}/", link)}
    assert len(links) == 200
    for link in links:
        assert (shipped.parent / link / "index.html").is_file()


def test_no_email_address_in_plain_text_anywhere(tmp_path: Path, example_text: str) -> None:
    public = example_text.replace("public: false", "public: true")
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": public})
    built = build_in(root)
    page = (built.site / "coalitions" / "example-ocean-futures" / "index.html").read_text(encoding="utf-8")
    assert "coalition [at] example [dot] org" in page
    offenders = [(p.relative_to(built.site), m.group(0)) for p in site_files(built.site)
                 if p.suffix in TEXT_SUFFIXES for m in EMAIL.finditer(p.read_text(encoding="utf-8", errors="replace"))]
    assert offenders == []


def test_the_site_loads_nothing_from_another_host(shipped_site: BuiltSite) -> None:
    for page in shipped_site.site.rglob("*.html"):
        for url in resources_of(page).loaded:
            assert not re.match(r"(https?:)?//", url), f"{page}: {url}"
    assert "fonts.googleapis" not in "".join(p.read_text() for p in shipped_site.site.rglob("*.html"))


def test_first_load_of_a_coalition_page_is_under_350_kb(shipped_site: BuiltSite) -> None:
    page = shipped_site.site / "coalitions" / "peacebuilding" / "index.html"
    total = page.stat().st_size
    for url in resources_of(page).loaded:
        if url.endswith((".js", ".css")):
            total += (page.parent / url.split("?")[0]).resolve().stat().st_size
    assert total < 350 * 1024, total


def test_two_builds_of_one_commit_are_identical(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text()}, with_real_registry=True)
    git_commit_all(root)
    first = build_in(root, tmp_path / "one").site
    second = build_in(root, tmp_path / "two").site
    names = [p.relative_to(first) for p in site_files(first)]
    assert names == [p.relative_to(second) for p in site_files(second)]
    assert [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()] == []


def test_a_failed_build_names_the_bad_file_and_keeps_the_previous_site(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text()})
    built = build_in(root)
    before = {p: p.read_bytes() for p in site_files(built.site)}
    (root / "registry" / "coalitions" / "broken-entry.yml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(BuildRefused, match=r"registry/coalitions/broken-entry\.yml"):
        build_in(root)
    assert {p: p.read_bytes() for p in site_files(built.site)} == before


def test_the_cli_build_exits_1_on_errors_and_0_when_built(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text()})
    done = subprocess.run([IMPACT, "build", "--root", str(root)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (root / "site" / "coalitions" / "example-ocean-futures" / "index.html").is_file()
    (root / "registry" / "coalitions" / "x.yml").write_text("schema_version: 1\n", encoding="utf-8")
    refused = subprocess.run([IMPACT, "build", "--root", str(root)], capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert "registry/coalitions/x.yml" in refused.stderr and "Traceback" not in refused.stderr


def test_entry_text_is_inert_in_the_built_page(tmp_path: Path, example_text: str) -> None:
    hostile = (example_text
               .replace("name: Example Coalition for Ocean Futures", "name: '<script>alert(1)</script> Ocean'")
               .replace("This entry is **fictional**.",
                        "<img src=x onerror=alert(2)> [x](javascript:alert(3)) {: onclick=\"alert(4)\" }\n\n"
                        "  --8<-- \"/etc/passwd\"\n\n  {{ 7 * 7 }} {% raw %}")
               .replace("title: First coalition call", "title: '</div><script>alert(5)</script>'"))
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": hostile})
    page = (build_in(root).site / "coalitions" / "example-ocean-futures" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "javascript:" not in page
    assert handler_attributes(page) == []
    assert "root:x:0:0" not in page
    assert "{{ 7 * 7 }}" in page and "49" not in page.split("{{ 7 * 7 }}")[0][-5:]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ocean" in page


def test_generated_docs_also_build_with_zensical(shipped_site: BuiltSite, tmp_path: Path) -> None:
    work = tmp_path / "build"
    shutil.copytree(shipped_site.root / "build", work)
    shutil.rmtree(work / "site", ignore_errors=True)
    zensical = str(Path(sys.executable).with_name("zensical"))
    done = subprocess.run([zensical, "build", "-f", "mkdocs.yml"], cwd=work, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (work / "site" / "coalitions" / "peacebuilding" / "index.html").read_text(encoding="utf-8")
    assert 'data-coalition="peacebuilding"' in page
    assert (work / "site" / "badges" / "peacebuilding.svg").is_file()


def test_build_settings_come_from_the_repository(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text()})
    text = (root / "mkdocs.yml").read_text().replace("https://impact-coalitions.example.org/",
                                                    "https://registry.example.org/sub/")
    (root / "mkdocs.yml").write_text(text)
    built = build_in(root)
    page = (built.site / "coalitions" / "example-ocean-futures" / "index.html").read_text(encoding="utf-8")
    assert "https://registry.example.org/sub/badges/example-ocean-futures.svg" in page
    assert make_settings(root).root == root
    assert build_site  # the public entry point used by the CLI


def test_theme_markup_is_mended_on_every_page(shipped_site: BuiltSite) -> None:
    pages = list(shipped_site.site.rglob("*.html"))
    assert len(pages) > 12
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'type="checkbox" id="__drawer">' in text, page  # the toggle is there, without the attribute
        assert not re.search(r'type="checkbox"[^>]*autocomplete=', text), page


def test_an_id_that_takes_a_site_address_is_refused_and_never_overwrites_a_page(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("id: example-ocean-futures", "id: index")
    root = make_root(tmp_path / "repo", {"index.yml": text})
    with pytest.raises(BuildRefused, match=r"registry/coalitions/index\.yml"):
        build_in(root)
    # Even with a schema that lets it through, the build stops rather than lose the directory page.
    schema = root / "schema" / "coalition.schema.json"
    loosened = json.loads(schema.read_text())
    del loosened["properties"]["id"]["not"]
    schema.write_text(json.dumps(loosened))
    with pytest.raises(ImpactError, match=r"coalitions/index\.md"):
        build_in(root)
    assert not (root / "site").exists()


def test_a_translated_languages_docs_also_build_with_zensical(tmp_path: Path) -> None:
    """Each language is a MkDocs build of its own (build/fr/mkdocs.yml): Zensical builds it too, language selector
    and all (its templates have no string methods)."""
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text()})
    built = build_in(root, languages=("en", "fr"))
    work = tmp_path / "fr"
    shutil.copytree(built.root / "build" / "fr", work)
    shutil.rmtree(work / "site", ignore_errors=True)
    zensical = str(Path(sys.executable).with_name("zensical"))
    done = subprocess.run([zensical, "build", "-f", "mkdocs.yml"], cwd=work, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (work / "site" / "coalitions" / "example-ocean-futures" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page and 'hreflang="en"' in page

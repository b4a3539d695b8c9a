"""Front matter of the generated pages (issue #12, item 1): every text round-trips through MkDocs' and
Zensical's readers, and a page whose front matter would be lost stops `impact build`, named."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from mkdocs.utils.meta import get_data

from generator.errors import ImpactError
from generator.markdown.sanitise import redact_emails
from generator.registry.criteria import load_criteria_settings
from generator.registry.validate import validate
from generator.settings import make_settings
from generator.site import build
from generator.site.front_matter import page_problem
from generator.site.hooks import PRE_RENDERED
from generator.site.render import Renderer, SiteInfo

from .support.registry import CHECKOUT, EXAMPLE, make_root
from .support.sites import build_in

COALITION_TEMPLATE = CHECKOUT / "site_templates" / "coalition.md.j2"
EARTH = "\U0001f30d"  # 🌍, outside the Basic Multilingual Plane
# Names and summaries the schema accepts, each with a character a front-matter writer can get wrong.
TRICKY = {
    "example-emoji": (f"Fictional Coalition {EARTH} for Oceans", f"Earth {EARTH} and 🌊 waves: a fictional summary."),
    "example-astral": ("Fictional 𝔘𝔫𝔦𝔬𝔫 of 𐌰𐌱 \U0010fffd Groups", "Plane-16 \U0010fffd and Gothic 𐌰𐌱 in a summary."),
    "example-quotes": ('Fictional "Quoted" \\Back\\ Slash: # Coalition', 'A summary with "quotes", \\ and: # — '
                       "and 'single' ones, & <b>tags</b>."),
    "example-yaml": ("--- Fictional ... {Flow} [List] & *Star* !Tag", "--- x\n...\nkey: value\n- item\nand a\ttab in a "
                     "fictional summary."),
    "example-controls": ("Fictional\u00a0Non\u2011Breaking\u200b Coalition", "Odd characters \ufeff \u00ad "
                         "\U0001fffe \U000e0041 \u3000 \ue000 \u0085 in a fictional summary, kept or escaped."),
}


class Head(HTMLParser):
    """The <title> text and the description of a built page, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.description: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        if tag == "meta" and dict(attrs).get("name") == "description":
            self.description = dict(attrs).get("content")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def head_of(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def entry(coalition_id: str, name: str, summary: str) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()
    data = yaml.load(EXAMPLE.read_text(encoding="utf-8").replace("example-ocean-futures", coalition_id))
    data["name"], data["summary"] = name, summary
    out = io.StringIO()
    yaml.width = 4096
    yaml.dump(data, out)
    return out.getvalue()


def test_non_bmp_and_other_tricky_names_keep_their_title_and_description(tmp_path: Path) -> None:
    files = {f"{cid}.yml": entry(cid, name, summary) for cid, (name, summary) in TRICKY.items()}
    root = make_root(tmp_path / "repo", files)
    report = validate(make_settings(root))
    refused = {Path(p.file).stem for p in report.problems if p.severity == "error"}
    assert refused <= {"example-controls", "example-yaml"}, [p.message for p in report.problems]
    assert all(p.line > 1 for p in report.problems if p.severity == "error")
    for cid in refused:  # another rule (line breaks, controls) refuses it, with a line: it is left out
        (root / "registry" / "coalitions" / f"{cid}.yml").unlink()
    built = build_in(root)
    zensical = tmp_path / "zensical"  # the same docs folder, read by Zensical's own front-matter reader
    shutil.copytree(built.root / "build", zensical)
    done = subprocess.run([str(Path(sys.executable).with_name("zensical")), "build", "-f", "mkdocs.yml"],
                          cwd=zensical, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    for site in (built.site, zensical / "site"):
        for cid in set(TRICKY) - refused:
            # The text as the registry holds it (the loader turns a NEL into a line feed, as YAML does).
            data = json.loads((built.site / "api" / f"{cid}.json").read_text(encoding="utf-8"))
            name, summary = data["name"], data["summary"]
            assert name == TRICKY[cid][0]
            head = head_of(site / "coalitions" / cid / "index.html")
            assert head.title == f"{name} - ImPACT Coalitions Registry", (site, cid)
            assert head.description == summary, (site, cid)


def test_the_payloads_of_the_issue_stay_inert_with_an_emoji(tmp_path: Path) -> None:
    name = f"[Read our charter](javascript:alert(document.domain)) {EARTH}"
    summary = f"![](http://pixel.example.org/pixel.gif) A fictional summary that loads nothing {EARTH}"
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": entry("example-ocean-futures", name, summary)})
    page = build_in(root).site / "coalitions" / "example-ocean-futures" / "index.html"
    urls = Urls()
    urls.feed(page.read_text(encoding="utf-8"))
    assert [u for u in urls.found if "javascript:" in u[2].lower() or "pixel.example.org" in u[2]] == []
    assert head_of(page).title == f"{name} - ImPACT Coalitions Registry"
    assert head_of(page).description == summary


class Urls(HTMLParser):
    """(tag, attribute, URL) of every link and every loaded resource."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs if name in ("href", "src", "srcset")]


def test_zensical_builds_the_docs_of_an_emoji_name(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {
        "example-ocean-futures.yml": entry("example-ocean-futures", f"Fictional {EARTH} Coalition",
                                           f"A fictional summary with an emoji {EARTH} in it.")})
    built = build_in(root)
    work = tmp_path / "zensical"
    shutil.copytree(built.root / "build", work)
    zensical = str(Path(sys.executable).with_name("zensical"))
    done = subprocess.run([zensical, "build", "-f", "mkdocs.yml"], cwd=work, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    head = head_of(work / "site" / "coalitions" / "example-ocean-futures" / "index.html")
    assert head.title.startswith(f"Fictional {EARTH} Coalition")
    assert head.description == f"A fictional summary with an emoji {EARTH} in it."


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    """The real Renderer on a template holding coalition.md.j2's own front matter."""
    templates = tmp_path_factory.mktemp("templates")
    front = COALITION_TEMPLATE.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    (templates / "front.md.j2").write_text(front + "\n---\n<div>{{ c.name }}</div>\n", encoding="utf-8")
    criteria = load_criteria_settings(CHECKOUT / "registry" / "criteria.yml",
                                      CHECKOUT / "schema" / "criteria.schema.json")
    return Renderer(templates, SiteInfo("Registry", "/", "", "main"), criteria, {})


# Any text at all (a superset of what the schema accepts), except lone surrogates, which UTF-8 files cannot hold.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=400, deadline=None)
@given(name=ANY_TEXT | st.text(st.characters(min_codepoint=0x10000), max_size=20), summary=ANY_TEXT)
def test_any_name_and_summary_round_trip_through_mkdocs_reader(renderer: Renderer, name: str, summary: str) -> None:
    texts = SimpleNamespace(name=name, summary=summary)  # what Coalition.shown gives in the page's language
    text = renderer.page("front.md.j2", c=SimpleNamespace(name=name, summary=summary, shown=lambda code: texts))
    assert page_problem(text) is None
    _, meta = get_data(text)
    assert meta["title"] == redact_emails(str(escape(name)))
    assert meta["description"] == redact_emails(str(escape(summary)))
    assert meta[PRE_RENDERED] is True


def templates_with(tmp_path: Path, front_matter: str) -> Path:
    """A copy of the site templates whose coalition page has other front matter."""
    templates = tmp_path / "site_templates"
    shutil.copytree(CHECKOUT / "site_templates", templates)
    body = COALITION_TEMPLATE.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    (templates / "coalition.md.j2").write_text(front_matter + "\n---\n" + body, encoding="utf-8")
    return templates


@pytest.mark.parametrize(("front_matter", "reason"), [
    # The front matter before the fix: JSON's surrogate escapes, which libyaml refuses.
    ("---\ntitle: {{ c.name|e|tojson }}\ndescription: {{ c.summary|e|tojson }}", "does not parse"),
    # A "..." line ends the front matter for MkDocs before the flag that Renderer.page adds at its end.
    ("---\ntitle: {{ c.name|e|quoted }}\n...\nhide: [navigation]", "lacks `impact_prerendered: true`"),
])
def test_a_page_whose_front_matter_would_be_lost_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 front_matter: str, reason: str) -> None:
    monkeypatch.setattr(build, "TEMPLATES", templates_with(tmp_path, front_matter))
    root = make_root(tmp_path / "repo", {
        "example-ocean-futures.yml": entry("example-ocean-futures", f"Fictional {EARTH} Coalition",
                                           "A fictional summary, long enough to be accepted.")})
    page = r"coalitions/example-ocean-futures\.md \(its front matter "
    with pytest.raises(ImpactError, match=page + re.escape(reason)):
        build_in(root)
    assert not (root / "site").exists()
    done = subprocess.run([str(Path(sys.executable).with_name("impact")), "build", "--root", str(root)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0  # the shipped templates build the same entry


def test_a_template_without_front_matter_is_refused_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = templates_with(tmp_path, "---\ntitle: x")
    (templates / "faq.md.j2").write_text("<div>No front matter</div>\n", encoding="utf-8")
    monkeypatch.setattr(build, "TEMPLATES", templates)
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8")})
    with pytest.raises(ImpactError, match=r"site template faq\.md\.j2"):
        build_in(root)


def test_the_mkdocs_hook_refuses_a_page_without_the_flag_too(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8")})
    built = build_in(root)
    page = built.result.docs_dir / "faq.md"
    page.write_text(page.read_text(encoding="utf-8").replace(f"{PRE_RENDERED}: true\n", ""), encoding="utf-8")
    with pytest.raises(ImpactError, match=r"faq\.md: MkDocs did not read `impact_prerendered: true`"):
        build._mkdocs_build(built.result.config_file, tmp_path / "out")

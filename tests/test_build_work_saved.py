"""What `impact build` does to save time must not change the site: hooks, forked workers, hard links."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator import parallel
from generator.registry.validate import validate
from generator.settings import make_settings
from generator.site.build import TEMPLATES, generate, site_config, write_tree
from generator.site.hooks import mend, sitemap_with_alternates

from .support.registry import EXAMPLE, TODAY_EPOCH, make_root
from .support.sites import BuiltSite, build_in

MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_hooks_change_no_byte_of_the_site(synthetic_site: BuiltSite, tmp_path: Path) -> None:
    """MkDocs without the hooks (Markdown run over every page, every file copied) makes the same site."""
    plain = tmp_path / "plain"
    done = subprocess.run([MKDOCS, "build", "-q", "-f", str(synthetic_site.result.config_file), "-d", str(plain)],
                          capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    shutil.rmtree(plain / "assets" / "javascripts" / "lunr")  # what `impact build` removes after MkDocs
    config = YAML(typ="safe").load(synthetic_site.result.config_file.read_text(encoding="utf-8"))
    expected = {name: mend(content.decode()).encode() if name.endswith(".html") else content
                for name, content in tree(plain).items()}
    if config["extra"].get("alternate"):  # a site of several languages: the hooks add each page's others
        expected["sitemap.xml"] = sitemap_with_alternates(expected["sitemap.xml"].decode(), config["site_url"],
                                                          config["extra"]["alternate"]).encode()
    # The English site (the other languages are builds of their own, in their folders).
    built = {name: content for name, content in tree(synthetic_site.site).items()
             if name.split("/")[0] not in synthetic_site.result.languages}
    assert gzip.decompress(built.pop("sitemap.xml.gz")) == built["sitemap.xml"]
    expected.pop("sitemap.xml.gz")
    assert sorted(built) == sorted(expected)
    assert [name for name in built if built[name] != expected[name]] == []
    # The plain build did mend something: the comparison is not between two untouched outputs.
    assert any(b'autocomplete="off"' in content for content in tree(plain).values())
    assert b'<html lang="en" dir="ltr"' in built["index.html"]


def test_forked_workers_give_the_same_report_and_files(synthetic_site: BuiltSite,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings(synthetic_site.root)
    config = site_config(settings)
    in_one_process = validate(settings)
    _, files = generate(settings, in_one_process, config)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)  # the 200 coalitions now go to forked workers
    assert parallel.pays(200)
    forked = validate(settings)
    assert forked == in_one_process
    _, forked_files = generate(settings, forked, config)
    assert sorted(forked_files) == sorted(files)
    assert [name for name in files if forked_files[name] != files[name]] == []


def test_a_rebuild_never_rewrites_a_file_the_published_site_links_to(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text()})
    built = build_in(root)
    published = built.site / "api" / "example-ocean-futures.json"
    docs_copy = built.result.docs_dir / "api" / "example-ocean-futures.json"
    assert published.samefile(docs_copy) or published.read_bytes() == docs_copy.read_bytes()
    before = published.read_bytes()
    entry = root / "registry" / "coalitions" / "example-ocean-futures.yml"
    entry.write_text(entry.read_text().replace("Example Coalition for Ocean Futures",
                                               "Example Coalition for Ocean Futures Renamed"))
    settings = make_settings(root)
    report = validate(settings)
    _, files = generate(settings, report, site_config(settings))
    assert write_tree(built.result.docs_dir, files, TEMPLATES / "assets") > 0
    assert b"Renamed" in docs_copy.read_bytes()
    assert published.read_bytes() == before  # the site is untouched until the next build swaps in
    rebuilt = build_in(root)
    assert b"Renamed" in (rebuilt.site / "api" / "example-ocean-futures.json").read_bytes()


def test_write_tree_rewrites_only_what_changed_and_notices_hand_edits(tmp_path: Path) -> None:
    docs, assets = tmp_path / "docs", tmp_path / "assets"
    assets.mkdir()
    (assets / "extra.css").write_text("body {}\n")
    files = {"index.md": "# Home\n", "coalitions/a.md": "A\n", "api/a.json": b"{}\n"}
    assert write_tree(docs, files, assets) == 4
    assert write_tree(docs, files, assets) == 0  # the manifest says nothing changed
    edited = docs / "coalitions" / "a.md"
    edited.write_text("B\n")  # same size, new content, new modification time
    os.utime(edited, ns=(edited.stat().st_atime_ns, edited.stat().st_mtime_ns + 1_000_000))
    (docs / "coalitions" / "stray.md").write_text("left over\n")
    (docs / "old" / "deep").mkdir(parents=True)
    (docs / "old" / "deep" / "x.svg").write_text("<svg/>")
    assert write_tree(docs, files | {"api/a.json": b"{\"a\":1}\n"}, assets) == 2
    assert edited.read_text() == "A\n"
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == [
        "api", "api/a.json", "assets", "assets/extra.css", "coalitions", "coalitions/a.md", "index.md"]
    (tmp_path / "docs.manifest.json").write_text("not json")  # a broken manifest: every file is read instead
    assert write_tree(docs, files, assets) == 1

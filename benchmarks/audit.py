"""`make audit`: Lighthouse and the Nu HTML Checker on the built site → benchmarks/AUDIT.md.

Builds the site for the shipped registry and for 1,000 synthetic coalitions, serves each on
localhost with gzip (as GitHub Pages does), runs Lighthouse (npm lighthouse 12.2.3 with Debian's
Chromium, default mobile emulation) on the home, directory, one coalition, criteria, FAQ and
register pages (and, for the shipped registry, the criteria page in each of the five other languages), and the Nu
HTML Checker (npm vnu-jar, Java) on every page of every language.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
TOOLS = HERE / "audit"
OUT = HERE / "out" / "audit"
sys.path.insert(0, str(CHECKOUT))

from benchmarks.synth import make_registry  # noqa: E402
from generator.i18n.languages import TRANSLATED  # noqa: E402

PAGES = {"home": "", "directory": "coalitions/", "coalition": "coalitions/{coalition}/", "criteria": "criteria/",
         "FAQ": "faq/", "register": "register/"}
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 0.95}
MAX_TRANSFER = 500 * 1024
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
                "--disable-component-update --no-first-run --disable-sync")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".ics", ".atom")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (like GitHub Pages)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the folder's address with a slash
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() \
                or not path.name.endswith(COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(root: Path) -> Path:
    subprocess.run([str(Path(sys.executable).with_name("impact")), "build", "--root", str(root)], check=True,
                   env={**os.environ, "SOURCE_DATE_EPOCH": "1790000000"})
    return root / "site"


def lighthouse(url: str, report: Path) -> dict[str, object]:
    command = ["node", str(TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"), url, "--quiet",
               "--output=json", f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
               "--only-categories=performance,accessibility,best-practices,seo"]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=300)
    data = json.loads(report.read_text())
    scores = {key: data["categories"][key]["score"] for key in TARGETS}
    failed = [f"{audit['id']}" for audit in data["audits"].values()
              if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"]
    return {"scores": scores, "transfer": data["audits"]["total-byte-weight"]["numericValue"], "failed": failed}


def nu_check(site: Path) -> Counter[str]:
    jar = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    done = subprocess.run(["java", "-jar", str(jar), "--format", "json", "--skip-non-html", "--errors-only",
                           str(site)], capture_output=True, text=True, timeout=1800, check=False)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return Counter(m["message"] for m in messages if m.get("type") == "error")


def main() -> None:
    if not (TOOLS / "node_modules" / "lighthouse").exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=TOOLS, check=True)
    started = time.perf_counter()
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    shipped = OUT / "shipped"
    shipped.mkdir()
    for name in ("registry", "schema"):
        shutil.copytree(CHECKOUT / name, shipped / name)
    shutil.copy(CHECKOUT / "mkdocs.yml", shipped / "mkdocs.yml")
    sites = {"shipped registry": (build(shipped), "peacebuilding"),
             "1,000 coalitions": (build(make_registry(OUT / "synthetic", 1000)), "fictional-coalition-00001")}
    lines = ["# Audit: Lighthouse and the Nu HTML Checker", "",
             "Measured by `make audit`: Lighthouse 12.2.3 (default mobile emulation, Debian's Chromium) and the Nu "
             "HTML Checker (vnu-jar) on sites served from localhost with gzip, as GitHub Pages serves them.", ""]
    all_met = True
    for label, (site, coalition) in sites.items():
        lines += [f"## {label}", "", "| page | transfer | performance | accessibility | best practices | SEO | "
                  "not passed |", "|---|---|---|---|---|---|---|"]
        pages = dict(PAGES)
        if label == "shipped registry":  # one page of each translated language (issue #15)
            pages.update({f"criteria ({code})": f"{code}/criteria/" for code in TRANSLATED})
        with served(site) as url:
            for page, path in pages.items():
                result = lighthouse(url + path.format(coalition=coalition),
                                    OUT / f"{label[:4]}-{page.replace(' ', '-')}.json")
                scores = result["scores"]
                transfer = float(result["transfer"])  # type: ignore[arg-type]
                met = transfer <= MAX_TRANSFER and all(scores[k] >= t for k, t in TARGETS.items())  # type: ignore[index]
                all_met &= met
                cells = [f"{scores[k]:.2f}" + ("" if scores[k] >= t else " ✗") for k, t in TARGETS.items()]  # type: ignore[index]
                lines.append(f"| {page} | {transfer / 1024:.0f} KB{'' if transfer <= MAX_TRANSFER else ' ✗'} | "
                             + " | ".join(cells) + f" | {', '.join(result['failed']) or '—'} |")  # type: ignore[arg-type]
        errors = nu_check(site)
        pages = sum(1 for _ in site.rglob("*.html"))
        all_met &= not errors
        lines += ["", f"Nu HTML Checker: {sum(errors.values())} errors on {pages:,} pages."]
        lines += [f"- {count} × {message}" for message, count in errors.most_common(10)]
        lines.append("")
    lines.insert(4, f"Targets: transfer ≤ 500 KB, performance ≥ 0.95, accessibility 1.0, best practices 1.0, SEO ≥ "
                    f"0.95, 0 Nu errors — **{'all met' if all_met else 'not all met'}**. Run took "
                    f"{(time.perf_counter() - started) / 60:.1f} minutes.\n")
    (HERE / "AUDIT.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

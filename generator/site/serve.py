"""Live preview: build, serve the site on localhost, rebuild when a registry or template file changes.

Each rebuild is an ordinary build_site, so it takes the repository's build lock like `impact build` does.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.errors import ImpactError
from generator.settings import Settings
from generator.site.build import build_site, templates_dir


def snapshot(folders: Iterable[Path]) -> dict[Path, float]:
    state: dict[Path, float] = {}
    for folder in folders:
        if folder.is_file():
            state[folder] = folder.stat().st_mtime
        elif folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    state[path] = path.stat().st_mtime
    return state


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(settings: Settings, out: Path, host: str, port: int, report: Callable[[str], None],
          stop: threading.Event | None = None, interval: float = 1.0) -> None:
    """Serve `out` and rebuild it on change until `stop` is set (or forever)."""
    stop = stop or threading.Event()
    watched = [settings.registry_dir, settings.root / "schema", settings.root / "mkdocs.yml",
               templates_dir(settings)]

    def rebuild() -> None:
        try:
            result = build_site(settings, out, notify=report)  # waits, saying so, while another build runs
            report(f"Built {result.coalitions} coalition pages.")
        except ImpactError as exc:
            report(f"Not rebuilt — {exc}. The previous version stays online.")

    rebuild()
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    report(f"Serving on http://{host}:{server.server_address[1]}/ — rebuilding when the registry changes "
           "(Ctrl+C stops).")
    state = snapshot(watched)
    try:
        while not stop.wait(interval):
            current = snapshot(watched)
            if current != state:
                state = current
                rebuild()
    finally:
        server.shutdown()
        server.server_close()

"""`impact serve`: a live preview that rebuilds when a registry file changes."""

from __future__ import annotations

import re
import threading
import urllib.request
from pathlib import Path

from generator.settings import make_settings
from generator.site.serve import serve

from .support.registry import EXAMPLE, make_root
from .support.waiting import wait_for


def test_serve_rebuilds_when_a_registry_file_changes(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text()})
    messages: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(make_settings(root), root / "site", "127.0.0.1", 0,
                                                  messages.append, stop, 0.2), daemon=True)
    thread.start()
    try:
        wait_for(lambda: any(m.startswith("Serving on") for m in messages))
        url = re.search(r"http://\S+/", next(m for m in messages if m.startswith("Serving on"))).group(0)
        page = url + "coalitions/example-ocean-futures/"
        assert "Example Coalition for Ocean Futures" in urllib.request.urlopen(page).read().decode()  # noqa: S310
        entry = root / "registry" / "coalitions" / "example-ocean-futures.yml"
        entry.write_text(entry.read_text().replace("name: Example Coalition for Ocean Futures",
                                                   "name: Renamed Fictional Coalition"))
        wait_for(lambda: sum(m.startswith("Built") for m in messages) >= 2)
        assert "Renamed Fictional Coalition" in urllib.request.urlopen(page).read().decode()  # noqa: S310
        entry.write_text("id: [broken\n")
        wait_for(lambda: any(m.startswith("Not rebuilt") for m in messages))
        assert "registry/coalitions/example-ocean-futures.yml" in messages[-1]
        assert "Renamed Fictional Coalition" in urllib.request.urlopen(page).read().decode()  # noqa: S310
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()

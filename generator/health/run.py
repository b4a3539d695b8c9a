"""The whole check: validate the registry, ask every address of the valid entries, weigh the answers against the
memory of the last run and write the new one."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path

import httpx

from generator.errors import UsageError
from generator.health.check import Options, check_links
from generator.health.links import Targets, targets
from generator.health.memory import EMPTY, State, read_state, remember, write_state
from generator.i18n.catalogs import _
from generator.registry.load import load_file
from generator.registry.validate import validate
from generator.settings import Settings


@dataclass(frozen=True)
class Health:
    state: State  # this run's results (what the reports show and the state file keeps)
    previous: State  # the last run's, EMPTY without --state
    targets: Targets

    @property
    def broken(self) -> bool:
        return any(link.status == "broken" for link in self.state.links.values())


def site_url(settings: Settings) -> str:
    """mkdocs.yml's site_url: the user agent names it, so that a site owner sees who asks and why."""
    path = settings.root / "mkdocs.yml"
    document = load_file(path, "mkdocs.yml").document if path.is_file() else None
    url = document.data.get("site_url") if document is not None and isinstance(document.data, dict) else None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise UsageError(_("{file}: no {field} such as {example} — the link check names the registry's address in "
                           "its user agent, so that the sites it asks can see who asks: set {field}").format(
            file=settings.display(path), field="site_url", example="https://registry.example.org/"))
    return url


def user_agent(settings: Settings) -> str:
    return f"impact-registry/{version('impact-registry')} (link check; +{site_url(settings)})"


def run_health(settings: Settings, options: Options, *, state_path: Path | None, confirm_after: dt.timedelta,
               transport: httpx.AsyncBaseTransport | None = None, now: dt.datetime | None = None) -> Health:
    """Check the registry's links and list its stale entries; with `state_path`, weigh the failures against the
    last run's and write this run's state there."""
    previous = read_state(state_path, settings.display(state_path)) if state_path is not None else None
    started = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    report = validate(settings, similarity=False)
    schema = json.loads(settings.schema_path.read_text(encoding="utf-8"))  # validate() has read it already
    found = targets(report, schema, settings.display(settings.coalitions_dir))
    outcomes = check_links(list(found.links), replace(options, user_agent=user_agent(settings)), transport)
    state = remember(outcomes, found, previous, started, confirm_after)
    if state_path is not None:
        write_state(state, state_path, settings.display(state_path))
    return Health(state, previous or EMPTY, found)

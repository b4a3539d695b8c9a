"""Playwright driving Debian's Chromium on a site served from localhost."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]
AXE = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")


@dataclass
class Watch:
    """What a page did that it should not: console errors, dialogs, requests off localhost."""

    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)


@contextmanager
def browser_page() -> Iterator[tuple[object, Watch]]:
    from playwright.sync_api import sync_playwright

    watch = Watch()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context()

        def route(route: object) -> None:
            url = route.request.url  # type: ignore[attr-defined]
            host = urlparse(url).hostname or ""
            if url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost"):
                route.continue_()  # type: ignore[attr-defined]
            else:
                watch.foreign_requests.append(url)
                route.abort()  # type: ignore[attr-defined]

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: watch.console_errors.append(str(e)))

        def on_dialog(dialog: object) -> None:
            watch.dialogs.append(dialog.message)  # type: ignore[attr-defined]
            dialog.dismiss()  # type: ignore[attr-defined]

        page.on("dialog", on_dialog)
        try:
            yield page, watch
        finally:
            context.close()
            browser.close()


def axe_violations(page: object, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")  # type: ignore[attr-defined]
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in result["violations"]
            if v["impact"] in impacts]

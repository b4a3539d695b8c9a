"""`impact health` (issue #17, item 2): every address of the valid entries asked on a real HTTP server on
127.0.0.1 (200, 301, 404, 500, slow, never answering…), DNS and TLS failures through httpx's transport hook,
failures that count only on a second run, stale entries, the three outputs and who is mentioned."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.health.check import Options, check_links
from generator.health.links import Targets, uri_values
from generator.health.memory import read_state, remember
from generator.health.mentions import MENTIONS_MARKER, mentions_markdown
from generator.health.report import ISSUE_MARKER, issue_markdown
from generator.health.run import run_health
from generator.settings import make_settings

from .support.cli import impact
from .support.registry import CHECKOUT, EXAMPLE, make_root

FAST = Options(user_agent="impact-registry-tests", timeout=0.5, retries=0, backoff=0.05)
SITE_URL = re.search(r"^site_url: (\S+)$", (CHECKOUT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)


@dataclass
class Server:
    """What the test server saw: requests by path, user agents, bytes sent of a big body, concurrency."""

    base: str = ""
    silent: str = ""  # a socket that accepts connections and never answers
    methods: dict[str, list[str]] = field(default_factory=dict)
    agents: list[str] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)  # /switch/<name>: the status the test sets
    busy_left: int = 0
    running: int = 0
    most: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


BIG = 50 * 1024 * 1024


def handler_for(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_: Any) -> None:
            pass

        def _answer(self, code: int, headers: dict[str, str] | None = None) -> None:
            self.send_response(code)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_HEAD(self) -> None:
            self._route()

        def do_GET(self) -> None:
            self._route()

        def _route(self) -> None:
            path = self.path.split("?", 1)[0]
            with server.lock:
                server.methods.setdefault(path, []).append(self.command)
                server.agents.append(self.headers.get("User-Agent", ""))
            if path == "/ok":
                self._answer(200)
            elif path.startswith("/status/"):
                self._answer(int(path.rsplit("/", 1)[1]))
            elif path == "/moved":
                self._answer(301, {"Location": "/ok"})
            elif path == "/moved-twice":
                self._answer(308, {"Location": f"{server.base}/moved"})
            elif path == "/temporary":
                self._answer(302, {"Location": "/ok"})
            elif path == "/moved-to-gone":
                self._answer(301, {"Location": "/status/404"})
            elif path == "/to-ftp":
                self._answer(301, {"Location": "ftp://files.example.org/report.pdf"})
            elif path == "/loop":
                self._answer(301, {"Location": "/loop"})
            elif path == "/slow":
                time.sleep(1.5)
                self._answer(200)
            elif path == "/busy-once":
                with server.lock:
                    busy, server.busy_left = server.busy_left > 0, server.busy_left - 1
                self._answer(503 if busy else 200)
            elif path.startswith("/switch/"):
                self._answer(server.answers.get(path, 200))
            elif path.startswith("/pause/"):
                with server.lock:
                    server.running += 1
                    server.most = max(server.most, server.running)
                time.sleep(0.3)
                with server.lock:
                    server.running -= 1
                self._answer(200)
            elif path == "/head-refused":
                self._big_get() if self.command == "GET" else self._answer(405, {"Allow": "GET"})
            else:
                self._answer(404)

        def _big_get(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(BIG))
            self.end_headers()
            sent, chunk = 0, b"x" * 65536
            try:
                while sent < BIG:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            finally:
                with server.lock:
                    server.sent.append(sent)

    return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(state))
    httpd.daemon_threads = True
    silent = socket.create_server(("127.0.0.1", 0), backlog=64)  # listens, never accepts: connections hang
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    state.silent = f"http://127.0.0.1:{silent.getsockname()[1]}/never"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        silent.close()


class FailingNames(httpx.AsyncBaseTransport):
    """The real transport, except for two names that fail as a resolver and a TLS handshake make them fail:
    httpx's ConnectError with the socket's or the TLS library's error as its cause."""

    def __init__(self) -> None:
        self.real = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == "nowhere.example.org":
            raise httpx.ConnectError("[Errno -2] Name or service not known", request=request) \
                from socket.gaierror(-2, "Name or service not known")
        if request.url.host == "expired.example.org":
            error = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
            error.verify_message = "certificate has expired"
            raise httpx.ConnectError(str(error), request=request) from error
        return await self.real.handle_async_request(request)

    async def aclose(self) -> None:
        await self.real.aclose()


# --- the addresses -------------------------------------------------------------------------------------------

def entry_text(coalition_id: str, urls: dict[str, str], maintainers: str = "example-volunteer",
               update: str = "2026-09-01") -> str:
    """The example coalition under another id, its three addresses replaced (keys: website, initiative, contact)."""
    return (EXAMPLE.read_text(encoding="utf-8").replace("id: example-ocean-futures", f"id: {coalition_id}")
            .replace("https://coastal.example.org", urls["website"])
            .replace("https://alliance.example.org", urls["initiative"])
            .replace("https://ocean.example.org/contact", urls["contact"])
            .replace("maintainers: [example-volunteer]", f"maintainers: [{maintainers}]")
            .replace('date: "2026-09-01"', f'date: "{update}"'))


def test_every_address_field_of_the_schema_is_found() -> None:
    schema = json.loads((CHECKOUT / "schema" / "coalition.schema.json").read_text(encoding="utf-8"))
    data = {"members": [{"name": "A", "website": "https://a.example.org"}, {"name": "B"}],
            "related_initiatives": [{"name": "R", "url": "https://r.example.org"}],
            "events": [{"title": "E", "url": "https://e.example.org"}],
            "resources": [{"title": "Res", "url": "https://res.example.org"}],
            "contact": {"email": "c@example.org", "url": "https://c.example.org"},
            "sources": ["https://s1.example.org", "https://s2.example.org"],
            "summary": "https://not-an-address-field.example.org"}
    assert sorted(uri_values(schema, data)) == sorted(
        ["https://a.example.org", "https://r.example.org", "https://e.example.org", "https://res.example.org",
         "https://c.example.org", "https://s1.example.org", "https://s2.example.org"])
    nested = {"$defs": {"page": {"type": "string", "format": "uri"}},
              "properties": {"more": {"allOf": [{"items": {"$ref": "#/$defs/page"}}]}}}
    assert list(uri_values(nested, {"more": ["https://m.example.org"]})) == ["https://m.example.org"]


def test_each_answer_gets_its_status(server: Server) -> None:
    b = server.base
    closed = socket.create_server(("127.0.0.1", 0))
    refused = f"http://127.0.0.1:{closed.getsockname()[1]}/"
    closed.close()  # nothing listens there any more
    urls = [refused, f"{b}/ok", f"{b}/moved", f"{b}/moved-twice", f"{b}/temporary", f"{b}/status/404",
            f"{b}/status/500", f"{b}/moved-to-gone", f"{b}/slow", server.silent, f"{b}/to-ftp", f"{b}/loop",
            f"{b}/status/429"]
    found = {url.removeprefix(b): (o.status, o.detail, o.location) for url, o in check_links(urls, FAST).items()}
    assert found["/ok"] == ("ok", "200 OK", None)
    assert found["/moved"][0::2] == ("redirected", f"{b}/ok") and "301 Moved Permanently" in found["/moved"][1]
    assert found["/moved-twice"][0::2] == ("redirected", f"{b}/ok")  # location: where the redirects end
    assert found["/temporary"] == ("ok", "302 Found, then 200 OK", f"{b}/ok")
    assert found["/status/404"] == ("broken", "404 Not Found", None)
    assert found["/status/500"] == ("broken", "500 Internal Server Error", None)
    assert found["/moved-to-gone"] == ("broken", "301 Moved Permanently, then 404 Not Found", f"{b}/status/404")
    assert found["/slow"] == ("unreachable", "no answer within 0.5 s", None)
    assert found[server.silent] == ("unreachable", "no answer within 0.5 s", None)
    assert found[refused] == ("unreachable", "the server refuses the connection", None)
    assert found["/to-ftp"][0::2] == ("broken", "ftp://files.example.org/report.pdf")
    assert "ftp: address, which is not followed" in found["/to-ftp"][1]
    assert found["/loop"][0] == "broken" and "loop" in found["/loop"][1]
    assert found["/status/429"][0] == "unreachable" and "slow down" in found["/status/429"][1]
    assert server.methods["/status/500"] == ["HEAD"]  # GET only when HEAD is refused


def test_get_is_asked_when_head_is_refused_and_the_body_is_not_read(server: Server) -> None:
    [outcome] = check_links([f"{server.base}/head-refused"], FAST).values()
    assert (outcome.status, outcome.detail) == ("ok", "200 OK")
    assert server.methods["/head-refused"] == ["HEAD", "GET"]
    for _ in range(100):  # the handler notes what it sent once the client has closed the connection
        if server.sent:
            break
        time.sleep(0.05)
    assert server.sent and server.sent[0] < BIG


@pytest.mark.parametrize(("retries", "status"), [(0, "broken"), (1, "ok")])
def test_a_busy_server_is_asked_again(server: Server, retries: int, status: str) -> None:
    server.busy_left = 1
    options = Options(user_agent="t", timeout=2, retries=retries, backoff=0.05)
    [outcome] = check_links([f"{server.base}/busy-once"], options).values()
    assert outcome.status == status
    assert server.methods["/busy-once"] == ["HEAD"] * (retries + 1)


@pytest.mark.parametrize("per_host", [1, 3])
def test_one_host_gets_at_most_per_host_requests_at_a_time(server: Server, per_host: int) -> None:
    options = Options(user_agent="t", timeout=5, retries=0, per_host=per_host)
    outcomes = check_links([f"{server.base}/pause/{n}" for n in range(6)], options)
    assert {o.status for o in outcomes.values()} == {"ok"}
    assert server.most == per_host


def test_dns_and_tls_failures_come_through_the_transport(server: Server) -> None:
    urls = ["https://nowhere.example.org/page", "https://expired.example.org/"]
    outcomes = check_links(urls, FAST, FailingNames())
    assert (outcomes[urls[0]].status, outcomes[urls[0]].detail) == \
        ("broken", "the name nowhere.example.org does not resolve (DNS)")
    assert (outcomes[urls[1]].status, outcomes[urls[1]].detail) == \
        ("broken", "the secure connection (TLS) fails: certificate has expired")


# --- the command ---------------------------------------------------------------------------------------------

def registry(tmp_path: Path, server: Server, **entries: dict[str, str]) -> Path:
    return make_root(tmp_path / "repo", {f"{name}.yml": entry_text(name, urls) for name, urls in entries.items()})


def health_json(root: Path, *args: str) -> dict[str, Any]:
    done = impact("health", "--format", "json", "--timeout", "0.5", "--retries", "0", *args, cwd=root)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_json_report_keeps_its_contract_and_skips_files_with_errors(tmp_path: Path, server: Server) -> None:
    b = server.base
    root = registry(tmp_path, server, **{"ocean-one": {"website": f"{b}/ok", "initiative": f"{b}/moved",
                                                       "contact": f"{b}/status/404"},
                                         "ocean-two": {"website": f"{b}/ok", "initiative": f"{b}/ok",
                                                       "contact": f"{b}/temporary"}})
    (root / "registry" / "coalitions" / "broken-file.yml").write_text(
        entry_text("broken-file", {"website": f"{b}/never-asked", "initiative": f"{b}/ok", "contact": "x"}))
    done = impact("health", "--format", "json", "--retries", "0", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "1 file with errors not checked (run impact validate): registry/coalitions/broken-file.yml" in done.stderr
    report = json.loads(done.stdout)
    assert list(report) == ["version", "links", "stale"] and report["version"] == 1 and report["stale"] == []
    links = {link["url"].removeprefix(b): link for link in report["links"]}
    assert list(links) == sorted(links) and "/never-asked" not in links
    assert all(list(link) == ["url", "files", "status", "detail", "location"] for link in links.values())
    assert links["/ok"]["files"] == ["registry/coalitions/ocean-one.yml", "registry/coalitions/ocean-two.yml"]
    assert {k: v["status"] for k, v in links.items()} == {"/ok": "ok", "/moved": "redirected",
                                                          "/status/404": "broken", "/temporary": "ok"}
    assert links["/moved"]["location"] == f"{b}/ok" and links["/ok"]["location"] is None
    assert "/never-asked" not in server.methods
    assert any(SITE_URL and SITE_URL[1] in agent and agent.startswith("impact-registry/") for agent in server.agents)


def test_strict_exits_1_when_a_link_is_broken(tmp_path: Path, server: Server) -> None:
    b = server.base
    root = registry(tmp_path, server, **{"ocean-one": {"website": f"{b}/ok", "initiative": f"{b}/ok",
                                                       "contact": f"{b}/status/404"}})
    assert impact("health", "--retries", "0", cwd=root).returncode == 0
    done = impact("health", "--retries", "0", "--strict", cwd=root)
    assert done.returncode == 1 and "broken       " in done.stdout and "1 broken" in done.stdout


def test_a_failure_counts_on_the_second_run(tmp_path: Path, server: Server) -> None:
    b = server.base
    root = registry(tmp_path, server, **{"ocean-one": {"website": f"{b}/switch/site", "initiative": f"{b}/ok",
                                                       "contact": f"{b}/ok"}})
    state = tmp_path / "health.json"
    run = ("--state", str(state), "--confirm-after", "0")
    server.answers["/switch/site"] = 404
    first = {link["url"]: link for link in health_json(root, *run)["links"]}[f"{b}/switch/site"]
    assert first["status"] == "ok" and "404 Not Found — failing since" in first["detail"]
    assert "reported as broken if it still fails on the next run" in first["detail"]
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert saved["checked"] and [link["failing_since"] for link in saved["links"]].count(None) == 1
    second = {link["url"]: link for link in health_json(root, *run)["links"]}[f"{b}/switch/site"]
    assert (second["status"], second["detail"]) == ("broken", "404 Not Found")
    server.answers["/switch/site"] = 200  # it answers again: forgotten, and a new failure starts over
    assert {link["status"] for link in health_json(root, *run)["links"]} == {"ok"}
    assert all(link["failing_since"] is None for link in json.loads(state.read_text(encoding="utf-8"))["links"])
    server.answers["/switch/site"] = 500
    again = {link["url"]: link for link in health_json(root, *run)["links"]}[f"{b}/switch/site"]
    assert again["status"] == "ok" and "500 Internal Server Error — failing since" in again["detail"]


def state_with(url: str, failing_since: dt.datetime) -> str:
    return json.dumps({"version": 1, "checked": failing_since.strftime("%Y-%m-%dT%H:%M:%SZ"), "stale": [],
                       "links": [{"url": url, "files": [], "status": "ok", "detail": "earlier", "location": None,
                                  "failing_since": failing_since.strftime("%Y-%m-%dT%H:%M:%SZ")}]})


@pytest.mark.parametrize(("days_ago", "status"), [(1, "ok"), (4, "broken")])
def test_a_failure_counts_only_when_the_runs_are_far_enough_apart(tmp_path: Path, server: Server, days_ago: int,
                                                                  status: str) -> None:
    b = server.base
    root = registry(tmp_path, server, **{"ocean-one": {"website": f"{b}/status/404", "initiative": f"{b}/ok",
                                                       "contact": f"{b}/ok"}})
    first = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=days_ago)
    state = tmp_path / "health.json"
    state.write_text(state_with(f"{b}/status/404", first), encoding="utf-8")
    link = {x["url"]: x for x in health_json(root, "--state", str(state))["links"]}[f"{b}/status/404"]  # 72 hours
    assert link["status"] == status
    if status == "ok":
        later = (first + dt.timedelta(hours=72)).strftime("%Y-%m-%d %H:%M UTC")
        assert f"reported as broken if it still fails on a run from {later}" in link["detail"]
    kept = json.loads(state.read_text(encoding="utf-8"))["links"]
    assert [x["failing_since"] for x in kept if x["url"].endswith("/404")] == [first.strftime("%Y-%m-%dT%H:%M:%SZ")]


def commit_long_ago(root: Path) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_AUTHOR_DATE": "2024-07-01T12:00:00Z",
           "GIT_COMMITTER_DATE": "2024-07-01T12:00:00Z"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "registry"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def test_stale_entries_are_listed_and_each_new_problem_mentioned_once(tmp_path: Path, server: Server) -> None:
    b = server.base
    urls = {"website": f"{b}/ok", "initiative": f"{b}/ok", "contact": f"{b}/ok"}
    root = make_root(tmp_path / "repo", {
        "quiet-coast.yml": entry_text("quiet-coast", {**urls, "contact": f"{b}/moved"}, "ana-example, bo-example",
                                      update="2024-06-01"),
        "busy-coast.yml": entry_text("busy-coast", {**urls, "website": f"{b}/switch/x"}, "cy-example")})
    commit_long_ago(root)
    state, mentions = tmp_path / "health.json", tmp_path / "mentions.md"
    run = ("--state", str(state), "--confirm-after", "0", "--mentions", str(mentions))
    server.answers["/switch/x"] = 404
    assert health_json(root, *run)["stale"] == ["quiet-coast"]
    comment = mentions.read_text(encoding="utf-8")
    assert comment.startswith(MENTIONS_MARKER + "\n")
    assert comment.count("@ana-example @bo-example") == 1 and "@cy-example" not in comment  # 404 not counted yet
    assert "has moved to" in comment and "the entry is stale" in comment
    health_json(root, *run)
    comment = mentions.read_text(encoding="utf-8")
    assert "@ana-example" not in comment and comment.count("@cy-example") == 1 and "is broken: 404" in comment
    health_json(root, *run)
    assert mentions.read_text(encoding="utf-8") == ""  # nothing new: nobody is mentioned again
    assert read_state(state, "health.json").stale == ("quiet-coast",)


def test_the_issue_body_mentions_nobody_and_fits(tmp_path: Path, server: Server) -> None:
    b = server.base
    root = registry(tmp_path, server, **{"ocean-one": {"website": f"{b}/ok", "initiative": f"{b}/moved",
                                                       "contact": f"{b}/status/404"}})
    health = run_health(make_settings(root), FAST, state_path=None, confirm_after=dt.timedelta(hours=72))
    body = issue_markdown(health.state, ["registry/coalitions/bad.yml"], dt.timedelta(hours=72))
    assert body.startswith(ISSUE_MARKER + "\n") and "### Broken links (1)" in body and "bad.yml" in body
    assert "### Moved links" in body and "at least 72 hours apart" in body
    assert "@example-volunteer" not in body
    many = [f"{b}/status/404?n={n}" for n in range(400)]
    outcomes = check_links(many, FAST)
    state = remember(outcomes, Targets({u: ("registry/coalitions/x.yml",) for u in many}, (), {}, ()), None,
                     dt.datetime.now(dt.UTC), dt.timedelta(0))
    assert {link.status for link in state.links.values()} == {"broken"}
    cut = issue_markdown(state, [], dt.timedelta(0), limit=5000)
    assert len(cut) <= 5000 and "more lines: the state file (registry/health.json) has them all" in cut
    assert mentions_markdown(state, state, {}) == ""


def test_messages_name_the_file_and_say_what_to_do(tmp_path: Path, server: Server) -> None:
    root = registry(tmp_path, server, **{"ocean-one": {"website": f"{server.base}/ok", "initiative":
                                                       f"{server.base}/ok", "contact": f"{server.base}/ok"}})
    state = tmp_path / "health.json"
    state.write_text('{"version": 1, "links": [{"url": "x"}], "stale": []}', encoding="utf-8")
    done = impact("health", "--state", str(state), cwd=root)
    assert done.returncode == 2
    assert f"{state}: links[0] needs url and detail as text" in done.stderr
    assert "delete it to start afresh" in done.stderr
    state.write_text("{", encoding="utf-8")
    assert "line 1: not JSON" in impact("health", "--state", str(state), cwd=root).stderr
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    done = impact("health", cwd=root)
    assert done.returncode == 2 and "mkdocs.yml: no site_url" in done.stderr and "set site_url" in done.stderr

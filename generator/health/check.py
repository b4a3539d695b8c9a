"""Ask each address whether it still answers: concurrent HEAD requests (GET when HEAD is refused), no body read,
redirects followed by hand (never to another scheme than http and https), timeouts, retries with backoff and a
limit per host, so that a registry with many links on one site does not hammer it."""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from generator.health.links import WEB_SCHEMES
from generator.i18n.catalogs import _

Status = Literal["ok", "redirected", "broken", "unreachable"]
FAILING: frozenset[Status] = frozenset({"broken", "unreachable"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
REFUSED_HEAD = frozenset({405, 501})
BUSY = frozenset({429, 502, 503, 504})  # worth asking again after a pause


@dataclass(frozen=True)
class Outcome:
    status: Status
    detail: str
    location: str | None = None  # the final address, when the link was redirected


@dataclass(frozen=True)
class Options:
    user_agent: str = ""  # the tool and the registry's site (run.py)
    timeout: float = 15.0  # seconds for one request, connection included
    retries: int = 2  # further tries after a timeout, a failed connection or a busy answer
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    per_host: int = 2  # requests at a time to one host
    parallel: int = 16  # requests at a time, all hosts together
    max_redirects: int = 10


def _phrase(code: int) -> str:
    """The standard reason phrase: a server's own could say anything."""
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP {code}"


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _failure(exc: Exception, url: str, timeout: float) -> Outcome:
    """A request that got no HTTP answer: what went wrong, as a status and a sentence."""
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return Outcome("unreachable", _("no answer within {seconds} s").format(seconds=f"{timeout:g}"))
    cause: BaseException | None = exc
    while cause is not None:  # httpx keeps the socket's or the TLS library's error as the cause
        if isinstance(cause, socket.gaierror):
            return Outcome("broken", _("the name {host} does not resolve (DNS)").format(host=urlsplit(url).hostname))
        if isinstance(cause, ssl.SSLError):
            reason = getattr(cause, "verify_message", "") or cause.reason or str(cause)
            return Outcome("broken", _one_line(_("the secure connection (TLS) fails: {reason}").format(reason=reason)))
        if isinstance(cause, ConnectionRefusedError):
            return Outcome("unreachable", _("the server refuses the connection"))
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return Outcome("broken", _one_line(_("not a web address the check can ask: {reason}").format(reason=exc)))
    if isinstance(exc, httpx.ConnectError):
        return Outcome("unreachable", _one_line(_("the connection fails: {reason}").format(reason=exc)))
    return Outcome("unreachable", _one_line(_("the server gives no answer ({reason})").format(
        reason=f"{type(exc).__name__}: {exc}")))


class _Checker:
    def __init__(self, client: httpx.AsyncClient, options: Options) -> None:
        self.client = client
        self.options = options
        self.hosts: dict[str, asyncio.Semaphore] = {}
        self.requests = asyncio.Semaphore(options.parallel)

    async def _send(self, method: str, url: str) -> tuple[int, str | None]:
        """One request under the host's limit and the overall one; the body is never read (the stream is closed
        unread). The timeout starts once it is this request's turn."""
        gate = self.hosts.setdefault(urlsplit(url).hostname or "", asyncio.Semaphore(self.options.per_host))
        async with gate, self.requests, asyncio.timeout(self.options.timeout):
            response = await self.client.send(self.client.build_request(method, url), stream=True)
            await response.aclose()
            return response.status_code, response.headers.get("location")

    async def _ask(self, url: str) -> tuple[int, str | None] | Outcome:
        """HEAD, then GET when HEAD is refused; asked again, after a growing pause, while it may be passing."""
        outcome: tuple[int, str | None] | Outcome = Outcome("unreachable", _("not asked"))
        for attempt in range(self.options.retries + 1):
            if attempt:
                await asyncio.sleep(self.options.backoff * 2 ** (attempt - 1))
            try:
                outcome = await self._send("HEAD", url)
                if outcome[0] in REFUSED_HEAD:
                    outcome = await self._send("GET", url)
            except (httpx.TransportError, httpx.InvalidURL, TimeoutError) as exc:
                outcome = _failure(exc, url, self.options.timeout)
                if outcome.status == "broken":  # DNS, TLS, a bad address: asking again will not help
                    return outcome
                continue
            if outcome[0] not in BUSY:
                return outcome
        return outcome

    async def check(self, url: str) -> Outcome:
        chain: list[int] = []
        current, seen = url, {url}
        for _attempt in range(self.options.max_redirects + 1):
            answer = await self._ask(current)
            moved = current if chain else None
            if isinstance(answer, Outcome):
                after = " " + _("(at {address}, after a redirect)").format(address=current) if chain else ""
                return Outcome(answer.status, answer.detail + after, moved)
            code, location = answer
            if code not in REDIRECTS or not location:
                return _classify(code, chain, moved)
            target = urljoin(current, location.strip())
            scheme = urlsplit(target).scheme.lower()
            if scheme not in WEB_SCHEMES:
                to = _("{answer} to a {scheme}: address, which is not followed") if scheme else \
                    _("{answer} to a relative address, which is not followed")
                return Outcome("broken", _one_line(to.format(answer=_phrase(code), scheme=scheme)),
                               _one_line(target, 2000))
            if target in seen:
                return Outcome("broken", _("{answer}: the redirects go round in a loop").format(answer=_phrase(code)),
                               target)
            chain.append(code)
            current = target
            seen.add(target)
        return Outcome("broken", _("more than {count} redirects").format(count=self.options.max_redirects), current)


def _classify(code: int, chain: Sequence[int], location: str | None) -> Outcome:
    """The final answer's status, given the redirects that led to it (`location`: where they ended)."""
    answer = _("{first}, then {answer}").format(first=_phrase(chain[0]), answer=_phrase(code)) if chain else \
        _phrase(code)
    if code == 429:
        return Outcome("unreachable", _("{answer}: the server asks to slow down").format(answer=answer), location)
    if code >= 400:
        return Outcome("broken", answer, location)
    if chain and chain[0] in PERMANENT:
        return Outcome("redirected", _("{answer}: the address has moved — use the new one").format(
            answer=_phrase(chain[0])), location)
    return Outcome("ok", answer, location)


async def _check_all(urls: Sequence[str], options: Options,
                     transport: httpx.AsyncBaseTransport | None) -> dict[str, Outcome]:
    # Connections are not capped by the pool (a full pool would wait and look like a timeout): the semaphores are.
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=options.parallel)
    headers = {"User-Agent": options.user_agent, "Accept": "*/*"}
    async with httpx.AsyncClient(transport=transport, limits=limits, headers=headers, follow_redirects=False,
                                 timeout=httpx.Timeout(options.timeout)) as client:
        checker = _Checker(client, options)
        outcomes = await asyncio.gather(*(checker.check(url) for url in urls))
    return dict(zip(urls, outcomes, strict=True))


def check_links(urls: Sequence[str], options: Options,
                transport: httpx.AsyncBaseTransport | None = None) -> Mapping[str, Outcome]:
    """Each address's outcome. `transport` replaces the network (the tests' DNS and TLS failures)."""
    return asyncio.run(_check_all(urls, options, transport))

"""What entry text may become in the site's outputs: e-mail addresses obfuscated, links only to absolute
http(s) addresses, HTML cut down to an allow-list (issue #12, item 9).

E-mail addresses. The site carries none in plain text, in any output (pages, JSON, CSV, Atom,
iCalendar). An address is any at-sign (`@`, the full-width `＠` and small `﹫` that some harvesters
fold to it, or `%40` as a URL encodes it, also encoded again as `%2540`) with a character that may end
an address's local part before it and a domain after it — at least two labels of letters (any
script), digits or hyphens, the last one at least two characters with a letter — with Markdown
emphasis markers (`*`, `_`, `~`, backticks) or HTML tags allowed around the at-sign and the dots:
`*alice*@example.org`, `<em>bob</em>@example.org`, `jörg@exämple.org` and `?to=carol@example.org`
inside a URL are all addresses. Each is shown as "alice [at] example [dot] org".

Links. A link survives sanitising only if its address is absolute http(s) with a host, no user name
or password before the host, no white space, quote or angle bracket, and no e-mail address in it:
`//host/…`, relative, `mailto:` and other hrefs are dropped — the anchor stays as a placeholder that
goes nowhere, around its text, whose addresses are then obfuscated — so an address is never published
in a URL, and an href is never broken by obfuscation. Links keep only `href` and
`rel="nofollow noopener ugc"`; no other attribute survives on any element.
"""

from __future__ import annotations

import re

ALLOWED_TAGS = frozenset({"p", "br", "ul", "ol", "li", "em", "strong", "code", "pre", "blockquote", "a", "h3", "h4",
                          "h5", "h6", "hr"})
LINK_REL = "nofollow noopener ugc"

AT_SIGNS = "@\uff20\ufe6b"  # @, full-width ＠, small ﹫
# …and the at-sign percent-encoded, once or more (%40, %2540): a URL may carry an address so.
_AT_SIGN = re.compile(f"[{AT_SIGNS}]|%(?:25){{0,8}}40")
# Characters that may end an address's local part (RFC 5322 atext, and any letter or digit).
_LOCAL_END = re.compile(r"[\w!#$%&'*+/=?^`{|}~.-]")
# Markup allowed between the parts of an address: emphasis markers, backticks and HTML tags.
_MARKUP = r"(?:<[^<>]{0,200}>|[*_~`])"
_DOTS = "[.\uff0e\u3002\uff61]"  # . and the full-width, ideographic and half-width full stops
# After the at-sign: markup, then labels joined by dots (markup allowed around each dot). Bounded, so
# that the time spent at one at-sign never depends on the length of the text.
_DOMAIN = re.compile(rf"{_MARKUP}{{0,10}}(?P<domain>[\w-]{{1,63}}(?:{_MARKUP}{{0,10}}{_DOTS}{_MARKUP}{{0,10}}"
                     rf"[\w-]{{1,63}}){{1,20}})")
# Markup just before the at-sign, read backwards (the text before it is reversed): tags read `>…<`.
_MARKUP_BEFORE = re.compile(r"(?:>[^<>]{0,200}<|[*_~`]){0,10}")
_TAG_OR_DOT = re.compile(rf"<[^<>]*>|{_DOTS}")
_LAST_LABEL = re.compile(r"[\w-]+$")
_LOOK_BACK = 2100  # characters before an at-sign that can hold the markup read backwards


def _top_level_ok(domain: str) -> bool:
    label = _LAST_LABEL.search(domain)
    return label is not None and len(label.group()) >= 2 and any(c.isalpha() for c in label.group())


def _addresses(text: str) -> list[tuple[int, int, int, str]]:
    """(at-sign start, at-sign end, end of the domain, domain as written) for every address in `text`."""
    found = []
    for sign in _AT_SIGN.finditer(text):
        at = sign.start()
        after = _DOMAIN.match(text, sign.end())
        if after is None or not _top_level_ok(_TAG_OR_DOT.sub(".", after.group("domain")).rstrip(".")):
            continue
        before = text[max(0, at - _LOOK_BACK):at][::-1]
        skipped = _MARKUP_BEFORE.match(before)
        position = skipped.end() if skipped else 0
        if position < len(before) and _LOCAL_END.match(before[position]):
            found.append((at, sign.end(), after.end(), after.group("domain")))
    return found


def _scan(text: str) -> list[tuple[int, int, int, str]]:
    return _addresses(text) if any(sign in text for sign in AT_SIGNS) or "%" in text else []


def has_address(text: str) -> bool:
    """Whether `text` holds an e-mail address, in any of the forms redact_emails obfuscates."""
    return bool(_scan(text))


def obfuscate_email(address: str) -> str:
    """'team@example.org' → 'team [at] example [dot] org': readable by people, not by address harvesters.
    Fails closed: an at-sign left over (in a form the address pattern does not know) is written out too."""
    return _AT_SIGN.sub(" [at] ", redact_emails(address))


def redact_emails(text: str) -> str:
    """Every address in `text` (plain text or sanitised HTML) obfuscated; markup around it kept."""
    found = _scan(text)
    if not found:
        return text
    out, last = [], 0
    for at, sign_end, end, _ in found:
        if at < last:  # inside the domain of the address before (a second at-sign there)
            continue
        out.append(text[last:at])
        out.append(" [at] ")
        # Dots outside tags become " [dot] "; a tag in the domain (an emphasis) is kept as it is.
        out.append(_TAG_OR_DOT.sub(lambda m: m.group() if m.group().startswith("<") else " [dot] ", text[sign_end:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


# --- links --------------------------------------------------------------------------------------------------------

# Absolute http(s): a host (any script, an optional port) with no user name or password, then a path,
# query or fragment; no white space, control character, quote, angle bracket or backslash anywhere.
_HREF = re.compile(r"https?://[^\s\x00-\x1f\x7f/?#@<>\"'`\\]+(?:[/?#][^\s\x00-\x1f\x7f<>\"'`\\]*)?",
                   re.IGNORECASE)


def href_allowed(href: str) -> bool:
    """A link address the site publishes: absolute http(s) with a host, and no e-mail address in it."""
    return _HREF.fullmatch(href) is not None and not has_address(href)


def _attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "a" and attribute == "href":
        return value if href_allowed(value) else None
    return value  # rel, set by the sanitiser itself


def clean_html(html: str) -> str:
    """The allow-list: ALLOWED_TAGS, no attribute but a link's href and rel, hrefs only as href_allowed says
    (any other href is dropped: the anchor stays, a placeholder that goes nowhere, around its text), no
    comments; script and style elements removed with their content."""
    import nh3  # the site extra: validation imports this module without it (issue #16)

    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes={"*": set(), "a": {"href"}},
                     url_schemes={"http", "https"}, url_relative="deny", attribute_filter=_attribute,
                     link_rel=LINK_REL, strip_comments=True)

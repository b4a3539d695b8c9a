"""Whether a contact address looks like a person's own rather than the coalition's (the `personal-contact`
warning, #14 item 12). The file is public on GitHub, so a person's address there is published whatever
`contact.public` says. Deliberately simple, and only advice:

- a free-mail domain: one of FREE_MAIL's names before a top-level domain, or before co.<cc> / com.<cc>
  (gmail.com, yahoo.fr, hotmail.co.uk, yahoo.com.br);
- or a local part of two or three words of letters joined by dots, as people's names are written
  (jane.doe@, j.doe@, jane.m.doe@); role addresses are usually one word or hyphenated (info@, clean-rivers@).
"""

from __future__ import annotations

import re

from generator.i18n.catalogs import _

# The big free-mail providers; an address there belongs to whoever opened it, not to an organisation.
FREE_MAIL = frozenset({"gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn", "icloud", "me",
                       "aol", "proton", "protonmail", "gmx", "web", "mail", "yandex", "qq", "163", "126", "rediffmail"})
_NAME = re.compile(r"[A-Za-z]+(?:\.[A-Za-z]+){1,2}")


def _provider(domain: str) -> str:
    """The domain without its top-level part: gmail.com → gmail, hotmail.co.uk → hotmail."""
    labels = domain.lower().split(".")
    suffix = 2 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com") else 1
    return ".".join(labels[:-suffix])


def personal_reason(address: str) -> str:
    """Why `address` looks like a person's own ("" when it does not)."""
    local, at, domain = address.rpartition("@")
    if not at:
        return ""
    if _provider(domain) in FREE_MAIL:
        return _("{domain} is a free-mail service, where addresses belong to people").format(domain=domain.lower())
    if _NAME.fullmatch(local):
        return _("it reads like a person's name ({form})").format(form="first.last@")
    return ""

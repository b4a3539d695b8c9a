"""mkdocs.yml as the site reads it: its name and addresses, the maintainers' contact and the licences
(SiteInfo), and what the build warns about while the shipped placeholders are still in it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.errors import ImpactError
from generator.i18n.catalogs import N_, _
from generator.i18n.languages import CODES, ENGLISH
from generator.registry.load import load_file
from generator.settings import Settings
from generator.site.render import Licence, SiteInfo

# The shipped mkdocs.yml's stand-ins. They reach embed codes, feeds, "edit this entry" and claim links and the
# contact shown on every page, so a deployment that keeps one publishes addresses that lead nowhere.
PLACEHOLDERS = {
    "site_url": ("https://impact-coalitions.example.org/", N_("embed codes, feeds and the sitemap point at it")),
    "extra.repository": ("https://github.com/impact-coalitions/registry",
                         N_("edit, claim and issue links on every coalition page lead there")),
    "extra.contact": ("registry-maintainers@example.org", N_("the site gives it as the maintainers' address")),
}


def site_config(settings: Settings) -> dict[str, Any]:
    path = settings.root / "mkdocs.yml"
    loaded = load_file(path, "mkdocs.yml")
    if loaded.document is None:
        details = "; ".join(_("line {line}: {message}").format(line=p.line, message=p.message) for p in loaded.problems)
        raise ImpactError(_("{file} cannot be read: {details}").format(file=path, details=details))
    return dict(loaded.document.data)


def _setting(config: Mapping[str, Any], name: str) -> str:
    """A setting by its dotted name (extra.contact), "" when unset."""
    value: Any = config
    for part in name.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return str(value or "").strip()


def _licence(config: Mapping[str, Any], kind: str, repository: str, branch: str) -> Licence | None:
    """extra.licence.<kind>; a URL relative to the repository (LICENSE) becomes the file's address there."""
    licence_id, name, url = (_setting(config, f"extra.licence.{kind}.{key}") for key in ("id", "name", "url"))
    if not licence_id:
        return None
    if url and "://" not in url and repository:
        url = f"{repository}/blob/{branch}/{url.lstrip('/')}"
    return Licence(licence_id, name or licence_id, url)


def site_info(config: Mapping[str, Any]) -> SiteInfo:
    url = _setting(config, "site_url") or "/"
    repository = _setting(config, "extra.repository").rstrip("/")
    branch = _setting(config, "extra.branch") or "main"
    return SiteInfo(name=_setting(config, "site_name") or "ImPACT Coalitions Registry",
                    url=url if url.endswith("/") else url + "/", repository=repository, branch=branch,
                    contact=_setting(config, "extra.contact"),
                    code_licence=_licence(config, "code", repository, branch),
                    data_licence=_licence(config, "data", repository, branch))


def placeholder_warnings(config: Mapping[str, Any]) -> list[str]:
    """One warning for each setting of mkdocs.yml that still holds the shipped placeholder."""
    return [_("Warning: {file}'s {setting} is still the shipped placeholder {placeholder} — {why}; set it to this "
              "registry's own before publishing the site.").format(file="mkdocs.yml", setting=name,
                                                                   placeholder=placeholder, why=_(why))
            for name, (placeholder, why) in PLACEHOLDERS.items()
            if _setting(config, name).rstrip("/") == placeholder.rstrip("/")]


def site_languages(config: Mapping[str, Any], wanted: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The languages to build: `wanted`, else mkdocs.yml's extra.languages, else all six; English always (the
    site's root), in the UN's order."""
    extra = config.get("extra")
    configured = extra.get("languages", CODES) if isinstance(extra, Mapping) else CODES
    chosen: Any = configured if wanted is None else wanted
    if not isinstance(chosen, (list, tuple)) or not all(isinstance(code, str) for code in chosen):
        raise ImpactError(_("{file}: {setting} must be a list of language codes among {codes}").format(
            file="mkdocs.yml", setting="extra.languages", codes=", ".join(CODES)))
    unknown = [code for code in chosen if code not in CODES]
    if unknown:
        raise ImpactError(_("unknown site language {codes}: the site's languages are {languages}").format(
            codes=", ".join(unknown), languages=", ".join(CODES)))
    return tuple(code for code in CODES if code in chosen or code == ENGLISH.code)

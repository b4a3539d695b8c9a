"""The registry in the six UN languages: the languages, the gettext catalogs, the glossary of UN terms."""

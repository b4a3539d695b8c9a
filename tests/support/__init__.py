"""Test helpers, named for what they make: a registry repository (registry), its test cases (cases), coalition
entries (entries), the `impact` command (cli), git repositories (git), built and served sites (sites), a browser
page (browser), hostile payloads (hostile), the workflows (workflows) and waiting on a condition (waiting).

Fixtures live in tests/conftest.py and the test modules, as thin wrappers over these."""
